package org.jvirt.driver.xenstore.wire;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jvirt.api.ErrorCode;

/**
 * A client of xenstored over its unix socket, speaking the wire protocol of {@code xen/io/xs_wire.h} as
 * libxenstore does: one connection, shared by any number of threads, whose requests are pipelined and
 * matched to their replies by request id; watch events are delivered on one event thread of the client's
 * own (see {@link XsWatchListener}).
 *
 * <h2>Failures</h2>
 * Every request waits at most the client's timeout, writing included. A request xenstored refuses
 * fails with its errno ({@link XenstoreException#errno()}). When the connection ends or xenstored breaks
 * the protocol (a frame longer than {@code XENSTORE_PAYLOAD_MAX}, the stream cut inside a frame), every
 * request in flight fails at once with the reason, and the connection is made again: by the next
 * request, and, while watches are registered, in the background (first after 20 ms, then less often, at
 * least once a second) — the watches are registered again and their listeners told that events may have
 * been missed. A reply nobody waits for (its call timed out) is logged and dropped; one of an unknown
 * type fails its call.
 *
 * <h2>Limits</h2>
 * Payloads are at most 4096 bytes ({@code XENSTORE_PAYLOAD_MAX}) both ways; a longer request is refused
 * with INVALID_ARG before anything is sent. Paths and values are UTF-8.
 *
 * <p>Thread-safe. Close it to end the connection and its threads.
 */
public final class XenstoreClient implements AutoCloseable {
    /** Where xenstored listens unless told otherwise (libxenstore's default). */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/xenstored/socket");
    /** How long a request may take unless the client is given another bound. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How often a transaction is tried when xenstored keeps answering EAGAIN (another writer won). */
    static final int TRANSACTION_ATTEMPTS = 20;
    private static final long RECONNECT_FIRST_MS = 20;
    private static final long RECONNECT_MAX_MS = 1000;
    private static final System.Logger LOG = System.getLogger(XenstoreClient.class.getName());

    private final Path socket;
    private final Duration timeout;
    private final Object sessionLock = new Object();
    private volatile Session session;
    private final Map<String, XsWatch> watches = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final ExecutorService events;
    private final ScheduledExecutorService reconnector;
    private final AtomicBoolean reconnectScheduled = new AtomicBoolean();
    private volatile boolean closed;

