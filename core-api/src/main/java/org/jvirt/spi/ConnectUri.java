package org.jvirt.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A parsed connection URI, libvirt's grammar {@code driver[+transport]://[user@][host][:port]/[path][?query]}.
 *
 * @param text the URI as given (after alias and default resolution), never null
 * @param scheme the driver part, lower case, e.g. {@code test}, never null
 * @param transport the part after {@code +}, or null
 * @param user the user, or null
 * @param host the host, or null for a local URI
 * @param port the port, or -1
 * @param path the path, {@code /default} for {@code test:///default}; empty when absent, never null
 * @param query the decoded query parameters in order; never null, unmodifiable
 *
 * @since 1.0
 */
public record ConnectUri(String text, String scheme, String transport, String user, String host, int port,
                         String path, Map<String, String> query) {
    public ConnectUri {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(Objects.requireNonNull(query, "query"));
    }

    /**
     * Whether the URI names a remote host (such URIs go to the proxy's client driver). One form with a
     * host is not: {@code http://HOST:PORT/}, the address of a Xen daemon that libvirt's xend driver
     * reached directly over its own HTTP, not through a libvirt daemon.
     */
    public boolean isRemote() {
        if (scheme.equals("http") && (transport == null || transport.isEmpty())) {
            return false;
        }
        return host != null && !host.isEmpty() || transport != null && !transport.isEmpty();
    }
}
