package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a unix socket, from the kernel ({@code SO_PEERCRED}) rather than from
 * anything the client says. The JDK gives the user and group (by name, as the system resolves the
 * peer's uid and gid); it does not give the pid.
 *
 * @param user the peer's user, or "unknown" for a TCP client
 * @param group the peer's group, or "unknown"
 */
public record Peer(String user, String group) {
    /** The peer of a connected unix socket; "unknown" when the socket is not one. */
    static Peer of(SocketChannel channel) {
        try {
            UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return new Peer(p.user().getName(), p.group().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return new Peer("unknown", "unknown");
        }
    }

    @Override
    public String toString() {
        return "uid " + user + " gid " + group;
    }
}
