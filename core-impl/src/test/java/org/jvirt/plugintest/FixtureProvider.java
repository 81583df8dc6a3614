package org.jvirt.plugintest;

import java.util.Set;
import org.jvirt.spi.Driver;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/** A plugin's provider, packed into jars by the plugin tests; it checks it cannot see jvirt's core. */
public class FixtureProvider implements org.jvirt.spi.DriverProvider {
    @Override
    public String name() {
        return "fixture";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("fixture");
    }

    @Override
    public Class<? extends Driver> driverClass() {
        return FixtureDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        try {
            Class.forName("org.jvirt.core.Jvirt", false, getClass().getClassLoader());
            return OpenResult.declined("the plugin can see jvirt's core: it is not isolated");
        } catch (ClassNotFoundException expected) {
            return OpenResult.accepted(new FixtureDriver());
        }
    }
}
