package org.jvirt.api;

import java.util.Objects;

/**
 * A domain lifecycle event.
 *
 * @param domain the domain it concerns (a handle; it may no longer exist), never null
 * @param detail what happened, never null
 *
 * @since 1.0
 */
public record DomainEvent(Domain domain, DomainEventDetail detail) {
    public DomainEvent {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(detail, "detail");
    }

    /** The event's type, from its detail. */
    public DomainEventType type() {
        return detail.type();
    }
}
