package org.jvirt.proxy.daemon.robust;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * A test client of libvirt's remote protocol that, unlike {@code RpcClient}, keeps many calls in
 * flight and keeps the events it receives: a reader thread matches each reply to its call by serial
 * and queues every other message; calls may come from many threads at once. Raw bytes can be sent too,
 * for frames no well-behaved client would send, with the reply (if any) awaited by serial.
 *
 * <p>Nothing here waits without a deadline. A reply no call waits for, or a frame the client cannot
 * read, is kept in {@link #strays()} for the test to assert on. When the peer closes the connection,
 * {@link #closed()} completes and every call still waiting fails.
 */
final class WireClient implements AutoCloseable {
    private final SocketChannel channel;
    private final Object writeLock = new Object();
    private final AtomicInteger serials = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Message> events = new LinkedBlockingQueue<>();
    private final List<Object> strays = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Thread reader;

    private WireClient(SocketChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "wire-client-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to the unix socket {@code socket}. */
    static WireClient connect(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return new WireClient(c);
    }

    /** Waits for {@code f} until {@code timeout}, failing the test when it does not complete. */
    static <T> T await(CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends a call of {@code p} with {@code args}; the future completes with its reply. */
    <T> CompletableFuture<Message> call(XdrProcedure p, XdrCodec<T> codec, T args) {
        return call(p, codec.toBytes(args));
    }

    /** Sends a call of {@code p} with an encoded payload; the future completes with its reply. */
    CompletableFuture<Message> call(XdrProcedure p, byte[] payload) {
        int serial = nextSerial();
        return sendExpectingReply(Message.call(p, serial, payload).toFrame(), serial);
    }

    /** A call and its reply, waited for up to {@code timeout}. */
    <T> Message callAndWait(XdrProcedure p, XdrCodec<T> codec, T args, Duration timeout) {
        return await(call(p, codec, args), timeout);
    }

    /** A serial no call of this client has used. */
    int nextSerial() {
        return serials.getAndIncrement();
    }

    /**
     * Sends {@code frame} as it is and returns what answers {@code serial}: a reply, or a failure when
     * the connection closes first.
     */
    CompletableFuture<Message> sendExpectingReply(byte[] frame, int serial) {
        CompletableFuture<Message> reply = new CompletableFuture<>();
        if (pending.putIfAbsent(serial, reply) != null) {
            throw new IllegalStateException("serial " + serial + " is already waiting for a reply");
        }
        if (closed.isDone()) {
            pending.remove(serial);
            reply.completeExceptionally(new IOException("the connection is closed"));
            return reply;
        }
        try {
            sendRaw(frame);
        } catch (IOException e) {
            pending.remove(serial);
            reply.completeExceptionally(e);
        }
        return reply;
    }

    /** Writes {@code bytes} as they are. */
    void sendRaw(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Opens the client's connection to {@code uri}, failing the test unless it succeeds. */
    void open(String uri, Duration timeout) {
        Message m = callAndWait(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, RemoteConnectOpenArgs.CODEC,
                new RemoteConnectOpenArgs(Optional.ofNullable(uri), 0), timeout);
        if (m.header().status() != VirNetMessageStatus.VIR_NET_OK) {
            throw new AssertionError("CONNECT_OPEN of " + uri + " failed: " + Replies.error(m));
        }
    }

    /** The next event (a {@code VIR_NET_MESSAGE} of any program but keepalive), or empty after {@code timeout}. */
    Optional<Message> nextEvent(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Replies that answered no waiting call, and what the reader could not read (as exceptions). */
    List<Object> strays() {
        return List.copyOf(strays);
    }

    /** Completes when the peer closes the connection (or this client does). */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /** Shuts down the sending side: the peer sees the end of the stream, replies can still arrive. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    private void readLoop() {
        FrameReader frames = new FrameReader(channel);
        try {
            for (Optional<Message> m = frames.next(); m.isPresent(); m = frames.next()) {
                take(m.get());
            }
        } catch (IOException | RuntimeException | org.jvirt.proxy.protocol.xdr.XdrException e) {
            if (channel.isOpen()) {
                strays.add(e);
            }
        } finally {
            IOException gone = new IOException("the connection closed before the reply");
            closed.complete(null);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            pending.clear();
        }
    }

    private void take(Message m) throws IOException {
        VirNetMessageHeader h = m.header();
        if (h.type() == VirNetMessageType.VIR_NET_REPLY || h.type() == VirNetMessageType.VIR_NET_REPLY_WITH_FDS) {
            CompletableFuture<Message> f = pending.remove(h.serial());
            if (f == null) {
                strays.add(m);
            } else {
                f.complete(m);
            }
        } else if (h.prog() == KeepaliveProcedure.PROGRAM) {
            if (h.proc() == KeepaliveProcedure.KEEPALIVE_PROC_PING.number()) {
                sendRaw(new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION,
                        KeepaliveProcedure.KEEPALIVE_PROC_PONG.number(), VirNetMessageType.VIR_NET_MESSAGE, 0,
                        VirNetMessageStatus.VIR_NET_OK), new byte[0]).toFrame());
            }
        } else {
            events.add(m);
        }
    }

    /** Closes the socket; the reader thread ends with it. */
    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
