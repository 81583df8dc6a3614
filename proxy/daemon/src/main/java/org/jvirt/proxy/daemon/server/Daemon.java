package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.dispatch.ConnectionFactory;
import org.jvirt.proxy.daemon.dispatch.Dispatcher;

/**
 * The running daemon: its listening sockets, its clients, the workers that run their calls and the
 * keepalive timer. {@link #start()} listens; {@link #stop()} shuts down gracefully — no new clients,
 * no new calls, the calls in flight finish and are answered, then every client is closed.
 *
 * <p>Thread-safe; start and stop once each.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Daemon.class.getName());

    private final DaemonConfig config;
    private final Dispatcher dispatcher;
    private final ConnectionFactory factory;
    private final Workers workers;
    private final ScheduledExecutorService timer;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong clientNumbers = new AtomicLong();
    private final List<SocketListener> listeners = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    /** When the last client left (or the daemon started): what {@link #stopWhenIdle} measures from. */
    private volatile long idleSinceNanos = System.nanoTime();

    /** A daemon with {@code config}, dispatching with {@code dispatcher}, opening connections with {@code factory}. */
    @Inject
    public Daemon(DaemonConfig config, Dispatcher dispatcher, ConnectionFactory factory) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.factory = factory;
        this.workers = new Workers(config.maxWorkers(), sessions);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jvirtd-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Listens on the read-write and read-only sockets (and TCP when configured).
     *
     * @throws VirtException SYSTEM_ERROR when a socket cannot be made; nothing is left listening then
     */
    public synchronized void start() {
        try {
            listeners.add(SocketListener.unix(config.readWriteSocket(), config.readWritePerms(), c -> accepted(c, false)));
            listeners.add(SocketListener.unix(config.readOnlySocket(), config.readOnlyPerms(), c -> accepted(c, true)));
            if (config.listenTcp()) {
                listeners.add(SocketListener.tcp(config.tcpAddress(), config.tcpPort(), c -> accepted(c, false)));
            }
        } catch (VirtException e) {
            listeners.forEach(SocketListener::close);
            listeners.clear();
            throw e;
        }
        workers.start();
        if (config.keepaliveInterval() > 0) {
            timer.scheduleWithFixedDelay(this::keepaliveTick, config.keepaliveInterval(), config.keepaliveInterval(), TimeUnit.SECONDS);
        }
        LOG.log(Level.INFO, "jvirtd listening on {0} and {1}", config.readWriteSocket(), config.readOnlySocket());
    }

    /** Where the TCP listener listens, when there is one (its port may have been chosen by the system). */
    public java.util.Optional<SocketAddress> tcpAddress() throws IOException {
        for (SocketListener l : listeners) {
            SocketAddress a = l.address();
            if (a instanceof java.net.InetSocketAddress) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }

    /** How many clients are connected now. */
    public int clientCount() {
        return sessions.size();
    }

    private void accepted(SocketChannel c, boolean readOnly) {
        long number = clientNumbers.incrementAndGet();
        Peer peer = Peer.of(c);
        if (stopping || sessions.size() >= config.maxClients()) {
            LOG.log(Level.WARNING, "dropping client {0} ({1}): {2}", number, peer,
                    stopping ? "the daemon is stopping" : "too many active clients (" + config.maxClients() + ")");
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "close failed", e);
            }
            return;
        }
        ClientChannel channel;
        try {
            channel = new ClientChannel(c);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "dropping client {0} ({1}): {2}", number, peer, e.getMessage());
            try {
                c.close();
            } catch (IOException closing) {
                LOG.log(Level.DEBUG, "close failed", closing);
            }
            return;
        }
        ClientSession s = new ClientSession(number, channel, readOnly, peer, dispatcher, factory, workers, config);
        sessions.add(s);
        Thread t = new Thread(() -> {
            try {
                s.serve();
            } finally {
                sessions.remove(s);
                if (sessions.isEmpty()) {
                    idleSinceNanos = System.nanoTime();
                }
            }
        }, "jvirtd-client-" + number);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Stops the daemon once it has had no client for {@code idle}, as libvirtd's {@code --timeout}: a
     * per-user daemon that a client started on demand goes away again. Call after {@link #start()}.
     */
    public void stopWhenIdle(Duration idle) {
        long period = Math.max(50, Math.min(idle.toMillis(), 1000));
        timer.scheduleWithFixedDelay(() -> {
            if (!stopping && sessions.isEmpty() && System.nanoTime() - idleSinceNanos >= idle.toNanos()) {
                LOG.log(Level.INFO, "jvirtd has had no client for {0} s: stopping", idle.toSeconds());
                // Not on the timer's thread: stop() shuts the timer down.
                Thread t = new Thread(this::stop, "jvirtd-idle-stop");
                t.setDaemon(true);
                t.start();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void keepaliveTick() {
        long now = System.nanoTime();
        for (ClientSession s : sessions) {
            s.keepaliveTick(now);
        }
    }

    /**
     * Shuts down gracefully: stops accepting, stops reading calls, lets the calls in flight finish (for
     * up to {@code shutdown_timeout} seconds; then the clients are closed anyway), closes every client.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        LOG.log(Level.INFO, "jvirtd stopping: {0} clients", sessions.size());
        listeners.forEach(SocketListener::close);
        timer.shutdownNow();
        sessions.forEach(ClientSession::stopReading);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.shutdownTimeoutSeconds());
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        for (ClientSession s : sessions) {
            s.close("the daemon stops");
        }
        try {
            if (!workers.awaitIdle(TimeUnit.SECONDS.toNanos(config.shutdownTimeoutSeconds()))) {
                LOG.log(Level.WARNING, "jvirtd stopped with calls still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.stop();
        stopped.countDown();
        LOG.log(Level.INFO, "jvirtd stopped");
    }

    /** Waits until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }
}
