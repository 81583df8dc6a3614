package org.jvirt.driver.qemu.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.jvirt.driver.qemu.Peers;
import org.jvirt.model.CapabilitiesXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Probing a real QEMU once, and the cache keyed by path and modification time. */
@Timeout(120)
class EmulatorCatalogTest {
    @TempDir
    Path dir;

    @Test
    void probesOnceAndCachesByPathAndModificationTime() throws Exception {
        Path real = Peers.x86();
        // A wrapper we may touch: its own path and mtime (a copy of QEMU would not find its modules).
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // It counts its runs: a probe runs QEMU, a cache hit does not.
        Path runs = dir.resolve("runs");
        Path copy = Files.writeString(bin.resolve("qemu-system-x86_64"), "#!/bin/sh\necho run >> " + runs
                + "\nexec " + real + " \"$@\"\n");
        copy.toFile().setExecutable(true);
        EmulatorCatalog catalog = new EmulatorCatalog(dir.resolve("cache"), List.of(bin));
        assertThat(catalog.binaries()).containsOnlyKeys("qemu-system-x86_64");
        assertThat(catalog.binaryForArch("x86_64")).isEqualTo(copy);
        assertThat(catalog.binaryForArch("i686")).isEqualTo(copy);
        assertThat(catalog.binaryForArch("s390x")).isNull();

        EmulatorCatalog.clearMemory();
        EmulatorInfo info = catalog.info(copy);
        assertThat(Files.readAllLines(runs)).as("one probe").hasSize(1);
        assertThat(info.arch()).isEqualTo("x86_64");
        assertThat(info.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(info.machine("pc")).isNotNull();
        assertThat(info.machine("q35")).isNotNull();
        assertThat(info.defaultMachine().alias()).isEqualTo("pc");
        // query-machines' default-cpu-type qemu64-x86_64-cpu, named as query-cpu-definitions names it.
        assertThat(info.defaultMachine().defaultCpu()).isEqualTo("qemu64");
        assertThat(info.cpuModels()).contains("qemu64", "max");
        assertThat(info.deviceTypes()).contains("virtio-blk-pci", "virtio-net-pci", "isa-serial", "virtio-balloon-pci");
        assertThat(catalog.cacheFile(copy)).exists();

        // From memory, then from disk: no new probe.
        assertThat(catalog.info(copy)).isSameAs(info);
        EmulatorCatalog.clearMemory();
        assertThat(catalog.info(copy)).isEqualTo(info);
        assertThat(Files.readAllLines(runs)).as("still one probe").hasSize(1);

        // A binary that changed is probed again.
        Files.setLastModifiedTime(copy, FileTime.fromMillis(info.mtimeMillis() + 60_000));
        EmulatorCatalog.clearMemory();
        EmulatorInfo again = catalog.info(copy);
        assertThat(again.mtimeMillis()).isEqualTo(info.mtimeMillis() + 60_000);
        assertThat(again.machines()).isEqualTo(info.machines());
        assertThat(Files.readAllLines(runs)).as("probed again").hasSize(2);

        String caps = CapabilitiesReport.xml(catalog.all(), false, "x86_64");
        assertThat(caps).contains("<arch name='x86_64'>", "<emulator>" + copy + "</emulator>",
                "<domain type='qemu'", "pc-i440fx-");
        assertThat(caps).doesNotContain("<domain type='kvm'");
        assertThat(CapabilitiesXml.parse(caps).guests()).hasSize(1);
    }

    @Test
    void theBinaryForAnArchitectureIsTheFirstOnTheSearchPathAndNeverAPath() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Path notExecutable = Files.writeString(first.resolve("qemu-system-x86_64"), "");
        Path x86 = Files.writeString(second.resolve("qemu-system-x86_64"), "#!/bin/sh\n");
        x86.toFile().setExecutable(true);
        Path arm = Files.writeString(first.resolve("qemu-system-arm"), "#!/bin/sh\n");
        arm.toFile().setExecutable(true);
        Path aarch64 = Files.writeString(second.resolve("qemu-system-aarch64"), "#!/bin/sh\n");
        aarch64.toFile().setExecutable(true);
        Files.createDirectories(first.resolve("qemu-system-riscv64"));
        EmulatorCatalog catalog = new EmulatorCatalog(dir.resolve("cache"), List.of(dir.resolve("missing"), first,
                second));

        assertThat(notExecutable).exists();
        assertThat(catalog.binaryForArch("x86_64")).isEqualTo(x86);
        assertThat(catalog.binaryForArch("i686")).isEqualTo(x86);
        assertThat(catalog.binaryForArch("armv7l")).isEqualTo(arm);
        assertThat(catalog.binaryForArch("aarch64")).isEqualTo(aarch64);
        assertThat(catalog.binaryForArch("riscv64")).as("a directory is no binary").isNull();
        assertThat(catalog.binaryForArch("../second/qemu-system-x86_64")).isNull();
        assertThat(catalog.binaryForArch("")).isNull();
        // The same answers as the listing of every binary gives.
        assertThat(catalog.binaries()).containsOnly(java.util.Map.entry("qemu-system-x86_64", x86),
                java.util.Map.entry("qemu-system-arm", arm), java.util.Map.entry("qemu-system-aarch64", aarch64));
    }

    @Test
    void aDamagedCacheIsProbedAgain() throws Exception {
        Path real = Peers.x86();
        EmulatorCatalog catalog = new EmulatorCatalog(dir.resolve("cache"), List.of(real.getParent()));
        Path file = catalog.cacheFile(real);
        Files.createDirectories(file.getParent());
        Files.writeString(file, EmulatorInfo.CACHE_HEADER + "\nbinary\t" + real + "\nmachine\tpc\n");
        // jvirt's former JSON cache is neither read nor kept.
        Path json = file.resolveSibling(file.getFileName().toString().replace(".probe", ".json"));
        Files.writeString(json, "{\"cacheVersion\": 1, \"emulator\": {\"binary\": 5}}");
        EmulatorCatalog.clearMemory();
        assertThat(catalog.info(real).arch()).isEqualTo("x86_64");
        assertThat(Files.readString(file)).contains("\narch\tx86_64\n");
        assertThat(json).doesNotExist();
    }

    @Test
    void theCacheFormReadsBackWhatItWrote() {
        EmulatorInfo info = new EmulatorInfo("/opt/q\\emu/with\ttab\nand newline", 1_779_741_869_000L, 18_397_984L,
                "7.2.22", "x86_64", List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false, "qemu64",
                        "pc.ram"), new EmulatorInfo.Machine("isapc", null, false, 1, true)),
                List.of("qemu64", "max"), java.util.Set.of("virtio-blk-pci", "isa-serial"), true);
        assertThat(EmulatorInfo.fromCache(info.toCache())).isEqualTo(info);
        assertThat(info.toCache()).startsWith(EmulatorInfo.CACHE_HEADER + "\nbinary\t/opt/q\\\\emu/with\\ttab\\nand");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorInfo.fromCache("{\"cacheVersion\": 1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
