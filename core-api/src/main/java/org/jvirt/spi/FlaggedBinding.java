package org.jvirt.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;

/**
 * The binding of an operation that takes libvirt flags: besides the interface and method, which of
 * the operation's flags a driver honours and which the core implements itself.
 *
 * <p>The core passes a driver only flags it declared it honours — through the interface's default
 * method this binding names, such as {@link DriverOperations.DomainUndefine#undefineFlags()} — and
 * refuses any other with INVALID_ARG before the driver is reached, worded as libvirt's
 * {@code virCheckFlags}; flags the core implements (the schema check of {@code VALIDATE}) are never
 * passed on. Immutable and thread-safe.
 *
 * @param <I> the interface that declares the operation
 * @param <F> the operation's flag enum, {@link Operation#flagType()}
 * @since 1.0
 */
public final class FlaggedBinding<I, F extends Enum<F> & Flag> extends OperationBinding<I> {
    private final Class<F> flagType;
    private final Function<? super I, Set<F>> honoured;
    private final Set<F> implementedByCore;

    FlaggedBinding(Operation operation, Class<I> declaredBy, String method, Class<F> flagType,
                   Function<? super I, Set<F>> honoured, Set<F> implementedByCore) {
        super(operation, declaredBy, method);
        if (operation.flagType() != flagType) {
            throw new IllegalArgumentException(operation + " takes " + operation.flagType() + ", not " + flagType);
        }
        this.flagType = flagType;
        this.honoured = Objects.requireNonNull(honoured, "honoured");
        this.implementedByCore = Collections.unmodifiableSet(implementedByCore.isEmpty()
                ? EnumSet.noneOf(flagType) : EnumSet.copyOf(implementedByCore));
    }

    /** The operation's flag enum, never null. */
    public Class<F> flagType() {
        return flagType;
    }

    /**
     * The flags {@code driver} declares it honours for this operation, never null; without the
     * ones the core implements, which a driver never sees.
     */
    public Set<F> honouredBy(I driver) {
        Set<F> declared = EnumSet.noneOf(flagType);
        declared.addAll(honoured.apply(driver));
        declared.removeAll(implementedByCore);
        return Collections.unmodifiableSet(declared);
    }

    /** The flags the core implements for every driver (and removes before calling one), never null. */
    public Set<F> implementedByCore() {
        return implementedByCore;
    }
}
