package org.jvirt.spi;

import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;

/**
 * The binding of an operation that takes libvirt flags: besides the interface and method, which of
 * the operation's flags a driver honours and which the core implements itself.
 *
 * <p>The core passes a driver only flags it declared it honours — through the interface's default
 * method this binding names ({@link #declaredBy()}), such as
 * {@link DriverOperations.DomainUndefine#undefineFlags()}, or every flag for a listing's filters — and
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
    private final String declaration;
    private final Set<F> implementedByCore;

    /**
     * @param declaration the interface's method declaring the honoured flags, or null when every flag
     *     is honoured (a listing's filters) or none can be (the core implements them all)
     */
    FlaggedBinding(Operation operation, Class<I> declaredBy, String method, Class<F> flagType, String declaration,
                   Set<F> implementedByCore) {
        super(operation, declaredBy, method);
        if (operation.flagType() != flagType) {
            throw new IllegalArgumentException(operation + " takes " + operation.flagType() + ", not " + flagType);
        }
        this.flagType = flagType;
        this.declaration = declaration;
        this.implementedByCore = Collections.unmodifiableSet(implementedByCore.isEmpty()
                ? EnumSet.noneOf(flagType) : EnumSet.copyOf(implementedByCore));
    }

    /** The operation's flag enum, never null. */
    public Class<F> flagType() {
        return flagType;
    }

    /**
     * The name of the interface's method by which a driver declares the flags it honours (e.g.
     * {@code undefineFlags}), or null when the operation's flags are not a driver's to choose:
     * every filter of a listing is honoured, and the core implements the rest itself.
     */
    public String declaration() {
        return declaration;
    }

    /**
     * The flags {@code driver} declares it honours for this operation, never null; without the
     * ones the core implements, which a driver never sees. Read through the declaring method
     * (reflectively, so that the SPI's table costs a short process no lambda linkage).
     *
     * @throws IllegalStateException when the driver's declaration fails or answers null
     */
    public Set<F> honouredBy(I driver) {
        Set<F> declared = EnumSet.noneOf(flagType);
        if (declaration == null) {
            if (implementedByCore.isEmpty()) {
                declared = EnumSet.allOf(flagType);
            }
        } else {
            declared.addAll(declared(driver));
        }
        declared.removeAll(implementedByCore);
        return Collections.unmodifiableSet(declared);
    }

    private Collection<F> declared(I driver) {
        Object answer;
        try {
            answer = declaredBy().getMethod(declaration).invoke(driver);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(declaredBy().getSimpleName() + "." + declaration + " of "
                    + driver.getClass().getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + declaredBy().getSimpleName() + "." + declaration, e);
        }
        if (answer == null) {
            throw new IllegalStateException(declaredBy().getSimpleName() + "." + declaration + " of "
                    + driver.getClass().getName() + " answered null");
        }
        Collection<F> flags = new java.util.ArrayList<>();
        for (Object flag : (Collection<?>) answer) {
            flags.add(flagType.cast(flag));
        }
        return flags;
    }

    /** The flags the core implements for every driver (and removes before calling one), never null. */
    public Set<F> implementedByCore() {
        return implementedByCore;
    }
}
