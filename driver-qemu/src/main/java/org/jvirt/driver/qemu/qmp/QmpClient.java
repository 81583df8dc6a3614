package org.jvirt.driver.qemu.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A QMP client over a unix socket, using the JDK's unix-domain {@link SocketChannel}.
 *
 * <p>One daemon reader thread per connection reads QEMU's output line by line, completes the
 * pending command each answer names by its {@code id}, and hands events to the
 * {@link QmpListener} in order. Hardened: every message is checked against
 * {@link Options#maxMessageBytes()} before it is buffered and parsed with a depth limit;
 * anything that is not QMP closes the connection with {@link QmpException.Kind#PROTOCOL};
 * every wait is bounded (connect, greeting, each command), so a stalled monitor never hangs a
 * caller. Thread-safe: commands may be issued from many threads at once.
 */
public final class QmpClient implements AutoCloseable {
    private static final byte NEWLINE = '\n';

    /**
     * Limits of one client.
     *
     * @param connectTimeout how long to keep trying to connect and wait for the greeting
     * @param commandTimeout how long a command may take unless the caller says otherwise
     * @param maxMessageBytes the longest message accepted from QEMU
     * @param maxDepth the deepest JSON nesting accepted
     */
    public record Options(Duration connectTimeout, Duration commandTimeout, int maxMessageBytes, int maxDepth) {
        /** 10 s to connect, 30 s per command, 16 MiB per message, depth 64. */
        public static final Options DEFAULT = new Options(Duration.ofSeconds(10), Duration.ofSeconds(30),
                16 << 20, Json.DEFAULT_MAX_DEPTH);

        public Options {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
        }

        public Options withCommandTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, maxMessageBytes, maxDepth);
        }

        public Options withConnectTimeout(Duration timeout) {
            return new Options(timeout, commandTimeout, maxMessageBytes, maxDepth);
        }

        public Options withMaxMessageBytes(int bytes) {
            return new Options(connectTimeout, commandTimeout, bytes, maxDepth);
        }
    }

    private final Path socket;
    private final SocketChannel channel;
    private final Options options;
    private final QmpListener listener;
    private final Object writeLock = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Map<String, Object>> greeting = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile QmpException failure;
    private volatile Map<String, Object> version = Map.of();

    private QmpClient(Path socket, SocketChannel channel, Options options, QmpListener listener) {
        this.socket = socket;
        this.channel = channel;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Connects to the monitor at {@code socket}, reads the greeting and negotiates capabilities
     * ({@code qmp_capabilities}). Retries the connection (the socket appears once QEMU has set it
     * up) until {@link Options#connectTimeout()} passes or {@code worthWaiting} says the peer is
     * gone.
     *
     * @param worthWaiting false once there is no point waiting any more (QEMU exited)
     * @throws QmpException CLOSED when the peer went away, TIMEOUT, or PROTOCOL for a bad greeting
     */
    public static QmpClient connect(Path socket, Options options, QmpListener listener, BooleanSupplier worthWaiting)
            throws QmpException {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        SocketChannel ch = null;
        long pauseMicros = 200;
        while (ch == null) {
            SocketChannel attempt = null;
            try {
                attempt = SocketChannel.open(StandardProtocolFamily.UNIX);
                attempt.connect(address);
                ch = attempt;
            } catch (IOException e) {
                closeQuietly(attempt);
                if (!worthWaiting.getAsBoolean()) {
                    throw new QmpException(QmpException.Kind.CLOSED,
                            "the monitor at " + socket + " went away before it accepted a connection");
                }
                if (System.nanoTime() > deadline) {
                    throw new QmpException(QmpException.Kind.TIMEOUT, "cannot connect to the monitor at "
                            + socket + " within " + options.connectTimeout().toMillis() + " ms: " + e.getMessage(),
                            null, e);
                }
                try {
                    TimeUnit.MICROSECONDS.sleep(pauseMicros);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new QmpException(QmpException.Kind.CLOSED, "interrupted while connecting to " + socket);
                }
                pauseMicros = Math.min(pauseMicros * 2, 5_000);
            }
        }
        QmpClient client = new QmpClient(socket, ch, options, listener);
        client.startReader();
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            Map<String, Object> hello = client.greeting.get(left, TimeUnit.NANOSECONDS);
            client.version = hello;
            client.execute("qmp_capabilities", null, options.commandTimeout());
            return client;
        } catch (TimeoutException e) {
            client.fail(new QmpException(QmpException.Kind.TIMEOUT, "the monitor at " + socket
                    + " sent no greeting within " + options.connectTimeout().toMillis() + " ms"));
            throw client.failure;
        } catch (ExecutionException e) {
            client.close();
            throw asQmp(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new QmpException(QmpException.Kind.CLOSED, "interrupted while greeting " + socket);
        } catch (QmpException e) {
            client.close();
            throw e;
        }
    }

    /** The greeting's {@code QMP} member ({@code version}, {@code capabilities}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> greeting() {
        Object qmp = version.get("QMP");
        return qmp instanceof Map ? (Map<String, Object>) qmp : Map.of();
    }

    /** The socket this client is connected to. */
    public Path socket() {
        return socket;
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Runs a command without arguments with the default timeout; returns its {@code return} value. */
    public Object execute(String command) throws QmpException {
        return execute(command, null, options.commandTimeout());
    }

    /** Runs a command with the default timeout; returns its {@code return} value. */
    public Object execute(String command, Map<String, Object> arguments) throws QmpException {
        return execute(command, arguments, options.commandTimeout());
    }

    /**
     * Runs a command and waits at most {@code timeout} for its answer.
     *
     * @param arguments the command's arguments, or null
     * @return the {@code return} member (often an empty object)
     * @throws QmpException COMMAND_ERROR with QEMU's class and description, TIMEOUT, CLOSED or PROTOCOL
     */
    public Object execute(String command, Map<String, Object> arguments, Duration timeout) throws QmpException {
        QmpException f = failure;
        if (f != null || closed.get()) {
            throw new QmpException(QmpException.Kind.CLOSED, "cannot run '" + command + "': the monitor at "
                    + socket + " is closed" + (f == null ? "" : " (" + f.getMessage() + ")"), null, f);
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Object> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = arguments == null || arguments.isEmpty()
                ? Json.object("execute", command, "id", id)
                : Json.object("execute", command, "arguments", arguments, "id", id);
        try {
            send(Json.write(message));
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QmpException(QmpException.Kind.TIMEOUT, "QEMU did not answer '" + command + "' within "
                    + timeout.toMillis() + " ms (monitor " + socket + ")");
        } catch (ExecutionException e) {
            throw asQmp(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException(QmpException.Kind.CLOSED, "interrupted while waiting for '" + command + "'");
        } finally {
            pending.remove(id);
        }
    }

    /** Runs a command whose answer is an object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> executeObject(String command, Map<String, Object> arguments) throws QmpException {
        Object r = execute(command, arguments);
        if (!(r instanceof Map)) {
            throw new QmpException(QmpException.Kind.PROTOCOL, "'" + command + "' returned " + Json.describe(r)
                    + ", expected an object");
        }
        return (Map<String, Object>) r;
    }

    /** Runs a command whose answer is an array. */
    @SuppressWarnings("unchecked")
    public List<Object> executeList(String command, Map<String, Object> arguments) throws QmpException {
        Object r = execute(command, arguments);
        if (!(r instanceof List)) {
            throw new QmpException(QmpException.Kind.PROTOCOL, "'" + command + "' returned " + Json.describe(r)
                    + ", expected an array");
        }
        return (List<Object>) r;
    }

    /** Closes the connection; pending commands fail with CLOSED. Idempotent. */
    @Override
    public void close() {
        shutdown(null);
    }

    private void send(String line) throws QmpException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        synchronized (writeLock) {
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                QmpException err = new QmpException(QmpException.Kind.CLOSED,
                        "cannot write to the monitor at " + socket + ": " + e.getMessage(), null, e);
                fail(err);
                throw err;
            }
        }
    }

    private void startReader() {
        // Named after the socket's directory too: libvirt's layout calls every socket monitor.sock.
        Path dir = socket.getParent();
        Thread t = new Thread(this::readLoop, "qmp-reader "
                + (dir == null || dir.getFileName() == null ? "" : dir.getFileName() + "/") + socket.getFileName());
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        byte[] line = new byte[4096];
        int lineLen = 0;
        try {
            while (!closed.get()) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    fail(new QmpException(QmpException.Kind.CLOSED, "the monitor at " + socket + " closed the connection"));
                    return;
                }
                byte[] data = buf.array();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (data[i] == NEWLINE) {
                        int chunk = i - start;
                        if (lineLen + chunk > options.maxMessageBytes()) {
                            throw tooLong();
                        }
                        line = ensure(line, lineLen + chunk);
                        System.arraycopy(data, start, line, lineLen, chunk);
                        lineLen += chunk;
                        handleLine(new String(line, 0, lineLen, StandardCharsets.UTF_8));
                        lineLen = 0;
                        start = i + 1;
                    }
                }
                int rest = n - start;
                if (rest > 0) {
                    if (lineLen + rest > options.maxMessageBytes()) {
                        throw tooLong();
                    }
                    line = ensure(line, lineLen + rest);
                    System.arraycopy(data, start, line, lineLen, rest);
                    lineLen += rest;
                }
            }
        } catch (QmpException e) {
            fail(e);
        } catch (ClosedChannelException e) {
            fail(new QmpException(QmpException.Kind.CLOSED, "the monitor at " + socket + " is closed"));
        } catch (IOException e) {
            fail(new QmpException(QmpException.Kind.CLOSED, "cannot read the monitor at " + socket + ": "
                    + e.getMessage(), null, e));
        } catch (RuntimeException e) {
            fail(new QmpException(QmpException.Kind.PROTOCOL, "unexpected failure reading the monitor at "
                    + socket + ": " + e, null, e));
        }
    }

    private QmpException tooLong() {
        return new QmpException(QmpException.Kind.PROTOCOL, "the monitor at " + socket
                + " sent a message longer than " + options.maxMessageBytes() + " bytes");
    }

    private static byte[] ensure(byte[] a, int size) {
        if (size <= a.length) {
            return a;
        }
        int n = a.length;
        while (n < size) {
            n = n > (Integer.MAX_VALUE >> 1) ? Integer.MAX_VALUE : n * 2;
        }
        return java.util.Arrays.copyOf(a, n);
    }

    private void handleLine(String text) throws QmpException {
        if (text.isBlank()) {
            return;
        }
        Map<String, Object> msg;
        try {
            Object parsed = Json.parse(text, options.maxDepth());
            if (!(parsed instanceof Map)) {
                throw garbage(text, "not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) parsed;
            msg = m;
        } catch (JsonException e) {
            throw garbage(text, e.getMessage());
        }
        if (msg.containsKey("QMP")) {
            if (!greeting.complete(msg)) {
                throw garbage(text, "a second greeting");
            }
            return;
        }
        if (!greeting.isDone()) {
            throw garbage(text, "expected the QMP greeting first");
        }
        Object event = msg.get("event");
        if (event instanceof String name) {
            deliver(name, msg);
            return;
        }
        boolean isReturn = msg.containsKey("return");
        boolean isError = msg.containsKey("error");
        if (isReturn == isError) {
            throw garbage(text, "neither an event nor an answer");
        }
        CompletableFuture<Object> target = null;
        Object id = msg.get("id");
        if (id instanceof Long l) {
            target = pending.get(l);
        } else if (id == null && pending.size() == 1) {
            // QEMU answers input it could not parse without an id.
            target = pending.values().iterator().next();
        } else if (id != null) {
            throw garbage(text, "an answer with an id this client never sent");
        }
        if (target == null) {
            return; // an answer to a command that timed out
        }
        if (isReturn) {
            target.complete(msg.get("return"));
        } else {
            target.completeExceptionally(commandError(msg.get("error")));
        }
    }

    private static QmpException commandError(Object error) {
        String cls = null;
        String desc = null;
        if (error instanceof Map<?, ?> e) {
            cls = e.get("class") instanceof String s ? s : null;
            desc = e.get("desc") instanceof String s ? s : null;
        }
        return new QmpException(QmpException.Kind.COMMAND_ERROR, desc == null ? "QEMU reported an error" : desc,
                cls, null);
    }

    @SuppressWarnings("unchecked")
    private void deliver(String name, Map<String, Object> msg) {
        Object data = msg.get("data");
        long micros = 0;
        if (msg.get("timestamp") instanceof Map<?, ?> ts) {
            Object s = ts.get("seconds");
            Object us = ts.get("microseconds");
            if (s instanceof Long sec && us instanceof Long mic) {
                micros = sec * 1_000_000L + mic;
            }
        }
        QmpEvent ev = new QmpEvent(name, data instanceof Map ? (Map<String, Object>) data : Map.of(), micros);
        try {
            listener.onEvent(ev);
        } catch (RuntimeException e) {
            // A listener's bug must not take the monitor down.
        }
    }

    private QmpException garbage(String text, String why) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        StringBuilder clean = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            clean.append(c < 0x20 ? '?' : c);
        }
        return new QmpException(QmpException.Kind.PROTOCOL, "the monitor at " + socket + " sent garbage ("
                + why + "): " + clean);
    }

    private void fail(QmpException cause) {
        shutdown(cause);
    }

    private void shutdown(QmpException cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        failure = cause != null ? cause
                : new QmpException(QmpException.Kind.CLOSED, "the monitor client for " + socket + " was closed");
        closeQuietly(channel);
        // The listener hears of it first, so that callers woken below find it informed.
        try {
            listener.onClose(cause);
        } catch (RuntimeException e) {
            // ignore a listener's failure
        }
        greeting.completeExceptionally(failure);
        for (CompletableFuture<Object> f : pending.values()) {
            f.completeExceptionally(failure);
        }
    }

    private static QmpException asQmp(Throwable t) {
        if (t instanceof QmpException q) {
            // A fresh copy, so that the stack shows the caller.
            return new QmpException(q.kind(), q.getMessage(), q.errorClass(), q);
        }
        return new QmpException(QmpException.Kind.PROTOCOL, String.valueOf(t), null, t);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
