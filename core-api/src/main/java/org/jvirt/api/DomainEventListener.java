package org.jvirt.api;

/**
 * Receives domain lifecycle events.
 *
 * <p>Called on the connection's event thread, one event at a time, in the order the events
 * happened for each domain, and never while a jvirt lock is held: a listener may call back
 * into the connection. A listener that throws is logged and keeps receiving later events.
 *
 * @since 1.0
 */
@FunctionalInterface
public interface DomainEventListener {
    void onEvent(DomainEvent event);
}
