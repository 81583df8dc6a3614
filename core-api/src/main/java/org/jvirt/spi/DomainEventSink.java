package org.jvirt.spi;

import org.jvirt.api.CloseReason;
import org.jvirt.api.DomainEventDetail;

/**
 * Where a driver reports lifecycle events. Thread-safe; never blocks on listeners (the core
 * queues events and delivers them on its own thread), so a driver may emit while holding its
 * own locks, and must emit in the order the changes happened.
 *
 * @since 1.0
 */
@FunctionalInterface
public interface DomainEventSink {
    /** Reports that {@code domain} went through {@code detail}. */
    void emit(DomainRef domain, DomainEventDetail detail);

    /**
     * Reports that what serves the connection went away behind the caller's back (a remote daemon closed
     * the socket, its keepalive timed out): the core tells the connection's close listeners, with
     * {@code reason}, and {@link org.jvirt.api.Connection#isAlive()} answers false from then on. The
     * driver keeps answering calls (with its error). Only the first report counts; never blocks.
     *
     * @since 1.1
     */
    default void connectionClosed(CloseReason reason) {
    }
}
