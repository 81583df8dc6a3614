package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.util.Set;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.uri.RemoteTarget;
import org.jvirt.proxy.remote.uri.UnixSpec;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * The remote driver's entry point: the core hands it every URI with a host or a transport
 * ({@code qemu+ssh://host/system}, {@code test+unix:///default?socket=...}) under the scheme {@code remote}, and,
 * as libvirt's client asks its remote driver last, a local URI no local driver serves ({@code qemu:///system}
 * without root): that one goes to the host's daemon when one listens, read-only through its read-only socket.
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
            if (!request.uri().isRemote() && target.transport() instanceof UnixSpec unix && !unix.autostart()
                    && !Files.exists(unix.socket())) {
                // a local URI no local driver served: the host's daemon would, but none runs here
                return OpenResult.declined("no daemon serves it: no socket " + unix.socket());
            }
            return OpenResult.accepted(RemoteDriver.open(target, request.readOnly(), request.events()));
        } catch (VirtException e) {
            return OpenResult.failed(e);
        }
    }
}
