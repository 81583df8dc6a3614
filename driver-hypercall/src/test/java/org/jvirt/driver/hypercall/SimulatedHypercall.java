package org.jvirt.driver.hypercall;

import org.jvirt.driver.hypercall.privcmd.SimulatedXen;
import org.jvirt.spi.DriverProvider;

/**
 * The hypercall driver's provider on a simulated hypervisor, for tests of other modules that compose it
 * (the xen:/// composition's): published in this module's test jar, never in its main one.
 */
public final class SimulatedHypercall {
    private SimulatedHypercall() {
    }

    /** A provider whose connections make their hypercalls to {@code xen}. */
    public static DriverProvider provider(SimulatedXen xen) {
        return new HypercallDriverProvider(xen::connect);
    }

    /** As {@link #provider(SimulatedXen)}, reading dom0's back-end statistics under {@code dom0Root}. */
    public static DriverProvider provider(SimulatedXen xen, java.nio.file.Path dom0Root) {
        return new HypercallDriverProvider(xen::connect, dom0Root);
    }
}
