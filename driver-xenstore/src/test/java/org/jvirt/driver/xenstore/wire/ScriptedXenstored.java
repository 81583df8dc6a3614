package org.jvirt.driver.xenstore.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for xenstored that answers as its test's script says, byte for byte: the way to send what
 * the real daemon never would (frames too long, cut short, of unknown types, replies nobody asked for).
 * Each connection is served on a thread of its own; every request received is also queued in
 * {@link #received}.
 */
final class ScriptedXenstored implements AutoCloseable {
    /** What the server does with one request. */
    @FunctionalInterface
    interface Script {
        void answer(Request request, Peer peer) throws IOException;
    }

    /** A request as received, with the connection (numbered from 1) it came on. */
    record Request(int connection, int type, int reqId, int txId, byte[] payload) {
        List<String> strings() {
            return XsPayload.split(payload);
        }

        /** The first string: the path of most requests. */
        String path() {
            List<String> s = strings();
            return s.isEmpty() ? "" : s.get(0);
        }

        XsType knownType() {
            return XsType.ofNumber(type);
        }
    }

    /** One client connection, to answer on. */
    static final class Peer {
        private final SocketChannel channel;

        Peer(SocketChannel channel) {
            this.channel = channel;
        }

        /** Sends raw bytes. */
        synchronized void send(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** Sends a header announcing {@code announced} bytes, then {@code payload} (which may be shorter or longer). */
        void frame(int type, int reqId, int txId, long announced, byte[] payload) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(type).putInt(reqId).putInt(txId).putInt((int) announced).put(payload);
            send(b.array());
        }

        /** A well-formed reply of {@code type} to {@code r}. */
        void reply(Request r, XsType type, byte[] payload) throws IOException {
            frame(type.number(), r.reqId(), r.txId(), payload.length, payload);
        }

        /** The reply xenstored gives a successful request of {@code r}'s type: {@code OK}. */
        void ok(Request r) throws IOException {
            reply(r, r.knownType(), zstring("OK"));
        }

        /** An XS_ERROR reply naming {@code errno}. */
        void error(Request r, String errno) throws IOException {
            reply(r, XsType.ERROR, zstring(errno));
        }

        /** A watch event as xenstored sends it: request id 0, path and token. */
        void watchEvent(String path, String token) throws IOException {
            byte[] payload = (path + "\0" + token + "\0").getBytes(StandardCharsets.UTF_8);
            frame(XsType.WATCH_EVENT.number(), 0, 0, payload.length, payload);
        }

        /** Closes the connection. */
        void close() throws IOException {
            channel.close();
        }
    }

    final LinkedBlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final Path socket;
    private final ServerSocketChannel server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    ScriptedXenstored(Path socket, Script script) {
        this.socket = socket;
        this.script = script;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "scripted-xenstored");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static byte[] zstring(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    Path socket() {
        return socket;
    }

    /** How many connections were accepted. */
    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel ch = server.accept();
                open.add(ch);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(n, ch), "scripted-xenstored-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(int connection, SocketChannel ch) {
        Peer peer = new Peer(ch);
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (!closed) {
                header.clear();
                if (!readFully(ch, header)) {
                    return;
                }
                int type = header.getInt(0);
                int reqId = header.getInt(4);
                int txId = header.getInt(8);
                int len = header.getInt(12);
                ByteBuffer payload = ByteBuffer.allocate(len);
                if (!readFully(ch, payload)) {
                    return;
                }
                Request r = new Request(connection, type, reqId, txId, payload.array());
                received.add(r);
                script.answer(r, peer);
            }
        } catch (IOException e) {
            // The client or the script closed the connection.
        }
    }

    private static boolean readFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Closes every connection (as xenstored dying would) but keeps listening. */
    void dropConnections() throws IOException {
        for (SocketChannel ch : open) {
            ch.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
    }
}
