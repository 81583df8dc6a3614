package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.BitSet;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node memory statistics and the CPU map, read from /proc and sysfs as libvirt reads them. */
class HostFactsTest {

    @Test
    void meminfoGivesTotalFreeBuffersCachedInTheFilesOrder() {
        String meminfo = """
                MemTotal:       16314444 kB
                MemFree:         1234567 kB
                MemAvailable:    9876543 kB
                Buffers:          234567 kB
                Cached:          7654321 kB
                SwapCached:         1024 kB
                """;
        assertThat(HostFacts.parseMeminfo(meminfo)).containsExactly(
                new TypedParameter("total", 16314444L), new TypedParameter("free", 1234567L),
                new TypedParameter("buffers", 234567L), new TypedParameter("cached", 7654321L));
    }

    @Test
    void aNodesMeminfoHasItsPrefixSkipped() {
        String node = """
                Node 0 MemTotal:       16314444 kB
                Node 0 MemFree:         1234567 kB
                Node 0 MemUsed:        15079877 kB
                Node 0 FilePages:       7654321 kB
                """;
        assertThat(HostFacts.parseMeminfo(node)).containsExactly(
                new TypedParameter("total", 16314444L), new TypedParameter("free", 1234567L));
    }

    @Test
    void cpuListsAreSysfsRanges() {
        BitSet expected = new BitSet();
        expected.set(0, 4);
        expected.set(8);
        assertThat(HostFacts.parseCpuList("0-3,8\n")).isEqualTo(expected);
        assertThat(HostFacts.parseCpuList("x")).isNull();
        assertThat(HostFacts.parseCpuList("3-1")).isNull();
    }

    @Test
    void theDriverReportsThisHost(@TempDir Path root) {
        try (Connection conn = QemuGuests.open(root)) {
            assertThat(conn.nodeMemoryStats(-1)).extracting(TypedParameter::name)
                    .startsWith("total", "free");
            assertThat((Long) conn.nodeMemoryStats(-1).get(0).value()).isEqualTo(HostFacts.meminfo("MemTotal"));
            assertThat(conn.nodeMemoryStats(0)).extracting(TypedParameter::name).containsExactly("total", "free");
            assertThatThrownBy(() -> conn.nodeMemoryStats(4096)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            NodeCpuMap map = conn.nodeCpuMap();
            assertThat(map.onlineCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(map.cpus()).isGreaterThanOrEqualTo(map.onlineCount());
        }
    }
}
