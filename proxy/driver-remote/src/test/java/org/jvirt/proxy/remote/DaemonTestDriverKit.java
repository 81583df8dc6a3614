package org.jvirt.proxy.remote;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.jvirt.tck.DriverConformanceKit;

/**
 * The conformance kit through a daemon serving a test driver (jvirt's in jvirtd, libvirt's in libvirtd), whatever
 * the transport: libvirt's client refuses a request for more cells than its protocol carries
 * ({@link DaemonTargets#CELLS_LIMIT}).
 */
public abstract class DaemonTestDriverKit extends DaemonKit {
    /** {@link DaemonTargets#CELLS_LIMIT}. */
    @Nested
    class NodeThroughADaemon extends DriverConformanceKit.ConnectionAndNode {
        @Test
        @Override
        public void freeMemory() {
            notApplicable(DaemonTargets.CELLS_LIMIT);
        }
    }
}
