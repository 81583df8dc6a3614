package org.jvirt.proxy.remote.rpc;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jvirt.api.CloseReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.FrameDecoder;
import org.jvirt.proxy.protocol.FrameException;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.Payloads;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;
import org.jvirt.proxy.remote.transport.Transport;

/**
 * One connection to a libvirt daemon over a {@link Transport}: calls from any number of threads share
 * it, each matched to its reply by serial (as libvirt's {@code virNetClient}). The stream is read by one
 * thread at a time ({@link ReaderRole}): a caller waiting for its reply reads it itself, handing on what it
 * reads for others (their replies, events, keepalive); when no call has been made for a moment, the channel's
 * own idle reader takes over, so that events and the daemon's pings are heard between calls.
 *
 * <p>Nobody waits forever. Every call has a deadline ({@link Settings#callTimeout()}); when it passes, or
 * the daemon sends something that is not libvirt's protocol (a frame over the limit, a reply to a serial
 * never asked, a message of another program), or keepalive finds the daemon silent, or the stream ends,
 * the channel closes: every pending call fails with the cause, later calls fail at once with "client socket
 * is closed", and the {@link Listener} hears the reason once. Errors are libvirt's: the daemon's own error
 * records as {@link VirtException}s with their code and domain; the channel's in {@link ErrorDomain#RPC}.
 *
 * <p>Thread-safe.
 */
