package org.jvirt.spi;

import java.util.Objects;
import org.jvirt.api.Operation;

/**
 * One row of the SPI's operation table: an {@link Operation}, the {@link DriverOperations}
 * interface whose implementation declares it, and the method of that interface that performs it.
 *
 * <p>The table is the constants of {@link DriverOperations}, one per operation, and it is the only
 * place the three are paired: the core routes every call by its binding (so a call site cannot
 * name one operation and another's interface), derives what a driver declares from the interfaces
 * its class implements, and generates the support matrix from it. Immutable and thread-safe.
 *
 * @param <I> the interface that declares the operation
 * @since 1.0
 */
public sealed class OperationBinding<I> permits FlaggedBinding {
    private final Operation operation;
    private final Class<I> declaredBy;
    private final String method;

    OperationBinding(Operation operation, Class<I> declaredBy, String method) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.declaredBy = Objects.requireNonNull(declaredBy, "declaredBy");
        this.method = Objects.requireNonNull(method, "method");
    }

    /** The operation, never null. */
    public Operation operation() {
        return operation;
    }

    /** The interface a driver implements to declare the operation, never null. */
    public Class<I> declaredBy() {
        return declaredBy;
    }

    /** The name of the interface's method that performs the operation, never null. */
    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return operation + " -> " + declaredBy.getSimpleName() + "." + method;
    }
}
