package org.jvirt.driver.hypercall;

import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.driver.hypercall.privcmd.SimulatedXen;

/**
 * Connections of the core to a simulated hypervisor: the driver's provider, given the simulator through its
 * package-private constructor, alone in the registry. No URI parameter or system property reaches the
 * simulator: a production connection cannot.
 */
final class SimulatedHosts {
    private SimulatedHosts() {
    }

    static Connection open(SimulatedXen xen, boolean readOnly) {
        return Jvirt.builder().providers(ProviderRegistry.of(List.of(new HypercallDriverProvider(xen::connect))))
                .uri("xen:///").readOnly(readOnly).open();
    }
}
