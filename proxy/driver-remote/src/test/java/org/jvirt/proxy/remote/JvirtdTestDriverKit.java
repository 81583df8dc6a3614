package org.jvirt.proxy.remote;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.jvirt.tck.DriverConformanceKit;

/**
 * The conformance kit through jvirtd serving jvirt's {@code test:///default}, whatever the transport (a unix
 * socket, ssh): the tests that do not apply through a daemon, each with its reason in {@link DaemonTargets}.
 */
public abstract class JvirtdTestDriverKit extends DriverConformanceKit {
    /** {@link DaemonTargets#CELLS_LIMIT}. */
    @Nested
    class NodeThroughADaemon extends DriverConformanceKit.ConnectionAndNode {
        @Test
        @Override
        public void freeMemory() {
            notApplicable(DaemonTargets.CELLS_LIMIT);
        }
    }

    /** Events through a daemon are asynchronous: {@link DaemonTargets#ASYNC_EVENTS}. */
    @Nested
    class EventsThroughADaemon extends DriverConformanceKit.Events {
        @Test
        @Override
        public void saveAndRestoreEvents() {
            notApplicable(DaemonTargets.ASYNC_EVENTS);
        }

        @Test
        @Override
        public void perDomainSubscriptionsSeeTheirDomainUntilClosed() {
            notApplicable(DaemonTargets.ASYNC_EVENTS);
        }

        @Test
        @Override
        public void listenersMayCallBackAndMayThrow() {
            notApplicable(DaemonTargets.ASYNC_EVENTS);
        }
    }
}
