package org.jvirt.proxy.remote.uri;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.session.SessionDaemon;
import org.jvirt.proxy.remote.transport.SocketTransport;
import org.jvirt.proxy.remote.transport.Transport;

/**
 * A daemon's unix socket on this machine.
 *
 * @param socket the socket, e.g. {@code /var/run/libvirt/libvirt-sock}
 * @param autostart whether to start the user's session daemon when none listens there (libvirt's
 *     {@code REMOTE_DRIVER_OPEN_AUTOSTART})
 */
public record UnixSpec(Path socket, boolean autostart) implements RemoteTarget.TransportSpec {
    public UnixSpec {
        Objects.requireNonNull(socket, "socket");
    }

    /** A socket whose daemon is not started on demand. */
    public UnixSpec(Path socket) {
        this(socket, false);
    }

    /**
     * @throws VirtException SYSTEM_ERROR "Failed to connect socket to 'PATH': REASON", as libvirt words it, or
     *     why the session daemon could not be started
     */
    @Override
    public Transport open() {
        if (autostart) {
            new SessionDaemon().ensureRunning(socket);
        }
        try {
            return SocketTransport.unix(socket);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Failed to connect socket to '" + socket + "': " + e.getMessage(), null, null, e);
        }
    }

    @Override
    public String describe() {
        return "unix socket " + socket;
    }
}
