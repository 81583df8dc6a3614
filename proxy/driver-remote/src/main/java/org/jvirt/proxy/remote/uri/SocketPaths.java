package org.jvirt.proxy.remote.uri;

import java.nio.file.Path;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * libvirt's default daemon sockets ({@code remote_sockets.c}): the system daemons' under {@code /var/run/libvirt}
 * (libvirt writes {@code /var/run}, not {@code /run}, since the far side of ssh may lack {@code /run}), the session
 * daemon's in the user's runtime directory; the monolithic {@code libvirtd}'s ("legacy") or the per-driver daemon's,
 * e.g. {@code virtqemud} ("direct").
 */
final class SocketPaths {
    /** libvirt's {@code LOCALSTATEDIR/run/libvirt}. */
    static final String SYSTEM_DIR = "/var/run/libvirt";

    private SocketPaths() {
    }

    /**
     * libvirt's {@code remoteGetURIDaemonInfo}: whether a non-root client means the user's session daemon — a path
     * of {@code /session}, or a scheme starting {@code test+}.
     */
    static boolean userDaemon(RemoteUri uri, LocalHost host) {
        return !host.root() && uri.path() != null
                && (uri.path().equals("/session") || uri.scheme().startsWith("test+"));
    }

    /**
     * libvirt's {@code remoteGetUNIXSocket}: the socket of the daemon serving {@code driver}. In AUTO mode a local
     * unix socket is the per-driver daemon's when its socket exists, else libvirtd's (as Debian builds libvirt;
     * a build with {@code remote_default_mode=direct} would take the per-driver one when neither exists); across
     * ssh it is always libvirtd's (the far side's helper chooses there).
     *
     * @throws VirtException OPERATION_UNSUPPORTED for DIRECT mode across ssh
     */
    static String choose(TransportKind transport, RemoteMode mode, String driver, boolean user, boolean readOnly,
                         LocalHost host) {
        String direct = path(host, "virt" + driver + "d", user, readOnly);
        String legacy = path(host, "libvirt", user, readOnly);
        if (mode == RemoteMode.AUTO) {
            if (transport == TransportKind.UNIX) {
                // when neither exists, libvirtd's: Debian's libvirt is built without REMOTE_DRIVER_AUTOSTART_DIRECT
                mode = host.exists().test(Path.of(direct)) ? RemoteMode.DIRECT : RemoteMode.LEGACY;
            } else {
                mode = RemoteMode.LEGACY;
            }
        }
        if (mode == RemoteMode.DIRECT && transport != TransportKind.UNIX) {
            throw VirtException.of(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.REMOTE,
                    "Cannot use direct socket mode for " + transport.uriName() + " transport", null);
        }
        return mode == RemoteMode.DIRECT ? direct : legacy;
    }

    /** libvirt's {@code remoteGetUNIXSocketHelper}: a session daemon has one socket, a system daemon two. */
    private static String path(LocalHost host, String prefix, boolean user, boolean readOnly) {
        if (user) {
            return host.userRuntimeDir().resolve(prefix + "-sock").toString();
        }
        return SYSTEM_DIR + "/" + prefix + (readOnly ? "-sock-ro" : "-sock");
    }
}
