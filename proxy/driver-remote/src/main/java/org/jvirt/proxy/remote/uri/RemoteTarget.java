package org.jvirt.proxy.remote.uri;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.rpc.RpcChannel;
import org.jvirt.proxy.remote.transport.SocketTransport;
import org.jvirt.proxy.remote.transport.Transport;
import org.jvirt.spi.ConnectUri;

/**
 * Where a remote URI leads, as libvirt's remote driver reads it: the transport and its address, the URI
 * the daemon should open (libvirt's {@code name}), and the channel's settings. The parameters that are
 * the remote driver's own are taken out of the URI the daemon sees; the others travel with it.
 *
 * @param daemonUri the URI the daemon opens, e.g. {@code test:///default}; empty to let the daemon choose
 * @param transport how the daemon is reached, for messages
 * @param settings the channel's call deadline and keepalive
 */
public record RemoteTarget(String daemonUri, TransportSpec transport, RpcChannel.Settings settings) {
    /** How to reach the daemon: opens a fresh stream to it. */
    public interface TransportSpec {
        /** Opens the stream; a failure names the address and the cause (NO_CONNECT / SYSTEM_ERROR). */
        Transport open();

        /** The address, for messages. */
        String describe();
    }

    public RemoteTarget {
        Objects.requireNonNull(daemonUri, "daemonUri");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads {@code uri} (a URI the core routed to the remote driver).
     *
     * @throws VirtException INVALID_ARG for a transport or parameter libvirt would refuse
     */
    public static RemoteTarget of(ConnectUri uri, boolean readOnly) {
        Map<String, String> forwarded = new LinkedHashMap<>(uri.query());
        String socket = forwarded.remove("socket");
        String name = forwarded.remove("name");
        String daemonUri = name != null ? name : uri.scheme() + "://" + uri.path();
        Path path = Path.of(socket != null ? socket : readOnly ? "/run/libvirt/libvirt-sock-ro" : "/run/libvirt/libvirt-sock");
        TransportSpec spec = new TransportSpec() {
            @Override
            public Transport open() {
                try {
                    return SocketTransport.unix(path);
                } catch (IOException e) {
                    throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                            "Failed to connect socket to '" + path + "': " + e.getMessage(), null, null, e);
                }
            }

            @Override
            public String describe() {
                return "unix socket " + path;
            }
        };
        return new RemoteTarget(daemonUri, spec, new RpcChannel.Settings(Duration.ofMinutes(2), Duration.ofSeconds(5), 5));
    }
}