public final class RpcChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RpcChannel.class.getName());
    private static final byte[] NO_PAYLOAD = new byte[0];
    /**
     * How long after the last call the idle reader takes the stream over. Calls made closer together read their
     * own replies; an event that comes just after a call is heard this much later, or up to half as long again
     * (the idle reader looks every half of it).
     */
    private static final long IDLE_READER_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * How long a call may take, and libvirt's client keepalive ({@code keepalive_interval} and
     * {@code keepalive_count} of libvirt.conf): a ping after {@code keepaliveInterval} of silence, the
     * connection closed after {@code keepaliveCount} unanswered ones. A zero interval turns keepalive off.
     */
    public record Settings(Duration callTimeout, Duration keepaliveInterval, int keepaliveCount) {
        /** libvirt's client defaults (5 s, 5), and jvirt's call deadline of two minutes. */
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(2), Duration.ofSeconds(5), 5);

        public Settings {
            Objects.requireNonNull(callTimeout, "callTimeout");
            Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
            }
            if (keepaliveInterval.isNegative() || keepaliveCount < 0) {
                throw new IllegalArgumentException("keepalive must not be negative");
            }
        }
    }

    /**
     * What the channel hears besides replies. Called on whichever thread reads the stream — a caller waiting
     * for its reply, or the idle reader — one message at a time, in the stream's order; must not block.
     */
    public interface Listener {
        /** An event message of the remote program (type {@code VIR_NET_MESSAGE}). */
        void onEvent(Message event);

        /** The channel closed, for {@code reason}, once; {@code cause} is what pending calls got. */
        void onClosed(CloseReason reason, VirtException cause);
    }

    private final Transport transport;
    private final Settings settings;
    private final Listener listener;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger serials = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReaderRole readerRole = new ReaderRole();
    /** The stream's messages; read only by the holder of {@link #readerRole}. */
    private final FrameReader frames;
    /** When a call last started or ended: the idle reader waits a moment after it. */
    private volatile long lastCallNanos = System.nanoTime();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicReference<VirtException> closedBy = new AtomicReference<>();
    private final Thread idleReader;
    private volatile long lastHeardNanos = System.nanoTime();
    private final AtomicInteger unansweredPings = new AtomicInteger();
    private volatile ScheduledFuture<?> keepalive;
    private volatile Duration keepaliveInterval = Duration.ZERO;
    private volatile int keepaliveCount;
    /** Set when the client said goodbye: the daemon's closing the stream is then the expected end. */
    private volatile boolean closing;
    /**
     * Whether some caller has heard why the channel closed. Until one has, the next call gets the cause
     * itself (ssh's "Could not resolve hostname", say, when the stream ended before the first call was
     * sent), and only later calls libvirt's "client socket is closed".
     */
    private final AtomicBoolean causeTold = new AtomicBoolean();

    /** Takes over {@code transport} and starts reading it; {@link #close()} releases both. */
    public RpcChannel(Transport transport, Settings settings, Listener listener) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jvirt-remote-timer " + transport.describe());
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        long sweep = Math.max(1, Math.min(settings.callTimeout().toMillis() / 4, 1000));
        timer.scheduleWithFixedDelay(this::sweepDeadlines, sweep, sweep, TimeUnit.MILLISECONDS);
        this.frames = new FrameReader(transport.in(), new FrameDecoder());
        this.idleReader = new Thread(this::readWhenIdle, "jvirt-remote-reader " + transport.describe());
        idleReader.setDaemon(true);
        idleReader.start();
    }

    /** What the channel reaches, for messages. */
    public String describe() {
        return transport.describe();
    }

    /** Whether the channel still carries calls. */
    public boolean isOpen() {
        return closedBy.get() == null;
    }

    /**
     * Calls {@code proc} with {@code args} (null for a procedure without arguments) and waits for its
     * answer (null for one without reply data).
     *
     * @throws VirtException the daemon's error, or the channel's when it closed or the deadline passed
     */
    public Object call(RemoteProcedure proc, Object args) {
        byte[] payload = args == null ? NO_PAYLOAD : Payloads.encode(proc.argsCodec().orElseThrow(
                () -> new IllegalArgumentException(proc + " takes no arguments")), args);
        Message reply = exchange(proc, payload);
        try {
            if (reply.header().status() == VirNetMessageStatus.VIR_NET_ERROR) {
                throw daemonError(reply.payload(VirNetMessageError.CODEC));
            }
            return proc.retCodec().isPresent() ? reply.payload(proc.retCodec().get()) : null;
        } catch (XdrException e) {
            VirtException error = rpc(ErrorCode.RPC, "cannot read the reply to " + proc.constantName() + " from "
                    + describe() + ": " + e.getMessage());
            fail(CloseReason.ERROR, error);
            causeTold.set(true);
            throw error;
        }
    }

    /** As {@link #call(RemoteProcedure, Object)}, with the answer's type named. */
    public <R> R call(RemoteProcedure proc, Object args, Class<R> answer) {
        return answer.cast(call(proc, args));
    }

    /** A call waiting for its reply, and when it must have had it. */
    private record Pending(XdrProcedure proc, long deadlineNanos, CompletableFuture<Message> reply) {
    }

    private Message exchange(XdrProcedure proc, byte[] payload) {
        throwIfClosed();
        if (Thread.currentThread().isInterrupted()) {
            // writing on an interrupted thread would close the stream for every caller (the JDK's channels do)
            throw rpc(ErrorCode.RPC, "interrupted before calling " + proc.constantName());
        }
        long started = System.nanoTime();
        lastCallNanos = started;
        int serial = serials.getAndIncrement();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        pending.put(serial, new Pending(proc, started + settings.callTimeout().toNanos(), reply));
        if (!isOpen()) {
            // closed between the check and the registration: the close may not have seen this call
            reply.completeExceptionally(closedBy.get());
        }
        boolean answered = true;
        try {
            try {
                send(Message.call(proc, serial, payload));
            } catch (VirtException unsent) {
                if (!reply.isDone()) {
                    throw unsent;
                }
                // the stream ended while this call was pending: its reply holds why
            }
            awaitReply(reply);
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The reply still comes. The call stays registered, answered already, so that the reader drops the
            // reply quietly instead of taking it for one to a serial never asked (which closes the connection).
            answered = false;
            VirtException interrupted = rpc(ErrorCode.RPC, "interrupted waiting for the reply to "
                    + proc.constantName());
            reply.completeExceptionally(interrupted);
            throw interrupted;
        } catch (ExecutionException e) {
            throw (VirtException) e.getCause();
        } finally {
            if (answered) {
                pending.remove(serial);
            }
            lastCallNanos = System.nanoTime();
        }
    }

    /**
     * Waits until {@code reply} is done, reading the stream whenever nobody else does. An interrupted thread
     * does not take the role: the JDK closes a channel whose blocked reader is interrupted.
     */
    private void awaitReply(CompletableFuture<Message> reply) throws InterruptedException {
        while (!reply.isDone()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (readerRole.tryTake()) {
                try {
                    while (!reply.isDone() && readOne()) {
                        // each message is handed on as it comes; this call's reply ends the loop
                    }
                } finally {
                    readerRole.release();
                }
            } else {
                readerRole.awaitReplyOrRole(reply);
            }
        }
    }

    /**
     * Gives the connection up when a call has waited past its deadline. One sweep a fraction of the deadline
     * apart, rather than a timer per call: a call then costs nothing here, and fails at most a quarter of the
     * deadline late.
     */
    private void sweepDeadlines() {
        long now = System.nanoTime();
        // an interrupted call's entry waits here for its reply; one that never comes is forgotten at the deadline
        pending.values().removeIf(p -> p.reply().isDone() && now - p.deadlineNanos() >= 0);
        for (Pending p : pending.values()) {
            if (!p.reply().isDone() && now - p.deadlineNanos() >= 0) {
                fail(CloseReason.ERROR, rpc(ErrorCode.OPERATION_TIMEOUT, ErrorCode.OPERATION_TIMEOUT.format(
                        "no reply to " + p.proc().constantName() + " from " + describe() + " within "
                                + settings.callTimeout().toMillis() + " ms")));
                return;
            }
        }
    }

    private void send(Message message) {
        writeLock.lock();
        try {
            throwIfClosed();
            message.writeTo(transport.out());
        } catch (IOException e) {
            VirtException error = endOfStream("Cannot write data", e);
            fail(CloseReason.ERROR, error);
            throw closedBy.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Starts libvirt's client keepalive: a ping after {@link Settings#keepaliveInterval()} of silence,
     * the connection closed after {@link Settings#keepaliveCount()} unanswered ones. Call once the daemon
     * said it speaks the keepalive program.
     */
    public void startKeepalive() {
        setKeepalive(settings.keepaliveInterval(), settings.keepaliveCount());
    }

    /**
     * Keepalive from now on with {@code interval} and {@code count} (libvirt's {@code virConnectSetKeepAlive}); a
     * zero or negative interval stops it. Call only when the daemon speaks the keepalive program.
     */
    public synchronized void setKeepalive(Duration interval, int count) {
        ScheduledFuture<?> running = keepalive;
        if (running != null) {
            running.cancel(false);
            keepalive = null;
        }
        long millis = interval.toMillis();
        if (millis <= 0 || !isOpen()) {
            return;
        }
        keepaliveInterval = interval;
        keepaliveCount = count;
        unansweredPings.set(0);
        try {
            keepalive = timer.scheduleWithFixedDelay(this::keepaliveTick, millis, millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            throwIfClosed();
        }
    }

    private void keepaliveTick() {
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos < keepaliveInterval.toNanos()) {
            return;
        }
        if (unansweredPings.get() >= keepaliveCount) {
            fail(CloseReason.KEEPALIVE, rpc(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.format(
                    "connection closed due to keepalive timeout")));
            return;
        }
        unansweredPings.incrementAndGet();
        sendKeepalive(KeepaliveProcedure.KEEPALIVE_PROC_PING);
    }

    private void sendKeepalive(KeepaliveProcedure proc) {
        if (!writeLock.tryLock()) {
            return; // a call is being written: the daemon hears from us anyway
        }
        try {
            if (isOpen()) {
                new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION,
                        proc.number(), VirNetMessageType.VIR_NET_MESSAGE, 0, VirNetMessageStatus.VIR_NET_OK),
                        NO_PAYLOAD).writeTo(transport.out());
            }
        } catch (IOException e) {
            fail(CloseReason.ERROR, endOfStream("Cannot write data", e));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The idle reader: reads the stream when no call is waiting and none was made for a moment, so that events
     * and the daemon's keepalive are heard between calls. It gives the role back after every message, letting the
     * next caller read its own reply.
     */
    private void readWhenIdle() {
        try {
            while (isOpen()) {
                readerRole.awaitFreeAnd(() -> !isOpen() || pending.isEmpty()
                        && System.nanoTime() - lastCallNanos >= IDLE_READER_DELAY_NANOS, IDLE_READER_DELAY_NANOS / 2);
                if (isOpen() && readerRole.tryTake()) {
                    try {
                        readOne();
                    } finally {
                        readerRole.release();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // only close() ends this thread's wait, by ending the channel
        }
    }

    /**
     * Reads one message and hands it on; false when the channel closed instead. Only the holder of the reader
     * role calls this.
     */
    private boolean readOne() {
        try {
            var next = frames.next();
            if (next.isEmpty()) {
                fail(CloseReason.EOF, endOfStream("End of file while reading data", null));
                return false;
            }
            lastHeardNanos = System.nanoTime();
            unansweredPings.set(0);
            VirtException broken = receive(next.get());
            if (broken != null) {
                fail(CloseReason.ERROR, broken);
                return false;
            }
            return true;
        } catch (FrameException | XdrException e) {
            fail(CloseReason.ERROR, rpc(ErrorCode.RPC, "malformed message from " + describe() + ": " + e.getMessage()));
        } catch (ClosedByInterruptException e) {
            fail(CloseReason.ERROR, rpc(ErrorCode.RPC, "the thread reading " + describe() + " was interrupted,"
                    + " which closes the stream"));
        } catch (IOException e) {
            fail(CloseReason.EOF, endOfStream("Cannot recv data", e));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "reader of " + describe() + " failed", e);
            fail(CloseReason.ERROR, rpc(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.format(
                    "reading from " + describe() + " failed: " + e)));
        }
        return false;
    }

    /** Hands on one message; the error that breaks the connection, or null. */
    private VirtException receive(Message m) {
        VirNetMessageHeader h = m.header();
        if (h.prog() == KeepaliveProcedure.PROGRAM && h.vers() == KeepaliveProcedure.VERSION
                && h.type() == VirNetMessageType.VIR_NET_MESSAGE) {
            if (h.proc() == KeepaliveProcedure.KEEPALIVE_PROC_PING.number()) {
                timer.execute(() -> sendKeepalive(KeepaliveProcedure.KEEPALIVE_PROC_PONG));
            }
            return null;
        }
        if (h.prog() != RemoteProcedure.PROGRAM || h.vers() != RemoteProcedure.VERSION) {
            return rpc(ErrorCode.RPC, "unexpected message from " + describe() + ": program 0x"
                    + Integer.toHexString(h.prog()) + " version " + h.vers());
        }
        switch (h.type()) {
            case VIR_NET_REPLY -> {
                Pending waiting = pending.remove(h.serial());
                if (waiting == null) {
                    return rpc(ErrorCode.RPC, "reply from " + describe() + " to serial " + h.serial()
                            + " (procedure " + h.proc() + "), which no call is waiting for");
                }
                waiting.reply().complete(m);
                readerRole.signal();
                return null;
            }
            case VIR_NET_MESSAGE -> {
                try {
                    listener.onEvent(m);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event " + h.proc() + " from " + describe() + " dropped", e);
                }
                return null;
            }
            default -> {
                return rpc(ErrorCode.RPC, "unexpected message type " + h.type() + " from " + describe());
            }
        }
    }

    /** The thread reading the stream now, or null; tests wait for one. */
    Thread readerNow() {
        return readerRole.holder();
    }

    /**
     * Says the client is about to close (libvirt's {@code CONNECT_CLOSE} is on its way): from now on the
     * daemon's end of the stream is the expected one, not a lost connection.
     */
    public void closing() {
        closing = true;
    }

    /** Closes the channel for {@code reason}: pending calls get {@code cause}, the listener hears it once. */
    private void fail(CloseReason reason, VirtException cause) {
        if (closing && reason == CloseReason.EOF) {
            reason = CloseReason.CLIENT;
        }
        if (!closedBy.compareAndSet(null, cause)) {
            return;
        }
        if (reason != CloseReason.CLIENT) {
            LOG.log(System.Logger.Level.WARNING, describe() + " closed (" + reason + "): " + cause.getMessage());
        }
        transport.close();
        timer.shutdownNow();
        if (reason == CloseReason.CLIENT || !pending.isEmpty()) {
            causeTold.set(true);
        }
        pending.values().forEach(p -> p.reply().completeExceptionally(cause));
        readerRole.signalClosed();
        try {
            listener.onClosed(reason, cause);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "close listener of " + describe() + " failed", e);
        }
    }

    private void throwIfClosed() {
        VirtException cause = closedBy.get();
        if (cause != null) {
            throw causeTold.compareAndSet(false, true) ? cause
                    : rpc(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.format("client socket is closed"));
        }
    }

    /** As libvirt's socket errors: "End of file while reading data: ..." with what the far side said. */
    private VirtException endOfStream(String what, IOException e) {
        String far = transport.farSideErrors().strip();
        String detail = !far.isEmpty() ? far : e != null && e.getMessage() != null ? e.getMessage()
                : "Input/output error";
        return rpc(ErrorCode.SYSTEM_ERROR, what + ": " + detail);
    }

    private static VirtException rpc(ErrorCode code, String message) {
        return new VirtException(code, ErrorDomain.RPC, message);
    }

    /** The daemon's error record as libvirt's client raises it: its code, domain and message unchanged. */
    static VirtException daemonError(VirNetMessageError e) {
        ErrorCode code;
        ErrorDomain domain;
        try {
            code = ErrorCode.ofNumber(e.code());
        } catch (IllegalArgumentException unknown) {
            code = ErrorCode.INTERNAL_ERROR;
        }
        try {
            domain = ErrorDomain.ofNumber(e.domain());
        } catch (IllegalArgumentException unknown) {
            domain = ErrorDomain.RPC;
        }
        String message = e.message().orElse(code.format("unknown error"));
        String object = e.dom().map(d -> d.name()).or(() -> e.net().map(n -> n.name())).orElse(null);
        return new VirtException(code, domain, message, null, object, null);
    }

    /** Closes the stream; calls still waiting fail with "client socket is closed". Idempotent. */
    @Override
    public void close() {
        fail(CloseReason.CLIENT, rpc(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.format("client socket is closed")));
    }
}
