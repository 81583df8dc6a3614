package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a client's socket: for a unix socket the kernel's word ({@code SO_PEERCRED})
 * rather than anything the client says — the JDK gives the user and group, resolved from the peer's uid
 * and gid, not its pid; for TCP the remote address.
 *
 * @param description what the daemon's log says of the peer, e.g. {@code uid root gid root} or {@code tcp /127.0.0.1:40112}
 */
public record Peer(String description) {
    /** The peer of a connected socket. */
    static Peer of(SocketChannel channel) {
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress a) {
                return new Peer("tcp " + a);
            }
            UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return new Peer("uid " + p.user().getName() + " gid " + p.group().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return new Peer("unknown peer (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
