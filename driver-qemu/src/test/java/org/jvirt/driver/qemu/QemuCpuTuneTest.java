package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.driver.qemu.state.StateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start sets up after QEMU runs and before the guest does, as libvirt: the hot-pluggable vCPUs
 * {@code <vcpus>} enables, and the CPU affinity {@code <cputune>} gives QEMU's threads — checked on the
 * real threads, by their names ({@code debug-threads=on}) and {@code /proc}.
 */
@Timeout(120)
class QemuCpuTuneTest {
    @TempDir
    Path root;

    @AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }

    @Test
    void hotpluggableVcpusArePluggedAndThreadsPinned() throws Exception {
        Peers.x86();
        String xml = "<domain type='qemu'><name>pinned</name><memory unit='MiB'>64</memory>"
                + "<vcpu current='2'>3</vcpu><vcpus><vcpu id='0' enabled='yes' hotpluggable='no'/>"
                + "<vcpu id='1' enabled='no' hotpluggable='yes'/><vcpu id='2' enabled='yes' hotpluggable='yes'/></vcpus>"
                + "<iothreads>1</iothreads><cputune><emulatorpin cpuset='1'/><vcpupin vcpu='2' cpuset='0'/>"
                + "<iothreadpin iothread='1' cpuset='0'/></cputune>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><cpu><topology sockets='3' cores='1' threads='1'/>"
                + "</cpu><features><acpi/></features></domain>";
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.defineDomain(xml);
            dom.start();
            long pid = Long.parseLong(Files.readString(StateLayout.embed(root.toRealPath()).pidFile("pinned")).trim());
            Map<String, String> cpusByThread = threadAffinities(pid);
            // vCPU 2 was plugged (QEMU names the thread of CPU index 2 "CPU 2/TCG"), vCPU 1 was not
            assertThat(cpusByThread).containsKeys("CPU 0/TCG", "CPU 2/TCG").doesNotContainKey("CPU 1/TCG");
            assertThat(cpusByThread).containsEntry("CPU 2/TCG", "0").containsEntry("IO iothread1", "0")
                    .containsEntry("qemu-system-x86", "1");
            // not pinned itself, vCPU 0 runs anywhere, not where the emulator is kept
            assertThat(cpusByThread.get("CPU 0/TCG")).isEqualTo("0-1");
            // both present vCPUs are listed, the plugged one with its affinity
            assertThat(dom.vcpuInfo()).hasSize(2);
            assertThat(dom.vcpuInfo().get(1).affinity()).isEqualTo(java.util.BitSet.valueOf(new long[] {1}));
            dom.destroy();
        }
    }

    /** Each thread's CPU list ({@code Cpus_allowed_list}), by thread name. */
    private static Map<String, String> threadAffinities(long pid) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                String name = null;
                String cpus = null;
                for (String line : Files.readAllLines(t.resolve("status"))) {
                    if (line.startsWith("Name:")) {
                        name = line.substring(5).strip();
                    } else if (line.startsWith("Cpus_allowed_list:")) {
                        cpus = line.substring(18).strip();
                    }
                }
                out.putIfAbsent(name, cpus);
            }
        }
        return out;
    }
}
