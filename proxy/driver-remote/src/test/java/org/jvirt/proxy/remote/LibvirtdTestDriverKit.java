package org.jvirt.proxy.remote;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;
import org.jvirt.api.VcpuFlag;
import org.jvirt.tck.DriverConformanceKit;

/**
 * The conformance kit through Debian's libvirtd serving libvirt's test driver, whatever the transport (a unix
 * socket, ssh): the tests where libvirt and the kit differ, each with its reason in {@link DaemonTargets}.
 */
public abstract class LibvirtdTestDriverKit extends DaemonTestDriverKit {
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
}
