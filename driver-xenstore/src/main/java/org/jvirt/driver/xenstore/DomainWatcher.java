package org.jvirt.driver.xenstore;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.driver.xenstore.wire.XenstoreException;
import org.jvirt.driver.xenstore.wire.XsWatch;
import org.jvirt.driver.xenstore.wire.XsWatchListener;
import org.jvirt.spi.DomainEventSink;

/**
 * Domains starting and stopping, seen as libvirt 0.4.4 saw them: xenstored fires {@code @introduceDomain}
 * when a toolstack introduces a domain and {@code @releaseDomain} when one is released (or shuts down),
 * without saying which. Each event makes the watcher list {@code /local/domain} again and compare with
 * what it knew: a new domain is reported STARTED (BOOTED), a vanished one STOPPED (SHUTDOWN), in the
 * order seen. The same happens when the client reports that events may have been missed (xenstored
 * restarted).
 *
 * <p>A domain listed without its name or UUID yet, and a release that removed nothing yet, make the
 * watcher look again a little later: every 100 ms, 20 times, as libvirt's retries (scheduled, nothing
 * waits). All work runs on one thread of the watcher's own, so events leave in order.
 */
final class DomainWatcher implements AutoCloseable {
    static final String INTRODUCE = "@introduceDomain";
    static final String RELEASE = "@releaseDomain";
    private static final System.Logger LOG = System.getLogger(DomainWatcher.class.getName());
    private static final long RETRY_MS = 100;
    private static final int RETRIES = 20;

    private final XenstoreDomains domains;
    private final DomainEventSink sink;
    private final ScheduledExecutorService worker;
    /** Domains reported running, by id; the worker thread's alone. */
    private final Map<Integer, StoreDomain> known = new HashMap<>();
    private XsWatch introduced;
    private XsWatch released;
    private int retriesLeft;
    /** A release removed no domain's nodes yet: looked again for, as long as retries last. */
    private boolean releaseUnresolved;
    private ScheduledFuture<?> retry;
    private volatile boolean closed;

    private DomainWatcher(XenstoreDomains domains, DomainEventSink sink, String name) {
        this.domains = domains;
        this.sink = sink;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "xenstore-domains " + name);
                    t.setDaemon(true);
                    return t;
                });
        // On close, looks still planned are dropped; the one running ends with the client's closing.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = pool;
    }

    /**
     * Lists the running domains (reported as nothing: they were there before) and then watches for
     * changes.
     *
     * @throws XenstoreException when the store cannot be read or watched
     */
    static DomainWatcher start(XenstoreClient store, XenstoreDomains domains, DomainEventSink sink,
                               Duration timeout) {
        DomainWatcher w = new DomainWatcher(domains, sink, store.socket().toString());
        try {
            // Known before watching: xenstored fires each watch once at once, and that finds nothing new.
            w.worker.submit(() -> w.domains.list().complete().forEach(d -> w.known.put(d.id(), d)))
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            w.introduced = store.watch(INTRODUCE, w.listener(INTRODUCE));
            w.released = store.watch(RELEASE, w.listener(RELEASE));
            return w;
        } catch (ExecutionException e) {
            w.close();
            throw e.getCause() instanceof XenstoreException x ? x
                    : XenstoreErrors.worded(ErrorCode.INTERNAL_ERROR, "listing XenStore's domains failed: "
                    + e.getCause(), null);
        } catch (TimeoutException e) {
            w.close();
            throw XenstoreErrors.worded(ErrorCode.OPERATION_TIMEOUT, "listing XenStore's domains took more than "
                    + timeout.toMillis() * 2 + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            w.close();
            throw XenstoreErrors.worded(ErrorCode.OPERATION_ABORTED, "interrupted while listing XenStore's domains",
                    null);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private XsWatchListener listener(String which) {
        return new XsWatchListener() {
            /** xenstored fires a watch once when registered: no domain was released then. */
            private boolean registered;

            @Override
            public void changed(String path) {
                String cause = registered ? which : "watching " + which;
                registered = true;
                submit(() -> rescan(cause, true));
            }

            @Override
            public void eventsMayHaveBeenMissed(String reason) {
                LOG.log(System.Logger.Level.WARNING, "domains may have started or stopped unseen ({0}); listing"
                        + " them again", reason);
                submit(() -> rescan("a reconnection", true));
            }
        };
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "domain watcher closed; an event is not looked at");
        }
    }

    /** Lists the domains, reports the difference, and schedules another look when one is due. */
    private void rescan(String cause, boolean fresh) {
        if (fresh) {
            retriesLeft = RETRIES;
        }
        XenstoreDomains.Listing now;
        try {
            now = domains.list();
        } catch (XenstoreException e) {
            if (closed) {
                return; // the connection is closing, and took the client with it
            }
            LOG.log(System.Logger.Level.WARNING, "cannot list XenStore''s domains after {0}: {1}", cause,
                    e.getMessage());
            lookAgain(cause, System.Logger.Level.WARNING, "the store could not be read");
            return;
        }
        Map<Integer, StoreDomain> listed = new HashMap<>();
        now.complete().forEach(d -> listed.put(d.id(), d));
        boolean removed = false;
        for (var it = known.entrySet().iterator(); it.hasNext(); ) {
            StoreDomain was = it.next().getValue();
            StoreDomain is = listed.get(was.id());
            boolean stillListed = is != null ? is.uuid().equals(was.uuid()) : now.incomplete().contains(was.id());
            if (!stillListed) {
                it.remove();
                removed = true;
                sink.emit(was.stoppedRef(), DomainEventDetail.STOPPED_SHUTDOWN);
            }
        }
        for (StoreDomain d : now.complete()) {
            if (!known.containsKey(d.id())) {
                known.put(d.id(), d);
                sink.emit(d.ref(), DomainEventDetail.STARTED_BOOTED);
            }
        }
        if (removed) {
            releaseUnresolved = false;
        } else if (fresh && RELEASE.equals(cause)) {
            releaseUnresolved = true;
        }
        if (!now.incomplete().isEmpty()) {
            lookAgain(cause, System.Logger.Level.INFO, "domains " + now.incomplete() + " have no name or UUID in the"
                    + " store yet; their start is reported at the next event that finds them complete");
        } else if (releaseUnresolved) {
            // A domain shutting down fires @releaseDomain too, long before its nodes go: nothing to say.
            lookAgain(cause, System.Logger.Level.DEBUG, "no domain's nodes were removed since @releaseDomain");
        } else {
            cancelRetry();
        }
    }

    private void lookAgain(String cause, System.Logger.Level level, String why) {
        if (retriesLeft <= 0) {
            LOG.log(level, "stopped looking again after {0}: {1} ({2} ms later)", cause, why, RETRY_MS * RETRIES);
            releaseUnresolved = false;
            return;
        }
        retriesLeft--;
        cancelRetry();
        try {
            retry = worker.schedule(() -> rescan(cause, false), RETRY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nobody listens any more.
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (introduced != null) {
            introduced.close();
        }
        if (released != null) {
            released.close();
        }
        // Not interrupted: a request in flight is answered, or fails as the driver closes the client.
        worker.shutdown();
    }
}
