package org.jvirt.proxy.remote.uri;

import java.nio.file.Path;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.rpc.RpcChannel;
import org.jvirt.proxy.remote.transport.SshTransport;
import org.jvirt.proxy.remote.transport.Transport;
import org.jvirt.spi.ConnectUri;

/**
 * Where a remote URI leads, read by libvirt 9's rules ({@code remoteConnectOpen} and {@code doRemoteOpen} of
 * {@code remote_driver.c}, {@code remote_sockets.c}, {@code virNetClientNewSSH}): the transport and its address,
 * the URI the daemon should open (libvirt's {@code name}), and the channel's settings.
 *
 * <p>Transports: {@code unix} (the default without a host), {@code ssh}, {@code ext} and {@code tcp}; TLS (the
 * default with a host), {@code libssh} and {@code libssh2} are refused with OPERATION_UNSUPPORTED. Parameters the
 * remote driver takes are listed in {@link RemoteParams}; they never reach the daemon, the others travel with its
 * URI in their order. {@code ?name=} gives the daemon's URI outright; the scheme {@code remote} lets the daemon
 * choose. Default sockets are libvirt's: {@code /var/run/libvirt/libvirt-sock} (or {@code -sock-ro} read-only), the
 * per-driver daemon's (e.g. {@code virtqemud-sock}) when it exists locally or {@code ?mode=direct}, and for a
 * non-root user's {@code /session} (or any {@code test+} URI) the session daemon's in the user's runtime directory,
 * started on demand when none listens there (as libvirt's; {@code LIBVIRT_AUTOSTART=0} turns that off).
 *
 * <p>jvirt's own parameters, for the channel (libvirt's client reads keepalive from libvirt.conf, which jvirt does
 * not read), taken like libvirt's: {@code call_timeout=SECONDS} (how long a call waits for its reply before the
 * connection is given up; 120), {@code keepalive_interval=SECONDS} (silence before a ping; 5; 0 or -1 turn keepalive
 * off) and {@code keepalive_count=N} (pings left unanswered before the connection closes; 5).
 *
 * @param daemonUri the URI the daemon opens, e.g. {@code test:///default}; empty to let the daemon choose
 * @param transport how the daemon is reached
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
     * Reads {@code uri} (a URI the core routed to the remote driver) for a client on this machine.
     *
     * @throws VirtException INVALID_ARG for a transport or parameter libvirt would refuse (the parameter named),
     *     OPERATION_UNSUPPORTED for a transport jvirt does not have
     */
    public static RemoteTarget of(ConnectUri uri, boolean readOnly) {
        return of(uri.text(), readOnly, LocalHost.current());
    }

    /** As {@link #of(ConnectUri, boolean)}, for a client on {@code host}. */
    public static RemoteTarget of(String text, boolean readOnly, LocalHost host) {
        RemoteUri uri = RemoteUri.parse(text);
        TransportKind kind = TransportKind.of(uri);
        RemoteParams params = RemoteParams.of(uri.params());
        boolean user = SocketPaths.userDaemon(uri, host);
        String name = DaemonUri.of(uri, params.get("name"), params.forwarded());
        RemoteMode mode = params.get("mode") != null ? RemoteMode.parse(params.get("mode")) : RemoteMode.AUTO;
        String proxyText = params.get("proxy");
        String socket = params.get("socket");
        ProxyMode proxy = proxyText != null ? ProxyMode.parse(proxyText)
                : socket != null ? ProxyMode.NETCAT : user ? ProxyMode.NATIVE : ProxyMode.AUTO;
        String command = params.get("command");
        if (kind == TransportKind.EXT && command == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "remote_open: for 'ext' transport, command is required", null);
        }
        if (socket == null && (kind == TransportKind.UNIX || kind == TransportKind.SSH
                || kind == TransportKind.LIBSSH || kind == TransportKind.LIBSSH2)) {
            socket = SocketPaths.choose(kind, mode, uri.driver(), user, readOnly, host);
        }
        RpcChannel.Settings settings = params.settings();
        kind.requireAvailable(uri);
        String server = uri.server() != null ? uri.server() : "localhost";
        TransportSpec spec = switch (kind) {
            case UNIX -> new UnixSpec(Path.of(socket), user && uri.server() == null && params.get("socket") == null
                    && !"0".equals(System.getenv("LIBVIRT_AUTOSTART")));
            case TCP -> new TcpSpec(server, uri.port() != 0 ? uri.port() : TcpSpec.DEFAULT_PORT);
            case EXT -> new ExtSpec(command);
            case SSH -> {
                FarSideCommand far = new FarSideCommand(proxy, params.get("netcat"), socket, name, readOnly,
                        "netcat".equals(proxyText));
                yield new SshSpec(new SshTransport(command != null ? command : "ssh", server,
                        uri.port() != 0 ? Integer.toString(uri.port()) : null, uri.user(), params.get("keyfile"),
                        params.flag("no_tty"), params.flag("no_verify"), far.jvirt()), far);
            }
            default -> throw new IllegalStateException("unavailable transport " + kind + " not refused");
        };
        return new RemoteTarget(name, spec, settings);
    }
}
