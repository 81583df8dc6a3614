package org.jvirt.spi;

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
}
