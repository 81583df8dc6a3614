package org.jvirt.examples.driver;

import java.util.Set;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * A third-party driver in its smallest useful form: {@code example:///} opens an empty in-memory
 * hypervisor of its own for each connection. It is built outside jvirt's reactor against the
 * published {@code jvirt-core-api} only, and loaded from a plugin directory.
 */
public final class ExampleDriverProvider implements DriverProvider {
    @Override
    public String name() {
        return "example";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("example");
    }

    @Override
    public Class<? extends Driver> driverClass() {
        return ExampleDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        if (request.uri().isRemote()) {
            return OpenResult.declined("the example driver is local only");
        }
        return OpenResult.accepted(new ExampleDriver(request.events()));
    }
}
