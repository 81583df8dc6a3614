package org.jvirt.proxy.protocol;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/** The least client of libvirt's protocol: one call at a time, events skipped. */
public final class RpcClient implements AutoCloseable {
    private final SocketChannel channel;
    private final FrameReader reader;
    private int serial;

    public RpcClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        reader = new FrameReader(channel);
    }

    /** Sends a call of {@code p} with {@code payload} and returns its reply. */
    public Message call(XdrProcedure p, byte[] payload) throws IOException, XdrException {
        Message call = Message.call(p, serial++, payload);
        call.writeTo(channel);
        while (true) {
            Optional<Message> m = reader.next();
            if (m.isEmpty()) {
                throw new IOException("libvirtd closed the connection after " + p.constantName());
            }
            if (m.get().header().type() == VirNetMessageType.VIR_NET_REPLY && m.get().header().serial() == call.header().serial()) {
                return m.get();
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
