package org.jvirt.proxy.remote.uri;

import java.util.Locale;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * libvirt's remote transports ({@code remoteDriverTransport}, in libvirt's order), and which of them jvirt's
 * remote driver has.
 */
public enum TransportKind {
    /** TLS over TCP: libvirt's default for a URI with a host and no transport. Not in jvirt. */
    TLS(false),
    /** A local unix socket: the default for a URI without a host. */
    UNIX(true),
    /** The system's {@code ssh} client, bridged to the far side's unix socket. */
    SSH(true),
    /** libvirt's in-process libssh2 client. Not in jvirt. */
    LIBSSH2(false),
    /** An external command given by {@code ?command=}, speaking the protocol on its standard input and output. */
    EXT(true),
    /** Plain TCP, unauthenticated and unencrypted (libvirtd's {@code listen_tcp}). */
    TCP(true),
    /** libvirt's in-process libssh client. Not in jvirt. */
    LIBSSH(false);

    private final boolean available;

    TransportKind(boolean available) {
        this.available = available;
    }

    /** The name as URIs write it, e.g. {@code ssh}. */
    public String uriName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether jvirt's remote driver has this transport. */
    public boolean available() {
        return available;
    }

    /**
     * The transport of {@code uri}, as libvirt's {@code remoteSplitURIScheme} reads it: the part of the scheme
     * after {@code +} (any case), else TLS with a host and UNIX without.
     *
     * @throws VirtException INVALID_ARG for an unknown transport, or a unix socket with a host
     */
    static TransportKind of(RemoteUri uri) {
        String name = uri.transport();
        if (name == null) {
            return uri.server() != null ? TLS : UNIX;
        }
        TransportKind kind = null;
        for (TransportKind k : values()) {
            if (k.uriName().equals(name.toLowerCase(Locale.ROOT))) {
                kind = k;
            }
        }
        if (kind == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "remote_open: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)", null);
        }
        if (kind == UNIX && uri.server() != null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "using unix socket and remote server '" + uri.server() + "' is not supported.", null);
        }
        return kind;
    }

    /**
     * Refuses a transport jvirt does not have, naming those it has.
     *
     * @throws VirtException OPERATION_UNSUPPORTED for TLS, libssh and libssh2
     */
    void requireAvailable(RemoteUri uri) {
        if (available) {
            return;
        }
        String what = this == TLS && uri.transport() == null
                ? "TLS transport (a URI with a host and no transport asks for TLS)"
                : "'" + uriName() + "' transport";
        String example = uri.driver() + "+ssh://" + (uri.server() != null ? uri.server() : "HOST")
                + (uri.path() != null ? uri.path() : "/");
        throw VirtException.of(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.REMOTE,
                "jvirt's remote driver has no " + what + "; it has the unix, ssh, ext and tcp transports, e.g. "
                        + example, null);
    }
}
