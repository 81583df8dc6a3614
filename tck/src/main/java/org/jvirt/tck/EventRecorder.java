package org.jvirt.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainEventListener;
import org.jvirt.api.DomainEventType;

/**
 * A listener that keeps every event it is given, per domain, and lets a test wait for them.
 *
 * <p>libvirt's QEMU driver reports a guest's shutdown as SHUTDOWN_FINISHED followed by
 * STOPPED_SHUTDOWN, its test driver STOPPED_SHUTDOWN alone: {@link #details} drops a SHUTDOWN
 * event that immediately precedes a STOPPED_SHUTDOWN, so that expectations can be written once.
 * Thread-safe.
 */
final class EventRecorder implements DomainEventListener {
    private final Map<UUID, List<DomainEventDetail>> byDomain = new HashMap<>();
    private final List<DomainEvent> all = new ArrayList<>();

    @Override
    public synchronized void onEvent(DomainEvent event) {
        byDomain.computeIfAbsent(event.domain().uuid(), k -> new ArrayList<>()).add(event.detail());
        all.add(event);
        notifyAll();
    }

    /** The (normalised) details of the events of domain {@code uuid}, in arrival order. */
    synchronized List<DomainEventDetail> details(UUID uuid) {
        List<DomainEventDetail> raw = byDomain.getOrDefault(uuid, List.of());
        List<DomainEventDetail> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            DomainEventDetail d = raw.get(i);
            if (d.type() == DomainEventType.SHUTDOWN && i + 1 < raw.size()
                    && raw.get(i + 1) == DomainEventDetail.STOPPED_SHUTDOWN) {
                continue;
            }
            out.add(d);
        }
        return out;
    }

    /** Every event received, in arrival order. */
    synchronized List<DomainEvent> all() {
        return List.copyOf(all);
    }

    /**
     * Waits until domain {@code uuid} has at least {@code count} events (or {@code timeout}
     * passes), then {@code settle} more for unexpected extra ones; returns its details.
     */
    List<DomainEventDetail> await(UUID uuid, int count, Duration timeout, Duration settle) {
        awaitUntil(() -> details(uuid).size() >= count, timeout);
        TckSession.sleep(settle);
        return details(uuid);
    }

    /** Waits until {@code total} events in all have arrived or {@code timeout} passes; returns whether they did. */
    boolean awaitTotal(int total, Duration timeout) {
        return awaitUntil(() -> all.size() >= total, timeout);
    }

    private synchronized boolean awaitUntil(java.util.function.BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
