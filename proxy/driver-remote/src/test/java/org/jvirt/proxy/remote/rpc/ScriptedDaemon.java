package org.jvirt.proxy.remote.rpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.xdr.XdrException;

/**
 * A daemon the test scripts frame by frame, for what no real daemon does on purpose: garbage, replies
 * to serials never asked, frames over the limit, silence. Listens on a unix socket; one client.
 */
public final class ScriptedDaemon implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private SocketChannel client;
    private FrameReader frames;

    public ScriptedDaemon(Path dir) throws IOException {
        socket = dir.resolve("scripted-sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    public Path socket() {
        return socket;
    }

    /** Waits for the client (it connects when the test opens the channel). */
    public void accept() throws IOException {
        client = server.accept();
        frames = new FrameReader(client);
    }

    /** The next message the client sends; empty when it closed the stream. */
    public Optional<Message> next() throws IOException, XdrException {
        return frames.next();
    }

    /** The next message, which must be there. */
    public Message nextCall() throws IOException, XdrException {
        return next().orElseThrow(() -> new IOException("the client closed the stream"));
    }

    public void send(Message m) throws IOException {
        m.writeTo(client);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            client.write(b);
        }
    }

    /** Closes the client's stream: the daemon "goes away". */
    public void hangUp() throws IOException {
        client.close();
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }
}
