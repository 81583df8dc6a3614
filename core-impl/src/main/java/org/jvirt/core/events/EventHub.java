package org.jvirt.core.events;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jvirt.api.CloseReason;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainEventListener;
import org.jvirt.api.Subscription;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.EventInterest;

/**
 * Fans a connection's driver events in and delivers them to its listeners.
 *
 * <p>Drivers emit from any thread, possibly under their own locks; {@link #emit} only enqueues.
 * One dispatcher thread per connection delivers events in the order they were emitted — hence in
 * order per domain — while holding no lock, so listeners may call back into jvirt. The thread
 * starts with the first subscription; events emitted while nobody listens are dropped. Each driver
 * gets its own sink ({@link #sinkFor}), so that the handle of an event's domain knows its owner.
 */
public final class EventHub {
    /** Looked up when first needed: starting the logging system costs a short-lived process ~8 ms. */
    private static System.Logger log() {
        return System.getLogger(EventHub.class.getName());
    }
    private static final Object STOP = new Object();

    private final BiFunction<DomainRef, String, Domain> handles;
    private final String connectionName;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Thread dispatcher;
    private volatile boolean closed;
    private volatile Consumer<CloseReason> connectionLost;
    private volatile List<EventInterest> interested = List.of();
    /** Orders first-listener and last-listener transitions, and the drivers' calls they make. */
    private final ReentrantLock interest = new ReentrantLock();

    /**
     * @param handles turns a reference and the name of the driver that emitted it into the
     *     connection's domain handle
     * @param connectionName names the dispatcher thread
     */
    public EventHub(BiFunction<DomainRef, String, Domain> handles, String connectionName) {
        this.handles = handles;
        this.connectionName = connectionName;
    }

    /** Where the driver named {@code driverName} reports its events. */
    public DomainEventSink sinkFor(String driverName) {
        return new DomainEventSink() {
            @Override
            public void emit(DomainRef domain, DomainEventDetail detail) {
                if (closed || registrations.isEmpty()) {
                    return;
                }
                queue.add(new Pending(domain, detail, driverName));
            }

            @Override
            public void connectionClosed(CloseReason reason) {
                Consumer<CloseReason> lost = connectionLost;
                if (lost != null && !closed) {
                    lost.accept(reason);
                }
            }
        };
    }

    /**
     * The drivers told when the first listener subscribes and the last one leaves ({@link EventInterest}); set
     * once the connection's drivers are known, before anyone can subscribe.
     */
    public void tellInterest(List<EventInterest> drivers) {
        this.interested = List.copyOf(drivers);
    }

    /** Where a driver's report that it lost the connection goes ({@link DomainEventSink#connectionClosed}). */
    public void onConnectionLost(Consumer<CloseReason> lost) {
        this.connectionLost = lost;
    }

    /** Delivers events of the domain with {@code uuid} (or of every domain when null) to {@code listener}. */
    public Subscription subscribe(UUID uuid, DomainEventListener listener) {
        Registration registration = new Registration(uuid, listener);
        interest.lock();
        try {
            synchronized (this) {
                if (closed) {
                    return () -> { };
                }
                if (dispatcher == null) {
                    dispatcher = new Thread(this::dispatch, "jvirt-events " + connectionName);
                    dispatcher.setDaemon(true);
                    dispatcher.start();
                }
            }
            if (registrations.isEmpty()) {
                interested.forEach(d -> d.listening(true));
            }
            registrations.add(registration);
        } finally {
            interest.unlock();
        }
        return () -> unsubscribe(registration);
    }

    private void unsubscribe(Registration registration) {
        interest.lock();
        try {
            if (registrations.remove(registration) && registrations.isEmpty() && !closed) {
                for (EventInterest d : interested) {
                    try {
                        d.listening(false);
                    } catch (RuntimeException e) {
                        log().log(System.Logger.Level.WARNING, "telling a driver of " + connectionName
                                + " that nobody listens failed: " + e.getMessage());
                    }
                }
            }
        } finally {
            interest.unlock();
        }
    }

    /** Stops delivery after the events already queued. Idempotent. */
    public void close() {
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            thread = dispatcher;
        }
        queue.add(STOP);
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        registrations.clear();
    }

    private void dispatch() {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            Pending pending = (Pending) next;
            DomainEvent event = new DomainEvent(handles.apply(pending.domain, pending.driver), pending.detail,
                    pending.domain.id());
            for (Registration r : registrations) {
                if (r.uuid == null || r.uuid.equals(pending.domain.uuid())) {
                    try {
                        r.listener.onEvent(event);
                    } catch (RuntimeException e) {
                        log().log(System.Logger.Level.WARNING, "domain event listener failed on " + event, e);
                    }
                }
            }
        }
    }

    private record Pending(DomainRef domain, DomainEventDetail detail, String driver) {
    }

    /** Identity matters: the same listener subscribed twice is two registrations. */
    private static final class Registration {
        final UUID uuid;
        final DomainEventListener listener;

        Registration(UUID uuid, DomainEventListener listener) {
            this.uuid = uuid;
            this.listener = listener;
        }
    }
}
