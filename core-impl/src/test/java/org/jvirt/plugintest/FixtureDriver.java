package org.jvirt.plugintest;

import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/** The plugin fixture's driver: answers its type with a helper class that may live in another jar. */
public class FixtureDriver implements Driver, DriverOperations.HypervisorIdentity {
    @Override
    public String name() {
        return "fixture";
    }

    @Override
    public void close() {
    }

    @Override
    public String hypervisorType() {
        return FixtureLibrary.TYPE;
    }

    @Override
    public long hypervisorVersion() {
        return 42;
    }
}
