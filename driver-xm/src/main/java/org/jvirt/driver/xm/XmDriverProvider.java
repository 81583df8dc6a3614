package org.jvirt.driver.xm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xm.config.XmConfig;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The xm driver's entry point: {@code xen:///} keeps its inactive domains in {@code /etc/xen}, or the
 * directory {@code ?xm_config_dir=DIR} names, written for the xend configuration format
 * {@code ?xend_config_version=N} (1 to 4; 4, Xen 3.1 and later, by default — libvirt 0.4.4 asked xend,
 * which a driver here does not know). No such directory declines: the other Xen drivers may serve the
 * connection.
 */
public final class XmDriverProvider implements DriverProvider {
    static final String NAME = "xm";
    static final Path DEFAULT_DIR = Path.of("/etc/xen");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("xen");
    }

    @Override
    public Class<XmDriver> driverClass() {
        return XmDriver.class;
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
        Path dir = Path.of(uri.query().getOrDefault("xm_config_dir", DEFAULT_DIR.toString()));
        if (!Files.isDirectory(dir)) {
            return OpenResult.declined("no xm configuration directory " + dir);
        }
        String v = uri.query().getOrDefault("xend_config_version", Integer.toString(XmConfig.MAX_VERSION));
        int version;
        try {
            version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < XmConfig.MIN_VERSION || version > XmConfig.MAX_VERSION) {
            return OpenResult.failed(XmDriverErrors.worded(ErrorCode.INVALID_ARG, "xend_config_version must be "
                    + XmConfig.MIN_VERSION + " to " + XmConfig.MAX_VERSION + ", not '" + v + "'", null));
        }
        return OpenResult.accepted(new XmDriver(new XmDirectory(dir, version)));
    }
}
