package org.jvirt.driver.xend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.http.XendAddress;
import org.jvirt.driver.xend.http.XendHttp;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The xend driver's entry point, as libvirt 0.4.4's {@code xenDaemonOpen}: {@code xen:///} reaches xend on
 * its unix socket ({@code /var/lib/xend/xend-socket}, or the one {@code ?xend_socket=PATH} names) and
 * {@code http://HOST[:PORT]/} on TCP (port 8000 by default). Opening asks xend for {@code /xend/node/}:
 * its version and configuration format. No xend on a {@code xen:///} socket declines (the other Xen
 * drivers may serve the connection); any other failure is the open's error. {@code ?timeout=MS} bounds
 * each request (30 s by default).
 */
public final class XendDriverProvider implements DriverProvider {
    static final String NAME = "xend";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("xen", "http");
    }

    @Override
    public Class<XendDriver> driverClass() {
        return XendDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        ConnectUri uri = request.uri();
        if (uri.isRemote()) {
            return OpenResult.declined("remote URIs are served by the remote driver");
        }
        try {
            XendAddress address;
            if (uri.scheme().equals("http")) {
                if (uri.host() == null || uri.host().isEmpty()) {
                    return OpenResult.failed(XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "xend's address "
                            + uri.text() + " names no host", null));
                }
                address = new XendAddress.Tcp(uri.host(), uri.port() > 0 ? uri.port() : XendAddress.DEFAULT_PORT);
            } else {
                if (!uri.path().isEmpty() && !uri.path().equals("/")) {
                    return OpenResult.declined("xen:// URIs have no path, not '" + uri.path() + "'");
                }
                Path socket = Path.of(uri.query().getOrDefault("xend_socket", XendAddress.DEFAULT_SOCKET.toString()));
                if (!Files.exists(socket)) {
                    return OpenResult.declined("xend is not running: no socket " + socket);
                }
                address = new XendAddress.Unix(socket);
            }
            XendClient client = new XendClient(new XendHttp(address, timeout(uri)));
            return OpenResult.accepted(new XendDriver(client, XendNodeFacts.of(client.node())));
        } catch (VirtException e) {
            return OpenResult.failed(e);
        }
    }

    private static Duration timeout(ConnectUri uri) {
        String ms = uri.query().get("timeout");
        if (ms == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long v = Long.parseLong(ms);
            if (v > 0) {
                return Duration.ofMillis(v);
            }
        } catch (NumberFormatException e) {
            // Reported below, as any other value that is no positive number.
        }
        throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "timeout must be a positive number of milliseconds, not '"
                + ms + "'", null);
    }
}
