package org.jvirt.driver.xenstore.wire;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jvirt.api.ErrorCode;

/**
 * One socket connection to xenstored and its reader thread. Requests of any number of threads are
 * pipelined: each gets a fresh request id, its frame is written whole under a lock, and the reader
 * thread hands each reply to the call waiting for that id and each watch event to the client. When the
 * connection ends or xenstored breaks the protocol, the session is dead for good: every waiting call
 * fails at once with the reason, and the client is told so that it can open a new session. The socket
 * is non-blocking so that a write, too, gives up at its deadline.
 */
final class Session {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** What a session tells its client. Called on the reader thread; must not block. */
    interface Listener {
        void watchEvent(String path, String token);

        /** The session died for {@code reason}; {@code deliberate} when the client closed it. */
        void lost(Session session, ErrorCode code, String reason, boolean deliberate);
    }

    /** Why a waiting call failed: the session died. */
    private static final class Lost extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ErrorCode code;

        Lost(ErrorCode code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    /** Gives up connects that take too long; one daemon thread for every client. */
    private static final ScheduledExecutorService CONNECT_WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xenstore-connect-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Path socket;
    private final SocketChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final Listener listener;
    private final Map<Integer, CompletableFuture<XsFrame>> pending = new ConcurrentHashMap<>();
    /** Ids of calls that stopped waiting (timed out, interrupted), whose replies may still come; the last 1024. */
    private final Map<Integer, Boolean> abandoned = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > 1024;
        }
    };
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final FrameDecoder decoder = new FrameDecoder();
    private final Thread reader;
    private volatile String deadReason;
    private volatile ErrorCode deadCode;
    private volatile long deadAtNanos;

    private Session(Path socket, SocketChannel channel, Listener listener) throws IOException {
        this.socket = socket;
        this.channel = channel;
        this.listener = listener;
        this.readSelector = Selector.open();
        this.writeSelector = Selector.open();
        channel.register(readSelector, SelectionKey.OP_READ);
        channel.register(writeSelector, SelectionKey.OP_WRITE);
        this.reader = new Thread(this::readLoop, "xenstore-reader " + socket);
        reader.setDaemon(true);
    }

    /**
     * Connects to xenstored's socket within {@code timeout} and starts reading.
     *
     * @throws XenstoreException NO_XENSTORE when nothing accepts the connection in time
     */
    static Session open(Path socket, Duration timeout, Listener listener) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            connect(ch, socket, timeout);
            ch.configureBlocking(false);
            Session session = new Session(socket, ch, listener);
            session.reader.start();
            return session;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof XenstoreException x) {
                throw x;
            }
            throw XenstoreException.of(ErrorCode.NO_XENSTORE, "cannot connect to xenstored at " + socket + ": "
                    + e.getMessage(), null, null, e);
        }
    }

    /**
     * A blocking connect, given up after {@code timeout} by closing the channel. A unix socket has no
     * connect in progress: a non-blocking connect fails (EAGAIN) as soon as xenstored's short listen
     * backlog is full, where a blocking one waits for xenstored to accept.
     */
    private static void connect(SocketChannel ch, Path socket, Duration timeout) throws IOException {
        SocketChannel channel = ch;
        ScheduledFuture<?> watchdog = CONNECT_WATCHDOG.schedule(() -> closeQuietly(channel), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (AsynchronousCloseException e) {
            throw new IOException("xenstored did not accept the connection within " + timeout.toMillis() + " ms", e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Whether the session still carries requests. */
    boolean alive() {
        return deadReason == null;
    }

    /** Why the session died, or null while it lives. */
    String deadReason() {
        return deadReason;
    }

    /** When the session died, in {@link System#nanoTime()}'s terms; meaningless while it lives. */
    long deadAtNanos() {
        return deadAtNanos;
    }

    /**
     * Sends one request and waits for its reply, both within {@code timeout}. The reply is returned as it
     * came (possibly an XS_ERROR, or a type the caller did not ask for): the client judges it.
     *
     * @param what the request in words, e.g. {@code READ /local/domain/0/name}, for messages
     * @param path the node concerned, or null
     */
    XsFrame call(XsType type, int txId, byte[] payload, String what, String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<XsFrame> reply = new CompletableFuture<>();
        int id = register(reply);
        try {
            if (deadReason != null) {
                throw lost(type, what, path, deadCode, deadReason);
            }
            write(new XsFrame(type.number(), id, txId, payload).encode(), deadline, type, what, path, timeout);
            long left = deadline - System.nanoTime();
            return reply.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw XenstoreException.of(ErrorCode.OPERATION_TIMEOUT, "xenstored did not answer " + what + " within "
                    + timeout.toMillis() + " ms", path, type, null);
        } catch (ExecutionException e) {
            Lost l = (Lost) e.getCause();
            throw lost(type, what, path, l.code, l.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XenstoreException.of(ErrorCode.OPERATION_ABORTED, "interrupted while waiting for xenstored to"
                    + " answer " + what, path, type, e);
        } finally {
            if (pending.remove(id) != null) {
                synchronized (abandoned) {
                    abandoned.put(id, Boolean.TRUE);
                }
            }
        }
    }

    /** A fresh request id (never 0, which watch events carry) bound to {@code reply}. */
    private int register(CompletableFuture<XsFrame> reply) {
        while (true) {
            int id = nextId.getAndIncrement();
            if (id != 0 && pending.putIfAbsent(id, reply) == null) {
                return id;
            }
        }
    }

    private XenstoreException lost(XsType type, String what, String path, ErrorCode code, String reason) {
        return XenstoreException.of(code, what + ": " + reason, path, type, null);
    }

    private void write(ByteBuffer frame, long deadline, XsType type, String what, String path, Duration timeout) {
        boolean locked = false;
        try {
            locked = writeLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!locked) {
                throw XenstoreException.of(ErrorCode.OPERATION_TIMEOUT, "could not send " + what + " within "
                        + timeout.toMillis() + " ms: other requests still fill the socket", path, type, null);
            }
            while (frame.hasRemaining()) {
                if (channel.write(frame) > 0) {
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String reason = "xenstored read no request for " + timeout.toMillis() + " ms";
                    if (frame.position() > 0) {
                        // Half a frame is on the wire: nothing sent after it could be understood.
                        die(ErrorCode.OPERATION_TIMEOUT, reason + "; half a request was sent, so the connection"
                                + " is dropped", false);
                    }
                    throw XenstoreException.of(ErrorCode.OPERATION_TIMEOUT, "could not send " + what + ": "
                            + reason, path, type, null);
                }
                writeSelector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                writeSelector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            String reason = deadReason != null ? deadReason : "writing to xenstored failed: " + e.getMessage();
            die(ErrorCode.NO_XENSTORE, reason, false);
            throw lost(type, what, path, deadCode, deadReason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XenstoreException.of(ErrorCode.OPERATION_ABORTED, "interrupted while sending " + what, path, type,
                    e);
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    private void readLoop() {
        try {
            while (deadReason == null) {
                readSelector.select();
                readSelector.selectedKeys().clear();
                if (deadReason != null) {
                    return;
                }
                int n = channel.read(decoder.target());
                if (n < 0) {
                    String cut = decoder.unfinished();
                    die(ErrorCode.NO_XENSTORE, cut == null ? "xenstored closed the connection"
                            : "xenstored closed the connection " + cut, false);
                    return;
                }
                for (XsFrame f : decoder.drain()) {
                    dispatch(f);
                }
            }
        } catch (WireFault e) {
            die(ErrorCode.RPC, e.getMessage() + "; the connection is dropped", false);
        } catch (IOException | ClosedSelectorException e) {
            die(ErrorCode.NO_XENSTORE, "reading from xenstored failed: " + e, false);
        } catch (RuntimeException | Error e) {
            // A bug here must not leave callers waiting: they fail, and the error is logged.
            LOG.log(System.Logger.Level.ERROR, "the xenstore reader of " + socket + " failed", e);
            die(ErrorCode.INTERNAL_ERROR, "the reader of xenstored's replies failed: " + e, false);
        }
    }

    private void dispatch(XsFrame f) {
        if (f.knownType() == XsType.WATCH_EVENT) {
            List<String> parts = XsPayload.split(f.payload());
            if (parts.size() < 2) {
                LOG.log(System.Logger.Level.WARNING, "xenstored at {0} sent a watch event without a token ({1}); dropped",
                        socket, parts);
                return;
            }
            listener.watchEvent(parts.get(0), parts.get(1));
            return;
        }
        CompletableFuture<XsFrame> waiting = pending.remove(f.reqId());
        if (waiting == null && deadReason != null) {
            // Read just before the session died: its call already failed with the reason.
            LOG.log(System.Logger.Level.DEBUG, "answer to request id {0} after the session ended; dropped",
                    Integer.toUnsignedString(f.reqId()));
            return;
        }
        if (waiting == null) {
            boolean late;
            synchronized (abandoned) {
                late = abandoned.remove(f.reqId()) != null;
            }
            if (late) {
                LOG.log(System.Logger.Level.INFO, "xenstored at {0} answered request id {1} ({2}) after its call"
                        + " stopped waiting (timed out or interrupted); the late answer is dropped", socket,
                        Integer.toUnsignedString(f.reqId()), f.typeName());
            } else {
                LOG.log(System.Logger.Level.WARNING, "xenstored at {0} answered request id {1} ({2}), which no call"
                        + " waits for: it was never sent; the answer is dropped", socket,
                        Integer.toUnsignedString(f.reqId()), f.typeName());
            }
            return;
        }
        waiting.complete(f);
    }

    /** Ends the session by the client's will: waiting calls fail with INVALID_CONN. */
    void close(String reason) {
        die(ErrorCode.INVALID_CONN, reason, true);
    }

    /** Ends a session the client cannot use (NO_XENSTORE, {@code reason}); the client is told as of any loss. */
    void abandon(String reason) {
        die(ErrorCode.NO_XENSTORE, reason, false);
    }

    private void die(ErrorCode code, String reason, boolean deliberate) {
        synchronized (this) {
            if (deadReason != null) {
                return;
            }
            deadAtNanos = System.nanoTime();
            deadCode = code;
            deadReason = reason;
        }
        readSelector.wakeup();
        closeQuietly(channel);
        closeQuietly(readSelector);
        closeQuietly(writeSelector);
        Lost lost = new Lost(code, reason);
        for (Integer id : pending.keySet()) {
            CompletableFuture<XsFrame> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(lost);
            }
        }
        listener.lost(this, code, reason, deliberate);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // Closing what is already broken: nothing more can be learnt from it.
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", c, e);
        }
    }
}
