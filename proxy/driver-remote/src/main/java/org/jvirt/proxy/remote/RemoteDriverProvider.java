package org.jvirt.proxy.remote;

import java.util.Set;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.uri.RemoteTarget;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The remote driver's entry point: the core hands it every URI with a host or a transport
 * ({@code qemu+ssh://host/system}, {@code test+unix:///default?socket=...}) under the scheme {@code remote}.
 */
public final class RemoteDriverProvider implements DriverProvider {
    /** The driver's name and scheme. */
    public static final String NAME = "remote";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(NAME);
    }

    @Override
    public Class<? extends Driver> driverClass() {
        return RemoteDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        try {
            RemoteTarget target = RemoteTarget.of(request.uri(), request.readOnly());
            return OpenResult.accepted(RemoteDriver.open(target, request.readOnly(), request.events()));
        } catch (VirtException e) {
            return OpenResult.failed(e);
        }
    }
}
