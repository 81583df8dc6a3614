package org.jvirt.driver.qemu.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;

/**
 * Runs a tiny guest under KVM to see whether it really runs guest code at hardware speed. Nested
 * hosts may expose a {@code /dev/kvm} on which the BIOS starts but every first touch of guest
 * memory costs so much that an operating system never finishes booting (the machines jvirt is
 * tested on are such hosts). The payload is a 230-byte multiboot image (assembled from the
 * source below) that QEMU's own {@code -kernel} loader starts in 32-bit protected mode: it builds
 * identity page tables, switches to 64-bit long mode as every x86_64 kernel does, writes 32 MiB
 * of memory, reports {@code P}, {@code L} and {@code D} on the debug console and exits through
 * {@code isa-debug-exit}. The same payload runs under TCG first; KVM is usable when it finishes
 * and is not slower than that emulation.
 *
 * <pre>
 *   _start: out 'P' → 0xe9; PML4→PDPT→PD with 64 × 2 MiB pages; CR4.PAE; CR3; EFER.LME; CR0.PG|PE;
 *           lgdt; ljmp to 64-bit code
 *   long64: out 'L'; rep stosq 32 MiB at 16 MiB; out 'D'; out 0x10 → 0xf4 (exit status 33)
 * </pre>
 */
final class KvmBootProbe {
    private static final byte[] PAYLOAD = Base64.getDecoder().decode(
            "ArCtGwAAAQD+T1HkAAAQAAAAEADmABAAAEAQACAAEABmuukAsFDuuAMgEACjABAQALgDMBAAowAgEAC5AAAAAInIweAVDYMAAACJB"
                    + "M0AMBAAQYP5QHXpDyDgg8ggDyLguAAQEAAPIti5gAAAwA8yDQABAAAPMA8gwA0BAACADyLADwEV4AAQAOqPABAACABmuukA"
                    + "sEzuuwEAAABIx8cAAAABSMfBAABAAEi4WlpaWlpaWlrzSKv/y3XhZrrpALBE7ma69ACwEO706/2NdCYAkAAAAAAAAAAAAAA"
                    + "AAACaIAAPANAAEAA=");
    private static final int EXIT_OK = 33;

    private KvmBootProbe() {
    }

    /** One run of the payload. */
    record Run(boolean finished, long millis, String output, String log) {
    }

    static KvmProbe.Status run(Path dev, Path qemu) {
        if (qemu == null) {
            return new KvmProbe.Status(false, dev + " exists, but no qemu-system-x86_64 is installed to prove that it"
                    + " runs guests");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jvirt-kvm-probe");
            Path payload = Files.write(dir.resolve("probe.bin"), PAYLOAD);
            Run tcg = once(qemu, payload, dir, "tcg", Duration.ofSeconds(20));
            if (!tcg.finished()) {
                return new KvmProbe.Status(false, "the KVM probe guest did not even run under TCG ('" + tcg.output()
                        + "', " + tcg.log() + "); KVM is not trusted");
            }
            Duration limit = Duration.ofMillis(Math.max(tcg.millis(), 500) + 500);
            Run kvm = once(qemu, payload, dir, "kvm", limit);
            if (!kvm.finished()) {
                return new KvmProbe.Status(false, dev + " cannot run guests at hardware speed: a 64-bit probe guest that"
                        + " writes 32 MiB did not finish within " + limit.toMillis() + " ms under KVM (TCG emulation: "
                        + tcg.millis() + " ms; under KVM it reported '" + kvm.output() + "' of 'PLD'"
                        + (kvm.log().isEmpty() ? "" : "; QEMU said: " + kvm.log()) + ")");
            }
            if (kvm.millis() > tcg.millis()) {
                return new KvmProbe.Status(false, dev + " is slower than emulation: a 64-bit probe guest took "
                        + kvm.millis() + " ms under KVM, " + tcg.millis() + " ms under TCG");
            }
            return new KvmProbe.Status(true, "KVM ran the probe guest in " + kvm.millis() + " ms (TCG: "
                    + tcg.millis() + " ms)");
        } catch (IOException e) {
            return new KvmProbe.Status(false, "cannot probe " + dev + ": " + e.getMessage());
        } finally {
            if (dir != null) {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }

    private static Run once(Path qemu, Path payload, Path dir, String accel, Duration limit) throws IOException {
        Path out = dir.resolve("out-" + accel);
        Path log = dir.resolve("log-" + accel);
        Files.deleteIfExists(out);
        Files.createFile(log);
        long t0 = System.nanoTime();
        QemuProcess p = QemuLauncher.launchChild(List.of(qemu.toString(), "-machine", "pc,accel=" + accel, "-nodefaults",
                "-no-user-config", "-display", "none", "-m", "64", "-kernel", payload.toString(), "-debugcon",
                "file:" + out, "-device", "isa-debug-exit,iobase=0xf4,iosize=4"), null, Map.of(), log);
        boolean ended = p.await(limit);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (!ended) {
            p.terminate(Duration.ofMillis(500), Duration.ofSeconds(5));
        }
        String said = Files.exists(out) ? Files.readString(out, StandardCharsets.ISO_8859_1) : "";
        int status = ended ? p.onExit().join() : -1;
        return new Run(ended && status == EXIT_OK && said.equals("PLD"), millis, said,
                QemuLauncher.logTail(log, 0, 300));
    }
}
