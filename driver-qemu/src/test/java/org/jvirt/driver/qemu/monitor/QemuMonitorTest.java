package org.jvirt.driver.qemu.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.Peers;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpEvent;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.qmp.QmpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The typed monitor against a real QEMU: what each call sends and reads back, and its one failure path. */
@Timeout(60)
class QemuMonitorTest {
    @TempDir
    Path dir;
    private QemuProcess qemu;
    private QemuMonitor monitor;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<QmpEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startQemu() throws Exception {
        Path sock = dir.resolve("m.sock");
        Path disk = dir.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        qemu = QemuLauncher.launch(List.of(Peers.x86().toString(), "-machine", "pc,accel=tcg", "-nodefaults",
                "-display", "none", "-m", "64", "-smp", "2", "-S", "-qmp", "unix:" + sock + ",server=on,wait=off",
                "-chardev", "pty,id=charserial0", "-device", "isa-serial,chardev=charserial0,id=serial0",
                "-vnc", "127.0.0.1:0,to=99,password=on", "-device", "virtio-balloon-pci,id=balloon0",
                "-blockdev", "{\"driver\":\"file\",\"filename\":\"" + disk + "\",\"node-name\":\"file-vda\"}",
                "-blockdev", "{\"node-name\":\"fmt-vda\",\"driver\":\"raw\",\"file\":\"file-vda\"}",
                "-device", "virtio-blk-pci,drive=fmt-vda,id=virtio-disk0"), null, Map.of(),
                Files.createFile(dir.resolve("log")));
        QmpClient client = QmpClient.connect(sock, QmpClient.Options.DEFAULT, new QmpListener() {
            @Override
            public void onEvent(QmpEvent event) {
                events.add(event);
            }

            @Override
            public void onClose(QmpException cause) {
            }
        }, qemu::isAlive);
        monitor = new QemuMonitor(client, (command, e) -> {
            failures.add(command + ": " + e.kind());
            return VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, command + " failed", "test");
        });
    }

    @AfterEach
    void stopQemu() {
        monitor.close();
        qemu.kill(Duration.ofSeconds(5));
    }

    @Test
    void readsWhatAStartNeeds() {
        monitor.enableMigrationEvents();
        List<Long> threads = monitor.vcpuThreadIds();
        assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).isPositive());
        assertThat(new ArrayList<>(threads)).doesNotHaveDuplicates();
        Map<String, String> ptys = monitor.ptyPaths();
        assertThat(ptys).containsOnlyKeys("charserial0");
        assertThat(Path.of(ptys.get("charserial0"))).exists();
        assertThat(monitor.vncPort()).isPresent();
        assertThat(monitor.vncPort().getAsInt()).isBetween(5900, 5999);
        monitor.setVncPassword("secret");
        assertThat(failures).isEmpty();
    }

    @Test
    void runsAndStopsTheGuest() {
        assertThat(monitor.isRunning()).isFalse();
        monitor.cont();
        assertThat(monitor.isRunning()).isTrue();
        monitor.stop();
        assertThat(monitor.isRunning()).isFalse();
        monitor.setShutdownAction("pause");
        monitor.systemReset();
        assertThat(events).extracting(QmpEvent::name).containsSubsequence("RESUME", "STOP", "RESET");
        assertThat(failures).isEmpty();
    }

    @Test
    void reportsDiskCountersAndMigrationState() {
        assertThat(monitor.blockStats()).anySatisfy(s -> {
            assertThat(s.qdev()).contains("virtio-disk0");
            assertThat(s.readRequests()).isGreaterThanOrEqualTo(0);
            assertThat(s.writeBytes()).isGreaterThanOrEqualTo(0);
        });
        QemuMonitor.MigrationProgress none = monitor.migrationProgress();
        assertThat(none.status()).isNull();
        assertThat(none.totalBytes()).isZero();
        monitor.setMigrationMaxBandwidth(1 << 20);
        assertThat(monitor.dumpProgress()).isEqualTo(new QemuMonitor.DumpProgress(0, 0));
        assertThat(failures).isEmpty();
    }

    @Test
    void addsAndRemovesBackendsAndDevices() {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("driver", "file");
        file.put("filename", dir.resolve("disk.img").toString());
        file.put("node-name", "file-vdb");
        monitor.blockdevAdd(file);
        monitor.blockdevDel("file-vdb");
        Map<String, Object> netdev = new LinkedHashMap<>();
        netdev.put("type", "user");
        netdev.put("id", "hostnet0");
        monitor.netdevAdd(netdev);
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("driver", "e1000");
        nic.put("netdev", "hostnet0");
        nic.put("id", "net0");
        monitor.deviceAdd(nic);
        monitor.deviceDel("net0");
        assertThat(failures).isEmpty();
    }

    @Test
    void tellsWhatTheEmulatorOffersAndQuits() throws Exception {
        assertThat(monitor.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(monitor.targetArch()).isEqualTo("x86_64");
        assertThat(monitor.machineTypes()).anySatisfy(m -> {
            assertThat(m.alias()).isEqualTo("pc");
            assertThat(m.isDefault()).isTrue();
            assertThat(m.maxCpus()).isGreaterThan(1);
            assertThat(m.defaultRamId()).isEqualTo("pc.ram");
        }).noneMatch(m -> m.name().equals("none"));
        assertThat(monitor.cpuModels()).contains("qemu64", "max").isSorted();
        assertThat(monitor.concreteTypes()).contains("virtio-blk-pci", "isa-serial").doesNotContain("device");
        monitor.kvmPresent();
        monitor.quit();
        assertThat(qemu.await(Duration.ofSeconds(10))).as("QEMU quit").isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void everyFailureGoesThroughTheOneMapping() {
        assertThatThrownBy(() -> monitor.deviceDel("no-such-device")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("device_del failed"));
        assertThatThrownBy(() -> monitor.blockdevDel("no-such-node")).isInstanceOf(VirtException.class);
        assertThat(failures).startsWith("device_del: COMMAND_ERROR", "blockdev-del: COMMAND_ERROR");
        monitor.close();
        assertThatThrownBy(monitor::cont).isInstanceOf(VirtException.class);
        assertThat(failures).last().isEqualTo("cont: CLOSED");
    }
}
