package org.jvirt.spi;

import org.jvirt.api.Operation;

/**
 * One driver's side of one connection. A driver declares operations by implementing the
 * interfaces in {@link DriverOperations}; this base type carries only what every driver has.
 *
 * <p>The core calls a driver from many threads at once: implementations must be thread-safe.
 * Operations throw {@link org.jvirt.api.VirtException} for failures, or
 * {@link DeclinedException} to let the next declaring driver of a composed connection try.
 * A driver never raises NO_SUPPORT: not declaring an operation is how it says so.
 */
public interface Driver extends AutoCloseable {

    /** The driver's name, as its provider's. */
    String name();

    /**
     * Where this driver stands among the connection's drivers declaring {@code operation}: lower
     * values are tried first. The default, {@link #DEFAULT_PRIORITY}, suits a driver alone on its
     * connection; composed drivers say, for instance, "hypervisor first for reads".
     */
    default int priority(Operation operation) {
        return DEFAULT_PRIORITY;
    }

    /** The priority drivers have unless they say otherwise. */
    int DEFAULT_PRIORITY = 100;

    /** Releases what this connection holds. Called once; must not throw. */
    @Override
    void close();
}
