package org.jvirt.driver.qemu.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.driver.qemu.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** KVM is trusted only when a 64-bit probe guest really runs on it, at least as fast as under TCG. */
@Timeout(60)
class KvmProbeTest {
    @TempDir
    Path dir;

    @Test
    void overridesAndMissingDevices() {
        assertThat(KvmProbe.probe(Path.of("/dev/kvm"), "off", null).usable()).isFalse();
        KvmProbe.Status none = KvmProbe.probe(dir.resolve("no-kvm"), null, null);
        assertThat(none.usable()).isFalse();
        assertThat(none.reason()).contains("does not exist");
    }

    @Test
    void theProbeGuestRunsUnderTcgAndJudgesKvm() throws Exception {
        Path qemu = Peers.x86();
        Path kvm = Path.of("/dev/kvm");
        KvmProbe.Status s = Files.exists(kvm) ? KvmBootProbe.run(kvm, qemu) : KvmProbe.probe(kvm, null, qemu);
        System.out.println("KVM on this host: " + s);
        assertThat(s.reason()).isNotBlank();
        if (!s.usable() && Files.exists(kvm)) {
            assertThat(s.reason()).containsAnyOf("hardware speed", "slower than emulation", "not readable");
        }
        EmulatorCatalog catalog = new EmulatorCatalog(dir, List.of(qemu.getParent()));
        assertThat(KvmProbe.status(catalog)).isNotNull();
    }
}
