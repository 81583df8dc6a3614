package org.jvirt.driver.xend.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where xend listens: its unix socket ({@code /var/lib/xend/xend-socket}) or a TCP port (8000), as
 * libvirt 0.4.4's {@code xenDaemonOpen_unix} / {@code xenDaemonOpen_tcp} reached it. Immutable.
 */
public sealed interface XendAddress {
    /** xend's own unix socket. */
    Path DEFAULT_SOCKET = Path.of("/var/lib/xend/xend-socket");
    /** xend's HTTP port. */
    int DEFAULT_PORT = 8000;

    /** A new blocking channel of the address's family, not yet connected. */
    SocketChannel open() throws IOException;

    /** What {@link SocketChannel#connect} takes. */
    SocketAddress endpoint();

    /** xend on a unix socket. */
    record Unix(Path socket) implements XendAddress {
        public Unix {
            Objects.requireNonNull(socket, "socket");
        }

        @Override
        public SocketChannel open() throws IOException {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }

        @Override
        public SocketAddress endpoint() {
            return UnixDomainSocketAddress.of(socket);
        }

        @Override
        public String toString() {
            return "unix:" + socket;
        }
    }

    /** xend on TCP ({@code xen://HOST/}, {@code http://HOST:8000}). */
    record Tcp(String host, int port) implements XendAddress {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port");
            }
        }

        @Override
        public SocketChannel open() throws IOException {
            SocketChannel ch = SocketChannel.open();
            // As libvirt did: one small request a connection, so no Nagle delay.
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return ch;
        }

        @Override
        public SocketAddress endpoint() {
            return new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
