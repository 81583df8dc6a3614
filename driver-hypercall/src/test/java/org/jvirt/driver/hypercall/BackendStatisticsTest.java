package org.jvirt.driver.hypercall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.driver.hypercall.privcmd.SimulatedXen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk and interface statistics of a running domain, from dom0's back ends (here under a temporary root). */
class BackendStatisticsTest {
    @TempDir
    Path dom0;

    @Test
    void xensDiskNumbersAsLibvirtComputedThem() {
        assertThat(XenDiskIds.of("xvda")).isEqualTo(202 << 8);
        assertThat(XenDiskIds.of("xvdb")).isEqualTo(202 << 8 | 16);
        assertThat(XenDiskIds.of("xvda1")).isEqualTo(202 << 8 | 1);
        assertThat(XenDiskIds.of("xvdq")).as("Xen's extended numbering").isEqualTo(1 << 28 | 16 << 8);
        assertThat(XenDiskIds.of("hda")).isEqualTo(3 << 8);
        assertThat(XenDiskIds.of("hdb")).isEqualTo(3 << 8 | 64);
        assertThat(XenDiskIds.of("hdc")).isEqualTo(22 << 8);
        assertThat(XenDiskIds.of("sdb2")).isEqualTo(8 << 8 | 16 | 2);
        assertThat(XenDiskIds.of("51712")).isEqualTo(51712);
        for (String bad : new String[] {"vda", "xvd", "hdz", "sdq", "xvda16x", "", "../x"}) {
            assertThat(XenDiskIds.of(bad)).as(bad).isEqualTo(-1);
        }
    }

    @Test
    void aRunningDomainsStatisticsFromItsBackEnds() throws Exception {
        SimulatedXen xen = SimulatedXen.xen417();
        UUID uuid = UUID.fromString("0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30");
        xen.addDomain(7, uuid, false, 32768, 1);
        Path stats = Files.createDirectories(dom0.resolve("sys/devices/xen-backend/vbd-7-51712/statistics"));
        for (String[] c : new String[][] {{"rd_req", "10"}, {"rd_sect", "20"}, {"wr_req", "30"}, {"wr_sect", "40"},
            {"oo_req", "1"}}) {
            Files.writeString(stats.resolve(c[0]), c[1] + "\n");
        }
        Files.createDirectories(dom0.resolve("proc/net"));
        Files.writeString(dom0.resolve("proc/net/dev"), """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:    5000      50    0    0    0     0          0         0     5000      50    0    0    0     0       0          0
                vif7.0:    1000      10    0    0    0     0          0         0     2000      20    1    2    0     0       0          0
                """);
        ProviderRegistry registry = ProviderRegistry.of(List.of(SimulatedHypercall.provider(xen, dom0)));
        try (Connection conn = Jvirt.builder().providers(registry).uri("xen:///").open()) {
            Domain d = conn.domainById(7);
            assertThat(d.blockStats("xvda")).isEqualTo(new BlockStats(10, 20 * 512, 30, 40 * 512, 1));
            assertThat(d.interfaceStats("vif7.0")).as("what dom0 receives, the guest sent")
                    .isEqualTo(new InterfaceStats(2000, 20, 1, 2, 1000, 10, 0, 0));
            assertThatThrownBy(() -> d.blockStats("floppy")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            assertThatThrownBy(() -> d.blockStats("xvdb")).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                assertThat(e.getMessage()).contains("vbd-7-51728");
            });
            assertThatThrownBy(() -> d.interfaceStats("vif8.0")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            assertThatThrownBy(() -> d.interfaceStats("vif7.1")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED));
        }
    }
}
