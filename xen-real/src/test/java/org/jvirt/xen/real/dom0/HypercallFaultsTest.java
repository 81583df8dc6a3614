package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.hypercall.privcmd.Privcmd;
import org.jvirt.driver.hypercall.privcmd.XenCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hypercalls the real Xen refuses: each is a VirtException (XEN_CALL, domain XEN) naming the call and the errno
 * Xen gave, the call's hypercall buffers are all given back, and the hypervisor still answers after. What Xen
 * answers is its {@code xen/common/domctl.c}: ESRCH for a domain id no domain has, EINVAL for a vCPU number at or
 * past the domain's {@code max_vcpus}. EPERM is not provoked: Debian's Xen 4.17 is built without XSM
 * ({@code # CONFIG_XSM is not set} in its {@code xen-4.17-amd64.config}), so Xen refuses the control domain no
 * domctl or sysctl on grounds of permission; EPERM comes only to an unprivileged caller — a guest, which here
 * runs busybox, not a JVM. The driver's wording of EPERM is tested on the simulated hypervisor.
 */
class HypercallFaultsTest {
    Privcmd privcmd;
    XenCalls calls;

    @BeforeEach
    void openPrivcmd() {
        Dom0.root();
        privcmd = Privcmd.open(Privcmd.DEVICE);
        calls = XenCalls.detect(privcmd);
    }

    @AfterEach
    void closePrivcmd() {
        if (privcmd != null) {
            privcmd.close();
        }
    }

    /** An id below Xen's reserved ones (DOMID_FIRST_RESERVED, 0x7ff0) that xl lists no domain under. */
    private static int absentId() {
        return Xl.list().stream().mapToInt(Xl.Domain::id).max().orElse(0) + 1000;
    }

    @Test
    void aDomctlOnADomainXlDoesNotListIsEsrchNamingTheCall() {
        int absent = absentId();
        assertRefused(() -> calls.pause(absent), "domctl XEN_DOMCTL_pausedomain of domain " + absent, "ESRCH");
        assertRefused(() -> calls.vcpu(absent, 0), "domctl XEN_DOMCTL_getvcpuinfo of domain " + absent, "ESRCH");
        assertThat(calls.domain(absent)).isEmpty();
        intact();
    }

    @Test
    void aVcpuPastTheDomainsMaximumIsEinvalNamingTheCall() {
        int past = Xl.vcpus(0).size() + 100;
        assertRefused(() -> calls.vcpu(0, past), "domctl XEN_DOMCTL_getvcpuinfo of domain 0, vCPU " + past, "EINVAL");
        // Two buffers (the domctl and the CPU map): both given back when Xen refuses.
        assertRefused(() -> calls.vcpuAffinity(0, past, 64), "XEN_DOMCTL_getvcpuaffinity of domain 0", "EINVAL");
        intact();
    }

    @Test
    void throughXenAnAbsentDomainIsNoDomain() {
        int absent = absentId();
        try (Connection conn = Connections.hypercall()) {
            assertThatThrownBy(() -> conn.domainById(absent)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
            assertThat(conn.domainById(0).info().memoryKiB()).isPositive();
        }
    }

    private static void assertRefused(Executable call, String naming, String errno) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.domain()).isEqualTo(ErrorDomain.XEN);
            assertThat(e.getMessage()).contains(naming).contains(errno + " (");
        });
    }

    /** No buffer kept, and the hypervisor still answers: dom0 as xl lists it. */
    private void intact() {
        assertThat(privcmd.buffers().live()).isZero();
        assertThat(calls.domain(0)).isPresent();
        assertThat(calls.domains()).hasSize(Xl.list().size());
    }
}
