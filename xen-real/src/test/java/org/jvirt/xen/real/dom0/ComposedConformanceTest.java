package org.jvirt.xen.real.dom0;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;

/**
 * The conformance kit on {@code xen:///} as the composition serves it on the real Xen 4.17 (hypercall, dom0's
 * XenStore, xm files; no xend, declared so), with Domain-0 and a guest {@code xl create} started on the node
 * besides what the kit defines. Without xend nothing the kit defines can be started (xm's domains start through
 * xend), so the suites that need a domain the connection made run are not applicable, and say so; everything
 * the connection declares is checked in both directions, on the real hypervisor's and xenstored's answers. What
 * the kit defines is an xm file in the connection's own directory, never started.
 * Before {@link XenstoredRestartTest}, which restarts the daemons this needs.
 */
@Order(100)
class ComposedConformanceTest extends DriverConformanceKit {
    static int guest = -1;

    @BeforeAll
    static void startTheGuest() {
        guest = TestGuest.start();
    }

    @AfterAll
    static void leaveNoGuest() {
        if (guest >= 0) {
            TestGuest.destroyIfPresent(guest);
        }
    }

    @Override
    protected TckTarget target() {
        return TckTarget.builder(Connections::composed)
                .description("xen:/// composed on the real Xen 4.17: hypercall, dom0's xenstored, xm files; no xend")
                .domainXml(TckTarget.XEN_PV_DOMAIN_XML)
                .build();
    }
}
