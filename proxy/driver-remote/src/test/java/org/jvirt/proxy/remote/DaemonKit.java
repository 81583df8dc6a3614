package org.jvirt.proxy.remote;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.jvirt.tck.DriverConformanceKit;

/**
 * The conformance kit through any daemon, whatever the transport: events come after the reply of the call that
 * caused them ({@link DaemonTargets#ASYNC_EVENTS}).
 */
public abstract class DaemonKit extends DriverConformanceKit {
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
