package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.api.Connection;
import org.jvirt.api.NodeInfo;
import org.jvirt.driver.hypercall.privcmd.Privcmd;
import org.jvirt.driver.hypercall.privcmd.Xen;
import org.jvirt.driver.hypercall.privcmd.XenAbi;
import org.jvirt.driver.hypercall.privcmd.XenCalls;
import org.jvirt.model.CapabilitiesDefinition;
import org.jvirt.model.CapabilitiesXml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hypervisor and the host as {@code xen:///} (driver-hypercall alone) reads them from the real Xen 4.17,
 * compared with what {@code xl info} says of the same machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HypervisorTest {
    Connection conn;
    Map<String, String> xl;

    @BeforeAll
    void open() {
        Dom0.root();
        conn = Connections.hypercall();
        xl = Xl.info();
    }

    @AfterAll
    void close() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void theVersionIsXlsXenMajorAndMinor() {
        assertThat(conn.type()).isEqualTo("Xen");
        assertThat(conn.version()).isEqualTo(Long.parseLong(xl.get("xen_major")) * 1_000_000
                + Long.parseLong(xl.get("xen_minor")) * 1_000);
    }

    @Test
    void theInterfaceVersionDetectedIsXen417s() {
        try (Privcmd privcmd = Privcmd.open(Privcmd.DEVICE)) {
            XenCalls calls = XenCalls.detect(privcmd);
            assertThat(calls.abi()).isSameAs(XenAbi.XEN_4_17);
            assertThat(calls.version()).isEqualTo(Integer.parseInt(xl.get("xen_major")) << 16
                    | Integer.parseInt(xl.get("xen_minor")));
            assertThat(calls.capabilities()).isEqualTo(xl.get("xen_caps"));
            assertThat(calls.pageSize()).isEqualTo(4096);
            // Linux 6.1's privcmd has the buffer device, and the driver's buffers come from it, as libxencall's.
            assertThat(privcmd.buffers().source()).isEqualTo(Privcmd.BUFFER_DEVICE.toString());
            assertThat(privcmd.buffers().live()).isZero();
        }
    }

    @Test
    void theNodeIsWhatXlInfoSays() {
        NodeInfo node = conn.nodeInfo();
        int cpus = Integer.parseInt(xl.get("nr_cpus"));
        assertThat(node.model()).isEqualTo(xl.get("machine"));
        assertThat(node.cpus()).isEqualTo(cpus);
        assertThat(node.numaNodes()).isEqualTo(Integer.parseInt(xl.get("nr_nodes")));
        assertThat(node.cores()).isEqualTo(Integer.parseInt(xl.get("cores_per_socket")));
        assertThat(node.threads()).isEqualTo(Integer.parseInt(xl.get("threads_per_core")));
        assertThat(node.sockets() * node.cores() * node.threads() * node.numaNodes()).isEqualTo(cpus);
        // xl prints cpu_khz / 1000 with three decimals, jvirt (as libvirt) the whole MHz.
        assertThat(node.mhz()).isEqualTo((int) Double.parseDouble(xl.get("cpu_mhz")));
        // xl: total_pages / 256 (MiB); jvirt: total_pages * 4 (KiB).
        assertThat(node.memoryKiB() / 1024).isEqualTo(Long.parseLong(xl.get("total_memory")));
    }

    @Test
    void freeMemoryIsXlsWhileNothingChangesIt() {
        // Read between two equal readings of jvirt's, xl's figure is of the same free memory.
        Dom0.until(java.time.Duration.ofSeconds(60), "two equal readings of the free memory around xl's", () -> {
            long before = conn.freeMemory();
            long xlMiB = Long.parseLong(Xl.info().get("free_memory"));
            long after = conn.freeMemory();
            if (before != after) {
                return false;
            }
            assertThat(before / (1024 * 1024)).isEqualTo(xlMiB);
            return true;
        });
        assertThat(conn.cellsFreeMemory(0, 1)).hasSize(1);
    }

    @Test
    void theFreeMemoryOfNumaNodeZeroIsXlsWhileNothingChangesIt() {
        Dom0.until(java.time.Duration.ofSeconds(60), "two equal readings of node 0's free memory around xl's", () -> {
            long before = conn.cellsFreeMemory(0, 1)[0];
            long xlMiB = numaNodeZeroFreeMiB(Dom0.run("xl", "info", "-n"));
            if (conn.cellsFreeMemory(0, 1)[0] != before) {
                return false;
            }
            assertThat(before / (1024 * 1024)).isEqualTo(xlMiB);
            return true;
        });
    }

    /** {@code xl info -n}'s numa_info table: {@code node: memsize memfree distances}, then a line a node. */
    private static long numaNodeZeroFreeMiB(String info) {
        String[] lines = info.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("numa_info")) {
                for (int j = i + 1; j < lines.length; j++) {
                    String[] f = lines[j].trim().split("\\s+");
                    if (f[0].equals("0:")) {
                        return Long.parseLong(f[2]);
                    }
                }
            }
        }
        throw new AssertionError("xl info -n has no numa_info line of node 0:\n" + info);
    }

    @Test
    void capabilitiesAreXenCapsAndHwCaps() {
        CapabilitiesDefinition caps = CapabilitiesXml.parse(conn.capabilities());
        assertThat(caps.host().arch()).isEqualTo("x86_64");
        List<String> guests = new ArrayList<>();
        for (String token : xl.get("xen_caps").split("\\s+")) {
            String[] parts = token.split("-");
            String kind = parts[0];
            String arch = parts[2].startsWith("x86_32") ? "i686" : parts[2];
            String guest = kind + " " + arch;
            if (!guests.contains(guest)) {
                guests.add(guest);
            }
        }
        assertThat(caps.guests()).extracting(g -> g.osType() + " " + g.arch()).containsExactlyElementsOf(guests);
        String[] words = xl.get("hw_caps").split(":");
        List<String> features = new ArrayList<>();
        if (bit(words, Xen.X86_FEATURE_VMX)) {
            features.add("vmx");
        }
        if (bit(words, Xen.X86_FEATURE_SVM)) {
            features.add("svm");
        }
        if (bit(words, Xen.X86_FEATURE_PAE)) {
            features.add("pae");
        }
        assertThat(caps.host().cpuFeatures()).containsExactlyElementsOf(features);
    }

    private static boolean bit(String[] hexWords, int bit) {
        return (Long.parseLong(hexWords[bit / 32], 16) >>> (bit % 32) & 1) != 0;
    }
}
