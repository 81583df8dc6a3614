package org.jvirt.driver.hypercall.privcmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Read-only hypercalls on the real hypervisor, where there is one: run in a Xen dom0 (as root) this finds the
 * interface version and reads what the simulator is trusted to imitate. Skipped elsewhere with the reason;
 * fails instead when the environment sets {@code JVIRT_REQUIRE_XEN} (a dom0 test run).
 */
class RealXenTest {

    @Test
    void theRealHypervisorAnswersTheDriversReadingCalls() {
        if (!Files.exists(Privcmd.DEVICE)) {
            String reason = "no Xen hypervisor here: " + Privcmd.DEVICE + " does not exist";
            if (System.getenv("JVIRT_REQUIRE_XEN") != null) {
                Assertions.fail("JVIRT_REQUIRE_XEN is set, yet " + reason);
            }
            System.err.println("[driver-hypercall] real Xen test skipped: " + reason);
            Assumptions.abort(reason);
        }
        long locked = LockedMemory.kib();
        try (Privcmd privcmd = Privcmd.open(Privcmd.DEVICE)) {
            XenCalls calls = XenCalls.detect(privcmd);
            System.out.println("[driver-hypercall] real Xen " + (calls.version() >>> 16) + "."
                    + (calls.version() & 0xffff) + " speaks " + calls.abi().description() + "; capabilities '"
                    + calls.capabilities() + "'; physinfo " + calls.physinfo() + "; domains " + calls.domains());
            assertThat(calls.version() >>> 16).isGreaterThanOrEqualTo(3);
            assertThat(calls.domain(0)).isPresent();
            assertThat(calls.pageSize()).isEqualTo(4096);
            assertThat(calls.capabilities()).contains("x86_64");
            calls.physinfo().ifPresent(p -> assertThat(p.nrCpus()).isPositive());
            assertThat(calls.vcpuAffinity(0, 0, 64).isEmpty()).isFalse();
            assertThat(privcmd.buffers().live()).isZero();
        }
        assertThat(LockedMemory.kib()).isEqualTo(locked);
    }
}
