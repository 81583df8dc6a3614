package org.jvirt.driver.xenstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.driver.xenstore.wire.XenstoreException;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The XenStore driver's entry point, as libvirt 0.4.4's {@code xenStoreOpen}: {@code xen:///} reaches
 * xenstored on its unix socket — the one {@code ?xenstored_path=PATH} names, else {@code $XENSTORED_PATH}
 * (as libxenstore), else {@code /var/run/xenstored/socket}. No socket, or nobody answering on it,
 * declines (the other Xen drivers may serve the connection; the second is logged); a store that answers
 * but cannot be listed or watched is the open's error. Opening lists the running domains and watches
 * {@code @introduceDomain} and {@code @releaseDomain}. Read-only connections are served alike: the driver
 * never writes.
 */
public final class XenstoreDriverProvider implements DriverProvider {
    static final String NAME = "xenstore";
    /** The URI parameter naming xenstored's socket. */
    public static final String SOCKET_PARAMETER = "xenstored_path";
    private static final Duration TIMEOUT = XenstoreClient.DEFAULT_TIMEOUT;
    private static final System.Logger LOG = System.getLogger(XenstoreDriverProvider.class.getName());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("xen");
    }

    @Override
    public Class<XenstoreDriver> driverClass() {
        return XenstoreDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        ConnectUri uri = request.uri();
        if (uri.isRemote()) {
            return OpenResult.declined("remote URIs are served by the remote driver");
        }
        if (!uri.path().isEmpty() && !uri.path().equals("/")) {
            return OpenResult.declined("xen:// URIs have no path, not '" + uri.path() + "'");
        }
        String named = uri.query().get(SOCKET_PARAMETER);
        Path socket = named != null && !named.isEmpty() ? Path.of(named) : XenstoreClient.socketFromEnvironment();
        if (!Files.exists(socket)) {
            return OpenResult.declined("xenstored is not running: no socket " + socket);
        }
        XenstoreClient store;
        try {
            store = XenstoreClient.connect(socket, TIMEOUT);
        } catch (XenstoreException e) {
            LOG.log(System.Logger.Level.WARNING, "xenstored''s socket {0} exists, but: {1}", socket, e.getMessage());
            return OpenResult.declined("xenstored does not answer on " + socket + ": " + e.getMessage());
        }
        try {
            return OpenResult.accepted(XenstoreDriver.open(store, request.events(), TIMEOUT));
        } catch (VirtException e) {
            store.close();
            return OpenResult.failed(e);
        }
    }
}
