package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.TypedParameter;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * The values the remote driver reads from libvirtd's test driver, against the same driver read by C
 * libvirt itself: {@code virsh -c test:///default} runs libvirt's test driver in its own process, with the
 * node libvirtd's {@code test:///default} starts from. Units (KiB, bytes, nanoseconds) and C strings must
 * come out as virsh prints them.
 */
class RemoteValuesAgainstLibvirtTest {
    private static final Path VIRSH = Path.of("/usr/bin/virsh");

    @TempDir
    Path dir;

    @Test
    void nodeAndDomainAsVirshReadsThem() throws Exception {
        Libvirtd.require(Files.isExecutable(VIRSH), VIRSH + " is not installed (Debian: apt-get install libvirt-clients)");
        try (Libvirtd d = Libvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            Map<String, String> node = virsh("nodeinfo");
            NodeInfo n = c.nodeInfo();
            assertThat(n.model()).isEqualTo(node.get("CPU model"));
            assertThat(n.cpus() + "").isEqualTo(node.get("CPU(s)"));
            assertThat(n.mhz() + " MHz").isEqualTo(node.get("CPU frequency"));
            assertThat(n.numaNodes() + "").isEqualTo(node.get("NUMA cell(s)"));
            assertThat(n.memoryKiB() + " KiB").isEqualTo(node.get("Memory size"));

            Map<String, String> cells = virsh("freecell", "--all");
            long[] free = c.cellsFreeMemory(0, n.numaNodes());
            for (int i = 0; i < free.length; i++) {
                assertThat(free[i] / 1024 + " KiB").isEqualTo(cells.get(Integer.toString(i))); // bytes on the wire
            }

            Domain test = c.domainByName("test");
            Map<String, String> before = virsh("dominfo", "test");
            DomainInfo info = test.info();
            Map<String, String> after = virsh("dominfo", "test");
            assertThat(info.maxMemoryKiB() + " KiB").isEqualTo(before.get("Max memory"));
            assertThat(info.memoryKiB() + " KiB").isEqualTo(before.get("Used memory"));
            assertThat(info.vcpus() + "").isEqualTo(before.get("CPU(s)"));
            // libvirt's test driver reports the clock as CPU time; virsh prints seconds to a tenth
            double seconds = info.cpuTimeNanos() / 1e9;
            assertThat(seconds).isBetween(secondsOf(before.get("CPU time")) - 0.05, secondsOf(after.get("CPU time")) + 0.05);
            assertThat(test.securityLabel().label() + (test.securityLabel().enforcing() ? " (enforcing)" : " (permissive)"))
                    .isEqualTo(before.get("Security label"));
            assertThat(c.securityModel().model()).isEqualTo(before.get("Security model"));
            assertThat(c.securityModel().doi()).isEqualTo(before.getOrDefault("Security DOI", ""));

            Map<String, String> sched = virsh("schedinfo", "test");
            assertThat(test.schedulerType()).isEqualTo(sched.get("Scheduler"));
            // weight is VIR_TYPED_PARAM_UINT on the wire: a 32-bit Integer
            assertThat(test.schedulerParameters(ModificationImpact.CURRENT))
                    .containsExactly(new TypedParameter("weight", Integer.valueOf(sched.get("weight"))));
        }
    }

    private static double secondsOf(String cpuTime) {
        return Double.parseDouble(cpuTime.substring(0, cpuTime.length() - 1));
    }

    /** virsh's "Name: value" lines of {@code command} on libvirt's own test driver, by name. */
    private Map<String, String> virsh(String... command) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(VIRSH.toString(), "-c", "test:///default"));
        argv.addAll(List.of(command));
        Path out = dir.resolve("virsh.out");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("virsh %s ends", String.join(" ", command)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("virsh %s: %s", String.join(" ", command), text).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return values;
    }
}
