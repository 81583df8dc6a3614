package org.jvirt.driver.hypercall;

import java.util.UUID;
import org.jvirt.driver.hypercall.privcmd.SimulatedXen;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;

/**
 * The hypercall driver runs the conformance kit against a simulated Xen 4.17 (the driver's real buffers and
 * layouts, answered in memory), shared by every connection as a real host is: Domain-0, a paravirtualised and a
 * fully virtualised guest. The driver makes no domains, so the kit's suites that need one it made are not
 * applicable; what it declares is checked on these.
 */
class HypercallDriverConformanceTest extends DriverConformanceKit {
    /** A definition for the kit's template; the driver defines nothing, so none is ever sent to it. */
    static final String DOMAIN = """
            <domain type='xen'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory>131072</memory>
              <vcpu>1</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel></os>
            </domain>
            """;

    static final SimulatedXen XEN = SimulatedXen.xen417();

    static {
        XEN.addDomain(3, UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0"), false, 32768, 2);
        XEN.addDomain(5, UUID.fromString("8f07fe28-753f-2729-d76d-bdbd892f949a"), true, 65536, 1).idle(true);
    }

    @Override
    protected TckTarget target() {
        return TckTarget.builder(readOnly -> SimulatedHosts.open(XEN, readOnly))
                .description("jvirt hypercall driver, on a simulated Xen 4.17 hypervisor")
                .domainXml(DOMAIN)
                .build();
    }
}
