package org.jvirt.proxy.remote.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** A daemon's unix socket, or its TCP port: one blocking socket channel, read by one thread and written by another. */
public final class SocketTransport implements Transport {
    private final SocketChannel channel;
    private final String description;

    private SocketTransport(SocketChannel channel, String description) {
        this.channel = channel;
        this.description = description;
    }

    /**
     * Connects to the unix socket {@code path}.
     *
     * @throws IOException as the JDK reports it (no such file, connection refused, permission denied)
     */
    public static SocketTransport unix(Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        return connect(ch, UnixDomainSocketAddress.of(path), "unix socket " + path);
    }

    /**
     * Connects to {@code host:port} over TCP, trying each of the host's addresses in turn as libvirt does, without
     * Nagle's delay (calls are small and answered one by one).
     *
     * @throws java.net.UnknownHostException when the name does not resolve
     * @throws IOException the last address's failure (connection refused, unreachable)
     */
    public static SocketTransport tcp(String host, int port) throws IOException {
        IOException last = null;
        for (InetAddress address : InetAddress.getAllByName(host)) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return connect(ch, new InetSocketAddress(address, port), "TCP " + host + ":" + port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address for " + host);
    }

    private static SocketTransport connect(SocketChannel ch, SocketAddress address, String description)
            throws IOException {
        try {
            ch.connect(address);
            return new SocketTransport(ch, description);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ReadableByteChannel in() {
        return channel;
    }

    @Override
    public WritableByteChannel out() {
        return channel;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(SocketTransport.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing " + description + ": " + e);
        }
    }
}
