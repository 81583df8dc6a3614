package org.jvirt.api;

import java.util.Objects;

/**
 * A domain lifecycle event.
 *
 * @param domain the domain it concerns (a handle; it may no longer exist), never null
 * @param detail what happened, never null
 * @param id the domain's hypervisor id as the driver reported it with the event, -1 for none — what
 *     libvirt's event carries, which {@code domain.id()}, asked later, may no longer say (the domain may
 *     have stopped or gone since)
 *
 * @since 1.0
 */
public record DomainEvent(Domain domain, DomainEventDetail detail, int id) {
    public DomainEvent {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * An event whose domain id was not reported with it (-1): the form of jvirt 1.0, kept for code that
     * makes events of its own.
     */
    public DomainEvent(Domain domain, DomainEventDetail detail) {
        this(domain, detail, -1);
    }

    /** The event's type, from its detail. */
    public DomainEventType type() {
        return detail.type();
    }
}
