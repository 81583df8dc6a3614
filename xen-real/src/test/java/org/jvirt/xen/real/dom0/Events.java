package org.jvirt.xen.real.dom0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainEventListener;

/** Every lifecycle event a connection delivers, kept in arrival order for a test to wait for. Thread-safe. */
final class Events implements DomainEventListener {
    private final List<DomainEvent> seen = new ArrayList<>();

    @Override
    public synchronized void onEvent(DomainEvent event) {
        seen.add(event);
    }

    /** The events so far. */
    synchronized List<DomainEvent> all() {
        return List.copyOf(seen);
    }

    /** The first event {@code detail} of domain {@code uuid}, waited for at most {@code limit}. */
    DomainEvent await(UUID uuid, DomainEventDetail detail, Duration limit) {
        Dom0.until(limit, detail + " of domain " + uuid + "; events so far " + all(), () -> find(uuid, detail) != null);
        return find(uuid, detail);
    }

    private synchronized DomainEvent find(UUID uuid, DomainEventDetail detail) {
        return seen.stream().filter(e -> e.domain().uuid().equals(uuid) && e.detail() == detail).findFirst()
                .orElse(null);
    }
}
