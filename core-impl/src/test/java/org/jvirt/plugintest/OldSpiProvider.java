package org.jvirt.plugintest;

import org.jvirt.spi.Driver;

/** Behaves as a provider compiled against an SPI without driverClass(): the JVM would throw AbstractMethodError. */
public class OldSpiProvider extends FixtureProvider {
    @Override
    public String name() {
        return "old";
    }

    @Override
    public Class<? extends Driver> driverClass() {
        throw new AbstractMethodError("org.jvirt.spi.DriverProvider.driverClass()");
    }
}
