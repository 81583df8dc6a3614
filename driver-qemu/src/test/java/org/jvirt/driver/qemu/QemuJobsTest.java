package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Connection;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.driver.qemu.process.ProcStat;
import org.jvirt.driver.qemu.state.StateLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Save and restore, core dumps, memory, vCPUs, statistics and hot-plug, on real QEMU guests. */
@Timeout(180)
class QemuJobsTest {
    @TempDir
    Path root;

    @org.junit.jupiter.api.AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }

    @TempDir
    Path files;

    @BeforeEach
    void needQemu() {
        Peers.x86();
    }

    @Test
    void saveToAFileAndRestoreFromIt() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.defineDomain(QemuGuests.diskless("saver").replace("<vcpu>1</vcpu>", "<vcpu>2</vcpu>"));
            dom.start();
            Path image = files.resolve("saver image.sav");
            dom.save(image);
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_SAVED);
            assertThat(events.await(DomainEventDetail.STOPPED_SAVED)).isTrue();
            assertThat(new String(Files.readAllBytes(image), 0, 13, "US-ASCII")).isEqualTo("JvirtQemuSave");
            assertThat(Files.readString(image, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("<name>saver</name>");
            try (var ds = Files.list(files)) {
                assertThat(ds.toList()).containsExactly(image);
            }

            Domain back = conn.restore(image);
            assertThat(back.uuid()).isEqualTo(dom.uuid());
            assertThat(back.state()).isEqualTo(DomainStateReason.RUNNING_RESTORED);
            assertThat(events.await(DomainEventDetail.STARTED_RESTORED)).isTrue();
            assertThat(back.vcpuInfo()).hasSize(2);
            back.suspend();
            back.resume();

            // A file that is not a save image changes nothing.
            Path junk = Files.writeString(files.resolve("junk"), "not a save image at all, just words");
            assertThatThrownBy(() -> conn.restore(junk)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("not a jvirt QEMU saved domain image"));
            assertThatThrownBy(() -> conn.restore(image)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("already active"));
            back.destroy();
            assertThat(conn.listAllDomains()).hasSize(1);
        }
    }

    @Test
    void theFlagsChooseTheStateARestoreLeaves() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.defineDomain(QemuGuests.diskless("flagged"));
            dom.start();
            Path image = files.resolve("flagged.sav");
            dom.save(image, SaveFlag.PAUSED);
            Domain back = conn.restore(image);
            assertThat(back.state()).as("saved running, to be restored paused").isEqualTo(DomainStateReason.PAUSED_USER);
            back.save(image);
            assertThat(conn.restore(image, SaveFlag.RUNNING).state()).as("a paused image restored running")
                    .isEqualTo(DomainStateReason.RUNNING_RESTORED);
            back.save(image, SaveFlag.RUNNING);
            assertThat(conn.restore(image, SaveFlag.PAUSED).state()).isEqualTo(DomainStateReason.PAUSED_USER);
            assertThatThrownBy(() -> back.save(image, SaveFlag.RUNNING, SaveFlag.PAUSED))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                        assertThat(e.getMessage()).isEqualTo(
                                "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
                    });
            assertThat(back.state()).as("a refused save changes nothing").isEqualTo(DomainStateReason.PAUSED_USER);
            back.destroy();
        }
    }

    @Test
    void aFullDiskDuringSaveLeavesNoFileAndTheGuestRunning() throws Exception {
        Path small = files.resolve("small");
        Files.createDirectories(small);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        String out = new String(mount.getInputStream().readAllBytes());
        if (mount.waitFor() != 0) {
            String why = "cannot mount a 128 KiB tmpfs to fill up (" + out.trim() + ")";
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                throw new AssertionError(why + ", and JVIRT_REQUIRE_PEERS is set");
            }
            System.out.println("SKIPPED: " + why);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
        }
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.createDomain(QemuGuests.diskless("full"));
            assertThatThrownBy(() -> dom.save(small.resolve("full.sav"))).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).containsAnyOf("No space left", "failed"));
            try (var ds = Files.list(small)) {
                assertThat(ds.toList()).as("no partial file left").isEmpty();
            }
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_SAVE_CANCELED);
            dom.suspend();
            dom.destroy();
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void coreDumpMemoryAndVcpus() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.defineDomain(QemuGuests.diskless("res").replace("<vcpu>1</vcpu>",
                    "<vcpu>2</vcpu>").replace("<memory unit='MiB'>64</memory>",
                    "<memory unit='MiB'>96</memory><currentMemory unit='MiB'>80</currentMemory>"));
            assertThatThrownBy(dom::vcpuInfo).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("inactive domain"));
            dom.start();
            QemuGuests.awaitTrue("the vCPU threads' time counts",
                    () -> dom.vcpuInfo().stream().mapToLong(VcpuInfo::cpuTimeNanos).sum() > 0);
            List<VcpuInfo> vcpus = dom.vcpuInfo();
            assertThat(vcpus).hasSize(2);
            assertThat(vcpus.get(0).affinity().isEmpty()).isFalse();
            assertThat(dom.maxVcpus()).isEqualTo(2);

            Path dump = files.resolve("res.core");
            dom.coreDump(dump, CoreDumpFlag.MEMORY_ONLY);
            assertThat(head(dump)).containsExactly(0x7f, 'E', 'L', 'F');
            assertThat(Files.size(dump)).isGreaterThan(80L << 20);
            assertThat(dom.state()).as("dump-guest-memory pauses only within QEMU").isEqualTo(DomainStateReason.RUNNING_BOOTED);
            // libvirt's default dump: QEMU's migration stream ("QEVM"), the guest paused meanwhile, then unpaused.
            Path whole = files.resolve("res.state");
            dom.coreDump(whole);
            assertThat(head(whole)).containsExactly('Q', 'E', 'V', 'M');
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            try (var left = Files.list(files)) {
                assertThat(left.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrder("res.core",
                        "res.state");
            }

            dom.setMemory(65536, ModificationImpact.LIVE);
            assertThat(dom.xmlDesc()).contains("<currentMemory unit='KiB'>65536</currentMemory>");
            assertThat(dom.xmlDesc(XmlFlag.INACTIVE)).contains("<currentMemory unit='KiB'>81920</currentMemory>");
            assertThatThrownBy(() -> dom.setMemory(1 << 20, ModificationImpact.LIVE))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            assertThatThrownBy(() -> dom.setMaxMemory(131072, ModificationImpact.CURRENT))
                    .isInstanceOfSatisfying(VirtException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
            dom.setMaxMemory(131072, ModificationImpact.CONFIG);
            dom.setMemory(70000, ModificationImpact.CONFIG);
            assertThat(dom.xmlDesc(XmlFlag.INACTIVE)).contains("<memory unit='KiB'>131072</memory>",
                    "<currentMemory unit='KiB'>70000</currentMemory>");
            Path file = StateLayout.embed(root.toRealPath()).definition("res");
            QemuGuests.awaitTrue("the changed definition's file", () -> {
                try {
                    return Files.readString(file).contains("<memory unit='KiB'>131072</memory>");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            dom.destroy();
            assertThat(dom.info().maxMemoryKiB()).isEqualTo(131072);
        }
    }

    @Test
    void blockStatsAndHotPlugOfDisksAndInterfaces() throws Exception {
        Path disk = files.resolve("boot.img");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        Path extra = files.resolve("extra.img");
        try (RandomAccessFile f = new RandomAccessFile(extra.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.createDomain(QemuGuests.disklessWith("plug", "<disk type='file' device='disk'>"
                    + "<driver name='qemu' type='raw'/><source file='" + disk + "'/><target dev='vda'/></disk>"
                    + "<interface type='user'><mac address='52:54:00:aa:00:01'/></interface>"
                    + (QemuDriverProvider.isRoot() ? "<interface type='ethernet'><mac address='52:54:00:aa:00:03'/>"
                    + "<target dev='jvtap7'/></interface>" : "")
                    + "<input type='tablet' bus='usb'/>"));
            // SeaBIOS reads the boot disk's first sector.
            BlockStats s = null;
            for (int i = 0; i < 100; i++) {
                s = dom.blockStats("vda");
                if (s.readRequests() > 0) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(s.readRequests()).isPositive();
            assertThat(s.readBytes()).isPositive();
            assertThat(dom.blockStats(disk.toString())).isNotNull();
            assertThatThrownBy(() -> dom.blockStats("vdz")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            assertThatThrownBy(() -> dom.interfaceStats("52:54:00:aa:00:01")).isInstanceOfSatisfying(
                    VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_UNSUPPORTED));

            // A tap device (root only) has the host's counters, seen from the guest's side.
            if (QemuDriverProvider.isRoot()) {
                org.jvirt.api.InterfaceStats tap = dom.interfaceStats("jvtap7");
                assertThat(tap.rxBytes()).isGreaterThanOrEqualTo(0);
                assertThat(tap.txPackets()).isGreaterThanOrEqualTo(0);
                assertThat(dom.interfaceStats("52:54:00:aa:00:03")).isEqualTo(tap);
            } else {
                System.out.println("SKIPPED (tap part): creating a tap device needs root");
            }

            // A SCSI disk comes and goes at once (no guest co-operation needed).
            dom.attachDevice("<disk type='file' device='disk'><source file='" + extra + "'/>"
                    + "<target dev='sdb' bus='scsi'/></disk>");
            assertThat(dom.xmlDesc()).contains("<target dev='sdb' bus='scsi'/>");
            assertThat(dom.blockStats("sdb").readRequests()).isGreaterThanOrEqualTo(0);
            assertThatThrownBy(() -> dom.attachDevice("<disk type='file' device='disk'><source file='" + extra
                    + "'/><target dev='sdb' bus='scsi'/></disk>")).isInstanceOf(VirtException.class);
            dom.detachDevice("<disk type='file' device='disk'><target dev='sdb' bus='scsi'/></disk>");
            assertThat(dom.xmlDesc()).doesNotContain("dev='sdb'");

            // So does a USB network card.
            dom.attachDevice("<interface type='user'><mac address='52:54:00:aa:00:02'/><model type='usb-net'/>"
                    + "</interface>");
            assertThat(dom.xmlDesc()).contains("52:54:00:aa:00:02");
            dom.detachDevice("<interface type='user'><mac address='52:54:00:aa:00:02'/></interface>");
            assertThat(dom.xmlDesc()).doesNotContain("52:54:00:aa:00:02");
            assertThatThrownBy(() -> dom.detachDevice("<interface type='user'><mac address='52:54:00:aa:00:09'/>"
                    + "</interface>")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_MISSING));
            assertThatThrownBy(() -> dom.attachDevice("<sound model='ich6'/>")).isInstanceOfSatisfying(
                    VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
            // A virtio disk plugs into the PCI bus.
            dom.attachDevice("<disk type='file' device='disk'><source file='" + extra + "'/><readonly/>"
                    + "<target dev='vdc'/></disk>");
            assertThat(dom.xmlDesc()).contains("<target dev='vdc' bus='virtio'/>");
            long pid = Long.parseLong(Files.readString(StateLayout.embed(root.toRealPath()).pidFile("plug")).trim());
            dom.destroy();
            assertThat(ProcStat.of(pid)).isNull();
        }
    }

    private static byte[] head(Path file) throws java.io.IOException {
        byte[] head = new byte[4];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.readFully(head);
        }
        return head;
    }
}