    private XenstoreClient(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw XenstoreException.of(ErrorCode.INVALID_ARG, "a XenStore timeout must be positive, not " + timeout,
                    null, null, null);
        }
        this.events = Executors.newSingleThreadExecutor(daemon("xenstore-events " + socket));
        this.reconnector = Executors.newSingleThreadScheduledExecutor(daemon("xenstore-reconnect " + socket));
    }

    /**
     * Connects to xenstored at {@code socket}; each request then waits at most {@code timeout}.
     *
     * @throws XenstoreException NO_XENSTORE when nothing accepts the connection
     */
    public static XenstoreClient connect(Path socket, Duration timeout) {
        XenstoreClient client = new XenstoreClient(socket, timeout);
        try {
            client.session();
        } catch (XenstoreException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** xenstored's socket as libxenstore finds it: {@code $XENSTORED_PATH}, else {@link #DEFAULT_SOCKET}. */
    public static Path socketFromEnvironment() {
        String env = System.getenv("XENSTORED_PATH");
        return env == null || env.isEmpty() ? DEFAULT_SOCKET : Path.of(env);
    }

    /** The socket this client connects to. */
    public Path socket() {
        return socket;
    }

    /** Whether a connection is up now (it is made again on demand when not). */
    public boolean isConnected() {
        Session s = session;
        return s != null && s.alive();
    }

    // ---- reading and writing -------------------------------------------------------------------

    /** The value of {@code path} (XS_READ), as its bytes. ENOENT when there is no such node. */
    public byte[] read(String path) {
        return read(0, path);
    }

    /** The value of {@code path} as UTF-8 text. */
    public String readString(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /** The value of {@code path} as UTF-8 text, or empty when there is no such node (ENOENT). */
    public Optional<String> readIfPresent(String path) {
        return readIfPresent(0, path);
    }

    /** Sets {@code path} to {@code value} (XS_WRITE), making missing parents. */
    public void write(String path, String value) {
        write(0, path, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets {@code path} to the bytes {@code value} (XS_WRITE), making missing parents. */
    public void write(String path, byte[] value) {
        write(0, path, value);
    }

    /** Makes the node {@code path} with an empty value, if it is missing (XS_MKDIR). */
    public void mkdir(String path) {
        mkdir(0, path);
    }

    /** Removes {@code path} and everything under it (XS_RM); a missing node is no error for xenstored 4.x. */
    public void rm(String path) {
        rm(0, path);
    }

    /** The names of {@code path}'s children (XS_DIRECTORY), in xenstored's order. */
    public List<String> directory(String path) {
        return directory(0, path);
    }

    /** The permissions of {@code path} (XS_GET_PERMS): the owner's entry first. */
    public List<XsPermission> permissions(String path) {
        XsFrame reply = request(XsType.GET_PERMS, 0, XsPayload.strings(XsType.GET_PERMS, path), path);
        return XsPayload.split(reply.payload()).stream().map(XsPermission::parse).toList();
    }

    /** Replaces the permissions of {@code path} (XS_SET_PERMS); the first entry names the owner. */
    public void setPermissions(String path, List<XsPermission> permissions) {
        setPermissions(0, path, permissions);
    }

    byte[] read(int tx, String path) {
        return request(XsType.READ, tx, XsPayload.strings(XsType.READ, path), path).payload();
    }

    Optional<String> readIfPresent(int tx, String path) {
        try {
            return Optional.of(new String(read(tx, path), StandardCharsets.UTF_8));
        } catch (XenstoreException e) {
            if (e.isErrno("ENOENT")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void write(int tx, String path, byte[] value) {
        acknowledged(XsType.WRITE, tx, XsPayload.pathAndValue(path, value), path);
    }

    void mkdir(int tx, String path) {
        acknowledged(XsType.MKDIR, tx, XsPayload.strings(XsType.MKDIR, path), path);
    }

    void rm(int tx, String path) {
        acknowledged(XsType.RM, tx, XsPayload.strings(XsType.RM, path), path);
    }

    List<String> directory(int tx, String path) {
        return XsPayload.split(request(XsType.DIRECTORY, tx, XsPayload.strings(XsType.DIRECTORY, path), path)
                .payload());
    }

    void setPermissions(int tx, String path, List<XsPermission> permissions) {
        if (permissions.isEmpty()) {
            throw XenstoreException.invalid(XsType.SET_PERMS, "a node needs at least its owner's permission entry");
        }
        String[] parts = new String[permissions.size() + 1];
        parts[0] = path;
        for (int i = 0; i < permissions.size(); i++) {
            parts[i + 1] = permissions.get(i).toString();
        }
        acknowledged(XsType.SET_PERMS, tx, XsPayload.strings(XsType.SET_PERMS, parts), path);
    }

    // ---- domains -------------------------------------------------------------------------------

    /** Where domain {@code domid}'s own nodes live (XS_GET_DOMAIN_PATH), e.g. {@code /local/domain/7}. */
    public String domainPath(int domid) {
        String id = Integer.toString(domid);
        return XsPayload.first(request(XsType.GET_DOMAIN_PATH, 0, XsPayload.strings(XsType.GET_DOMAIN_PATH, id), id)
                .payload());
    }

    /**
     * Tells xenstored that domain {@code domid} exists and where its ring page and event channel are
     * (XS_INTRODUCE), as a toolstack does once it built the domain; xenstored fires
     * {@code @introduceDomain}. Only dom0's toolstack may.
     */
    public void introduceDomain(int domid, long ringPageFrame, int eventChannel) {
        acknowledged(XsType.INTRODUCE, 0, XsPayload.strings(XsType.INTRODUCE, Integer.toString(domid),
                Long.toUnsignedString(ringPageFrame), Integer.toString(eventChannel)), Integer.toString(domid));
    }

    /** Tells xenstored that domain {@code domid} is gone (XS_RELEASE); xenstored fires {@code @releaseDomain}. */
    public void releaseDomain(int domid) {
        acknowledged(XsType.RELEASE, 0, XsPayload.strings(XsType.RELEASE, Integer.toString(domid)),
                Integer.toString(domid));
    }

    /** Whether xenstored knows domain {@code domid} as introduced and not released (XS_IS_DOMAIN_INTRODUCED). */
    public boolean isDomainIntroduced(int domid) {
        String id = Integer.toString(domid);
        String answer = XsPayload.first(request(XsType.IS_DOMAIN_INTRODUCED, 0,
                XsPayload.strings(XsType.IS_DOMAIN_INTRODUCED, id), id).payload());
        return switch (answer) {
            case "T" -> true;
            case "F" -> false;
            default -> throw XenstoreException.of(ErrorCode.RPC, "xenstored answered IS_DOMAIN_INTRODUCED " + id
                    + " with '" + answer + "', neither T nor F", id, XsType.IS_DOMAIN_INTRODUCED, null);
        };
    }

    // ---- watches -------------------------------------------------------------------------------

    /**
     * Watches {@code path} (XS_WATCH): {@code listener} hears of every change at or under it, or of
     * domains introduced and released for {@code @introduceDomain} and {@code @releaseDomain}, until the
     * watch is closed. xenstored reports the path once at once.
     */
    public XsWatch watch(String path, XsWatchListener listener) {
        Objects.requireNonNull(listener, "listener");
        String token = "jvirt-" + tokens.incrementAndGet();
        byte[] payload = XsPayload.strings(XsType.WATCH, path, token);
        XsWatch w = new XsWatch(this, path, token, listener);
        // Known before xenstored is asked: its first event may come before its reply.
        watches.put(token, w);
        try {
            acknowledged(XsType.WATCH, 0, payload, path);
        } catch (XenstoreException e) {
            // EEXIST: a reconnection in between registered it already.
            if (!e.isErrno("EEXIST")) {
                watches.remove(token);
                throw e;
            }
        }
        return w;
    }

    void unwatch(XsWatch w) {
        watches.remove(w.token());
        Session s = session;
        if (closed || s == null || !s.alive()) {
            return; // xenstored forgets a connection's watches with the connection
        }
        try {
            acknowledged(XsType.UNWATCH, 0, XsPayload.strings(XsType.UNWATCH, w.path(), w.token()), w.path());
        } catch (XenstoreException e) {
            LOG.log(e.isErrno("ENOENT") ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "could not unregister {0}: {1}", w, e.getMessage());
        }
    }

    private void deliver(String path, String token) {
        XsWatch w = watches.get(token);
        if (w == null || w.isClosed()) {
            LOG.log(System.Logger.Level.DEBUG, "event of {0} for token {1}, watched no more; dropped", path, token);
            return;
        }
        try {
            w.listener.changed(path);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the listener of " + w + " failed on " + path, e);
        }
    }

    private void deliverGap(XsWatch w, String reason) {
        if (w.isClosed()) {
            return;
        }
        try {
            w.listener.eventsMayHaveBeenMissed(reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the listener of " + w + " failed on being told of a gap", e);
        }
    }

    private void onEventThread(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "client of {0} closed; a watch event is dropped", socket);
        }
    }

    // ---- transactions --------------------------------------------------------------------------

    /**
     * Runs {@code body} in a transaction and commits it; when xenstored answers EAGAIN (another writer
     * changed what the transaction read), the transaction is abandoned and {@code body} run again, up to
     * 20 times, each retry logged. An exception of {@code body} aborts the transaction and is thrown on.
     * The body may run several times: it must do nothing but XenStore requests through its argument.
     */
    public <T> T transaction(Function<XsTransaction, T> body) {
        for (int attempt = 1; ; attempt++) {
            int id = startTransaction();
            T result;
            try {
                result = body.apply(new XsTransaction(this, id));
            } catch (XenstoreException e) {
                endQuietly(id);
                if (retry(e, attempt)) {
                    continue;
                }
                throw e;
            } catch (RuntimeException | Error e) {
                endQuietly(id);
                throw e;
            }
            try {
                endTransaction(id, true);
                return result;
            } catch (XenstoreException e) {
                if (!retry(e, attempt)) {
                    throw e;
                }
            }
        }
    }

    private boolean retry(XenstoreException e, int attempt) {
        if (!e.isErrno("EAGAIN")) {
            return false;
        }
        if (attempt >= TRANSACTION_ATTEMPTS) {
            LOG.log(System.Logger.Level.WARNING, "a XenStore transaction conflicted {0} times in a row; giving up",
                    attempt);
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "a XenStore transaction conflicted with another writer (EAGAIN);"
                + " running it again (attempt {0} of {1})", attempt + 1, TRANSACTION_ATTEMPTS);
        return true;
    }

    private int startTransaction() {
        String answer = XsPayload.first(request(XsType.TRANSACTION_START, 0,
                XsPayload.strings(XsType.TRANSACTION_START, ""), null).payload());
        try {
            int id = Integer.parseUnsignedInt(answer);
            if (id != 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw XenstoreException.of(ErrorCode.RPC, "xenstored answered TRANSACTION_START with '" + answer
                + "', which is no transaction id", null, XsType.TRANSACTION_START, null);
    }

    private void endTransaction(int id, boolean commit) {
        acknowledged(XsType.TRANSACTION_END, id, XsPayload.strings(XsType.TRANSACTION_END, commit ? "T" : "F"),
                null);
    }

    private void endQuietly(int id) {
        try {
            endTransaction(id, false);
        } catch (XenstoreException e) {
            // The transaction dies with its connection if it cannot be ended; the body's error matters more.
            LOG.log(System.Logger.Level.DEBUG, "aborting XenStore transaction {0}: {1}", id, e.getMessage());
        }
    }

    // ---- requests ------------------------------------------------------------------------------

    /** Sends a request and returns its reply, which is of its type: XS_ERROR and other types are thrown. */
    private XsFrame request(XsType type, int tx, byte[] payload, String path) {
        String what = type.name() + (path == null ? "" : " " + path) + (tx == 0 ? "" : " (transaction " + tx + ")");
        XsFrame reply = session().call(type, tx, payload, what, path, timeout);
        XsType got = reply.knownType();
        if (got == XsType.ERROR) {
            throw XenstoreException.refused(type, what, path, XsPayload.first(reply.payload()));
        }
        if (got != type) {
            throw XenstoreException.of(ErrorCode.RPC, "xenstored answered " + what + " with a message of "
                    + reply.typeName(), path, type, null);
        }
        return reply;
    }

    /** A request whose reply is {@code OK}. */
    private void acknowledged(XsType type, int tx, byte[] payload, String path) {
        XsFrame reply = request(type, tx, payload, path);
        String answer = XsPayload.first(reply.payload());
        if (!answer.equals("OK")) {
            throw XenstoreException.of(ErrorCode.RPC, "xenstored answered " + type + (path == null ? "" : " " + path)
                    + " with '" + answer + "' instead of OK", path, type, null);
        }
    }

    // ---- the connection ------------------------------------------------------------------------

    /** The live session, connecting (again) when there is none. */
    private Session session() {
        Session s = session;
        if (s != null && s.alive() && !closed) {
            return s;
        }
        synchronized (sessionLock) {
            if (closed) {
                throw XenstoreException.of(ErrorCode.INVALID_CONN, "the XenStore client of " + socket
                        + " is closed", null, null, null);
            }
            Session old = session;
            if (old != null && old.alive()) {
                return old;
            }
            Session fresh = Session.open(socket, timeout, new SessionListener());
            session = fresh;
            if (old != null) {
                afterReconnect(old, fresh);
            }
            return fresh;
        }
    }

    /** Registers the watches again on a new session and tells their listeners of the gap. */
    private void afterReconnect(Session old, Session fresh) {
        long gapMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - old.deadAtNanos());
        if (watches.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "connected to xenstored at {0} again after {1} ms", socket, gapMs);
            return;
        }
        String gap = "the connection to xenstored at " + socket + " was lost (" + old.deadReason()
                + ") and made again after " + gapMs + " ms: watch events of that time may have been missed";
        LOG.log(System.Logger.Level.WARNING, "{0}; registering {1} watches again", gap, watches.size());
        for (XsWatch w : watches.values()) {
            onEventThread(() -> deliverGap(w, gap));
        }
        for (XsWatch w : watches.values()) {
            try {
                XsFrame reply = fresh.call(XsType.WATCH, 0, XsPayload.strings(XsType.WATCH, w.path(), w.token()),
                        "WATCH " + w.path(), w.path(), timeout);
                if (reply.knownType() == XsType.ERROR && !XsPayload.first(reply.payload()).equals("EEXIST")) {
                    throw XenstoreException.refused(XsType.WATCH, "WATCH " + w.path(), w.path(),
                            XsPayload.first(reply.payload()));
                }
            } catch (XenstoreException e) {
                // A connection without all its watches would miss events for good: drop it and try again.
                fresh.abandon("registering " + w + " again failed: " + e.getMessage());
                throw e;
            }
        }
    }

    private void scheduleReconnect(long delayMs) {
        if (closed || !reconnectScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            reconnector.schedule(() -> reconnectInBackground(delayMs), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            reconnectScheduled.set(false); // closed meanwhile
        }
    }

    private void reconnectInBackground(long delayMs) {
        reconnectScheduled.set(false);
        if (closed || watches.isEmpty()) {
            return;
        }
        try {
            session();
        } catch (XenstoreException e) {
            if (closed) {
                return;
            }
            long next = Math.min(delayMs * 2, RECONNECT_MAX_MS);
            LOG.log(System.Logger.Level.DEBUG, "xenstored at {0} still unreachable ({1}); next attempt in {2} ms",
                    socket, e.getMessage(), next);
            scheduleReconnect(next);
        }
    }

    private final class SessionListener implements Session.Listener {
        @Override
        public void watchEvent(String path, String token) {
            onEventThread(() -> deliver(path, token));
        }

        @Override
        public void lost(Session s, ErrorCode code, String reason, boolean deliberate) {
            if (deliberate || closed) {
                return;
            }
            if (watches.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "connection to xenstored at {0} lost: {1}; the next request"
                        + " connects again", socket, reason);
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "connection to xenstored at {0} lost: {1}; reconnecting to keep {2}"
                    + " watches", socket, reason, watches.size());
            scheduleReconnect(RECONNECT_FIRST_MS);
        }
    }

    /** Ends the connection: requests in flight fail with INVALID_CONN, and so do later ones. */
    @Override
    public void close() {
        Session s;
        synchronized (sessionLock) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
        }
        if (s != null) {
            s.close("the XenStore client of " + socket + " was closed");
        }
        watches.clear();
        reconnector.shutdownNow();
        events.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
