package org.jvirt.proxy.remote.uri;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.transport.SocketTransport;
import org.jvirt.proxy.remote.transport.Transport;

/**
 * A daemon's TCP port: libvirt's {@code tcp} transport (libvirtd's or jvirtd's {@code listen_tcp}), neither
 * authenticated nor encrypted.
 *
 * @param host the host, {@code localhost} when the URI has none
 * @param port the port, libvirt's 16509 when the URI has none
 */
public record TcpSpec(String host, int port) implements RemoteTarget.TransportSpec {
    /** libvirt's {@code LIBVIRTD_TCP_PORT}. */
    public static final int DEFAULT_PORT = 16509;

    public TcpSpec {
        Objects.requireNonNull(host, "host");
    }

    /**
     * @throws VirtException SYSTEM_ERROR "Unable to resolve address 'HOST' service 'PORT': ..." or "unable to
     *     connect to server at 'HOST:PORT': REASON", as libvirt words them
     */
    @Override
    public Transport open() {
        try {
            return SocketTransport.tcp(host, port);
        } catch (UnknownHostException e) {
            String why = String.valueOf(e.getMessage());
            why = why.startsWith(host + ": ") ? why.substring(host.length() + 2) : why;
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Unable to resolve address '" + host + "' service '" + port + "': " + why, null, null, e);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "unable to connect to server at '" + host + ":" + port + "': " + e.getMessage(), null, null, e);
        }
    }

    @Override
    public String describe() {
        return "TCP " + host + ":" + port;
    }
}
