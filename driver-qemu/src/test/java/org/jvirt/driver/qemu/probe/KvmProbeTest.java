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
    void theBootProbesVerdictIsKeptForThisBootDeviceAndEmulator() throws Exception {
        // A device node stand-in, a boot id, and a "QEMU" that notes each run and fails at once
        // (the probe then judges KVM unusable without a second run).
        Path dev = Files.writeString(dir.resolve("kvm"), "");
        Path bootId = Files.writeString(dir.resolve("boot_id"), "11111111-2222-3333-4444-555555555555\n");
        Path runs = dir.resolve("runs");
        Path qemu = Files.writeString(dir.resolve("qemu-system-x86_64"), "#!/bin/sh\necho run >> " + runs + "\nexit 1\n");
        qemu.toFile().setExecutable(true);
        Path cache = dir.resolve("cache/kvm-probe");

        KvmProbe.Status first = KvmProbe.probe(dev, null, qemu, cache, bootId);
        assertThat(first.usable()).isFalse();
        assertThat(Files.readAllLines(runs)).hasSize(1);
        assertThat(KvmProbe.probe(dev, null, qemu, cache, bootId)).isEqualTo(first);
        assertThat(Files.readAllLines(runs)).as("the verdict came from the cache").hasSize(1);
        // Overrides and missing permissions are never cached.
        assertThat(KvmProbe.probe(dev, "on", qemu, cache, bootId).usable()).isTrue();

        // Another boot, or another emulator binary, and the guest runs again.
        Files.writeString(bootId, "66666666-2222-3333-4444-555555555555\n");
        KvmProbe.probe(dev, null, qemu, cache, bootId);
        assertThat(Files.readAllLines(runs)).hasSize(2);
        Files.setLastModifiedTime(qemu, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(qemu).toMillis() - 60_000));
        KvmProbe.probe(dev, null, qemu, cache, bootId);
        assertThat(Files.readAllLines(runs)).hasSize(3);
        KvmProbe.probe(dev, null, qemu, cache, bootId);
        assertThat(Files.readAllLines(runs)).hasSize(3);

        // A damaged verdict is probed again; without a boot id nothing is kept.
        Files.writeString(cache, Files.readString(cache).replace("usable false", "usable perhaps"));
        KvmProbe.probe(dev, null, qemu, cache, bootId);
        assertThat(Files.readAllLines(runs)).hasSize(4);
        KvmProbe.probe(dev, null, qemu, cache, dir.resolve("no-boot-id"));
        KvmProbe.probe(dev, null, qemu, cache, dir.resolve("no-boot-id"));
        assertThat(Files.readAllLines(runs)).hasSize(6);
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
