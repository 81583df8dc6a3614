package org.jvirt.proxy.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A unix-socket relay between libvirt's clients and libvirtd that keeps every byte each way, so
 * that the frames real libvirt sends can be decoded afterwards.
 */
final class Relay implements AutoCloseable {
    /** One client connection: what the client sent, what the daemon answered. */
    static final class Conversation {
        final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        final ByteArrayOutputStream fromDaemon = new ByteArrayOutputStream();
    }

    private final ServerSocketChannel server;
    private final Path upstream;
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Thread acceptor;

    Relay(Path listen, Path upstream) throws IOException {
        this.upstream = upstream;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(listen));
        acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                Conversation c = new Conversation();
                synchronized (this) {
                    channels.add(client);
                    channels.add(daemon);
                    conversations.add(c);
                    threads.add(pump(client, daemon, c.fromClient));
                    threads.add(pump(daemon, client, c.fromDaemon));
                }
            }
        } catch (IOException closed) {
            // the relay is closed
        }
    }

    private static Thread pump(SocketChannel from, SocketChannel to, ByteArrayOutputStream record) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    synchronized (record) {
                        record.write(buf.array(), 0, buf.limit());
                    }
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "relay-pump");
        t.start();
        return t;
    }

    /** The conversations so far; call after the clients have finished and {@link #close()}. */
    synchronized List<Conversation> conversations() {
        return List.copyOf(conversations);
    }

    /** Stops accepting and waits for every pump to see its connection end. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(threads);
        }
        for (Thread t : all) {
            t.join(10_000);
        }
        synchronized (this) {
            for (SocketChannel c : channels) {
                c.close();
            }
        }
    }
}
