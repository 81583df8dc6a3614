package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.QEMU_SECURITY_MODEL;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.SCHEDULER_WEIGHT_KEPT;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.TEST_DRIVER_CPU_TIME;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.assertSame;

import org.junit.jupiter.api.Test;

/** The comparison's own rules: only the named differences are masked, and each must still occur. */
class AcceptedDifferencesTest {
    private static Virsh.Result out(String stdout) {
        return new Virsh.Result(stdout, "", 0);
    }

    @Test
    void aNamedDifferenceIsMaskedAndTheRestMustMatch() {
        assertThatCode(() -> assertSame("x", out("Id: 1\nCPU time:       12.3s\n"), out("Id: 1\nCPU time:       12.9s\n"),
                TEST_DRIVER_CPU_TIME)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertSame("x", out("Id: 1\nCPU time:       12.3s\n"), out("Id: 2\nCPU time:       12.9s\n"),
                TEST_DRIVER_CPU_TIME)).isInstanceOf(AssertionError.class).hasMessageContaining("Id: 2");
    }

    @Test
    void anUnnamedDifferenceFails() {
        assertThatThrownBy(() -> assertSame("x", out("CPU time:       12.3s\n"), out("CPU time:       12.9s\n")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aDifferenceThatNoLongerOccursFails() {
        assertThatThrownBy(() -> assertSame("x", out("Id: 1\n"), out("Id: 1\n"), TEST_DRIVER_CPU_TIME))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no longer occurs");
        assertThatThrownBy(() -> assertSame("x", out("Security model: none\nSecurity DOI:   0\nx\n"),
                out("Security model: none\nSecurity DOI:   0\nx\n"), QEMU_SECURITY_MODEL)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aDifferenceThatWentAwayFailsUnlessItComesFromAClock() {
        assertThatThrownBy(() -> assertSame("x", out("weight         : 50\n"), out("weight         : 50\n"), SCHEDULER_WEIGHT_KEPT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is gone");
        assertThatCode(() -> assertSame("x", out("CPU time:       12.3s\n"), out("CPU time:       12.3s\n"), TEST_DRIVER_CPU_TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void linesOnlyLibvirtPrintsAreDroppedFromItsOutputAlone() {
        assertThatCode(() -> assertSame("x", out("A\nSecurity model: none\nSecurity DOI:   0\nB\n"), out("A\nB\n"),
                QEMU_SECURITY_MODEL)).doesNotThrowAnyException();
    }
}
