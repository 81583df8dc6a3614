package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.proxy.protocol.Libvirtd;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;
import org.jvirt.api.VcpuFlag;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;

/**
 * The conformance kit over the wire against C libvirt: the remote driver against Debian's libvirtd serving
 * its test driver ({@code test:///default}). Operations libvirt's test driver lacks answer NO_SUPPORT from the
 * daemon, which the kit reports as skipped ({@link TckTarget.Builder#throughDaemon()}).
 */
class RemoteLibvirtdConformanceTest extends DriverConformanceKit {
    private static Path dir;
    private static Libvirtd libvirtd;

    @BeforeAll
    static void startLibvirtd() throws Exception {
        dir = Files.createTempDirectory("jvirt-remote-tck-libvirtd-");
        libvirtd = Libvirtd.start(dir);
    }

    @AfterAll
    static void stopLibvirtd() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
        TestFiles.delete(dir);
    }

    @Override
    protected TckTarget target() {
        return DaemonTargets.through("test", "test:///default", libvirtd.socket(), libvirtd.readOnlySocket())
                .description("remote driver -> Debian's libvirtd -> libvirt's test:///default")
                .domainXml(DaemonTargets.TEST_DOMAIN)
                .fullDomainXml(DaemonTargets.FULL_TEST_DOMAIN)
                .build();
    }

    /** {@link DaemonTargets#CELLS_LIMIT}. */
    @Nested
    class NodeThroughADaemon extends DriverConformanceKit.ConnectionAndNode {
        @Test
        @Override
        public void freeMemory() {
            notApplicable(DaemonTargets.CELLS_LIMIT);
        }
    }

    /** {@link DaemonTargets#XML_DETAIL}. */
    @Nested
    class LifecycleOfLibvirt extends DriverConformanceKit.DomainLifecycle {
        @Test
        @Override
        public void malformedXmlIsRefusedAndChangesNothing() {
            notApplicable(DaemonTargets.XML_DETAIL);
        }
    }

    /** {@link DaemonTargets#MAX_VCPUS_INACTIVE}, {@link DaemonTargets#SCHEDULER_FLAGS}. */
    @Nested
    class VcpusOfLibvirt extends DriverConformanceKit.MemoryAndVcpus {
        @Test
        @Override
        public void setVcpus() {
            notApplicable(DaemonTargets.MAX_VCPUS_INACTIVE);
        }

        @Test
        @Override
        public void schedulerParameters() {
            notApplicable(DaemonTargets.SCHEDULER_FLAGS);
        }
    }

    /** Every flag as the kit checks it, but VIR_DOMAIN_VCPU_MAXIMUM: {@link DaemonTargets#MAX_VCPUS_INACTIVE}. */
    @Nested
    class FlagsOfLibvirt extends DriverConformanceKit.Flags {
        @DisplayName("eachFlag")
        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("org.jvirt.tck.FlagSuite#flags")
        @Override
        public void eachFlag(Operation op, Flag flag) throws Exception {
            if (op == Operation.DOMAIN_SET_VCPUS && flag == VcpuFlag.MAXIMUM) {
                notApplicable(DaemonTargets.MAX_VCPUS_INACTIVE);
            }
            super.eachFlag(op, flag);
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
