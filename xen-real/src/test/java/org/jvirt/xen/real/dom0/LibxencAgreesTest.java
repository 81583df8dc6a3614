package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jvirt.driver.hypercall.privcmd.DomainEntry;
import org.jvirt.driver.hypercall.privcmd.PhysInfo;
import org.jvirt.driver.hypercall.privcmd.Privcmd;
import org.jvirt.driver.hypercall.privcmd.StructLayout;
import org.jvirt.driver.hypercall.privcmd.StructView;
import org.jvirt.driver.hypercall.privcmd.Xen;
import org.jvirt.driver.hypercall.privcmd.Xen417Layouts;
import org.jvirt.driver.hypercall.privcmd.XenCalls;
import org.jvirt.tck.oracle.LibvirtPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The driver's structure layouts against the real hypervisor's answers, byte for byte: {@code src/test/c/
 * xc_readings.c}, compiled here against the host's Xen 4.17 headers and linked with libxenctrl (Xen's own library,
 * which xl uses), prints what the hypervisor wrote for the domain list and physinfo, both as bytes and member by
 * member as C reads them. The Java layouts must read the same members out of the same bytes, and the driver's own
 * hypercalls must get the answers libxenctrl got (the members that do not move between two calls).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibxencAgreesTest {
    private static final long COMPILE_AND_RUN_LIMIT_SECONDS = 300;
    /** The state bits that move between two readings of a live domain (its vCPUs run, block, wake). */
    private static final int MOVING_FLAGS = Xen.DOMINF_RUNNING | Xen.DOMINF_BLOCKED;

    Privcmd privcmd;
    XenCalls calls;
    List<Map<String, String>> cDomains;
    Map<String, String> cPhysinfo;
    /** The driver's domain list, read right after libxenctrl's: a guest torn down meanwhile would differ. */
    List<DomainEntry> driverDomains;

    @BeforeAll
    void read() throws Exception {
        Dom0.root();
        List<Map<String, String>> lines = readings();
        cDomains = lines.stream().filter(l -> l.get("").equals("domain")).toList();
        cPhysinfo = lines.stream().filter(l -> l.get("").equals("physinfo")).findFirst().orElseThrow();
        privcmd = Privcmd.open(Privcmd.DEVICE);
        calls = XenCalls.detect(privcmd);
        driverDomains = calls.domains();
    }

    @AfterAll
    void close() {
        if (privcmd != null) {
            privcmd.close();
        }
    }

    @Test
    void theJavaLayoutReadsEachDomainsMembersAsCDoesOutOfTheHypervisorsBytes() {
        assertThat(cDomains).as("libxenctrl lists Domain-0 at least").isNotEmpty();
        for (Map<String, String> c : cDomains) {
            StructView java = view(c.get("bytes"), Xen417Layouts.GETDOMAININFO);
            for (String member : List.of("domain", "flags", "tot_pages", "max_pages", "cpu_time", "nr_online_vcpus",
                    "max_vcpu_id")) {
                assertThat(Long.toUnsignedString(java.get(member))).as("domain %s: %s", c.get("domain"), member)
                        .isEqualTo(c.get(member));
            }
            assertThat(HexFormat.of().formatHex(java.bytes("handle"))).as("domain %s: handle", c.get("domain"))
                    .isEqualTo(c.get("handle"));
        }
    }

    @Test
    void theJavaLayoutReadsPhysinfoAsCDoesOutOfTheHypervisorsBytes() {
        StructView java = view(cPhysinfo.get("bytes"), Xen417Layouts.PHYSINFO);
        for (String member : List.of("threads_per_core", "cores_per_socket", "nr_cpus", "max_cpu_id", "nr_nodes",
                "cpu_khz", "total_pages", "free_pages")) {
            assertThat(Long.toUnsignedString(java.get(member))).as("physinfo: %s", member)
                    .isEqualTo(cPhysinfo.get(member));
        }
    }

    @Test
    void theDriversDomainListIsLibxenctrls() {
        Map<Integer, DomainEntry> driver = new LinkedHashMap<>();
        driverDomains.forEach(d -> driver.put(d.id(), d));
        List<Integer> cIds = cDomains.stream().map(c -> Integer.parseInt(c.get("domain"))).toList();
        assertThat(driver.keySet()).as("the domains the driver lists").containsExactlyElementsOf(cIds);
        for (Map<String, String> c : cDomains) {
            DomainEntry d = driver.get(Integer.parseInt(c.get("domain")));
            String which = "domain " + d.id();
            assertThat(d.flags() & ~MOVING_FLAGS).as("%s: flags but running/blocked", which)
                    .isEqualTo(Integer.parseUnsignedInt(c.get("flags")) & ~MOVING_FLAGS);
            assertThat(d.maxPages()).as("%s: max_pages", which).isEqualTo(Long.parseLong(c.get("max_pages")));
            assertThat(d.totPages()).as("%s: tot_pages", which).isEqualTo(Long.parseLong(c.get("tot_pages")));
            assertThat(d.onlineVcpus()).as("%s: nr_online_vcpus", which)
                    .isEqualTo(Integer.parseInt(c.get("nr_online_vcpus")));
            assertThat(d.maxVcpuId()).as("%s: max_vcpu_id", which).isEqualTo(Integer.parseInt(c.get("max_vcpu_id")));
            assertThat(d.uuid()).as("%s: handle", which).isEqualTo(uuid(c.get("handle")));
            assertThat(d.cpuTimeNanos()).as("%s: cpu_time only grows", which)
                    .isGreaterThanOrEqualTo(Long.parseUnsignedLong(c.get("cpu_time")));
        }
    }

    @Test
    void theDriversPhysinfoIsLibxenctrls() {
        PhysInfo p = calls.physinfo().orElseThrow(() -> new AssertionError("the driver read no physinfo"));
        assertThat(p.threadsPerCore()).isEqualTo(Integer.parseInt(cPhysinfo.get("threads_per_core")));
        assertThat(p.coresPerSocket()).isEqualTo(Integer.parseInt(cPhysinfo.get("cores_per_socket")));
        assertThat(p.nrCpus()).isEqualTo(Integer.parseInt(cPhysinfo.get("nr_cpus")));
        assertThat(p.maxCpuId()).isEqualTo(Integer.parseInt(cPhysinfo.get("max_cpu_id")));
        assertThat(p.nrNodes()).isEqualTo(Integer.parseInt(cPhysinfo.get("nr_nodes")));
        assertThat(p.cpuKhz()).isEqualTo(Integer.parseInt(cPhysinfo.get("cpu_khz")));
        assertThat(p.totalPages()).isEqualTo(Long.parseLong(cPhysinfo.get("total_pages")));
        StructView c = view(cPhysinfo.get("bytes"), Xen417Layouts.PHYSINFO);
        IntBuffer words = ByteBuffer.wrap(c.bytes("hw_cap")).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] hwCap = new int[words.remaining()];
        words.get(hwCap);
        assertThat(p.hwCap()).as("hw_cap").containsExactly(hwCap);
    }

    /** The bytes of one structure C printed, seen through a Java layout. */
    private static StructView view(String hex, StructLayout layout) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(bytes).as("C's sizeof of %s", layout.cName()).hasSize(layout.size());
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return new StructView(memory, 0, layout);
    }

    private static UUID uuid(String hex) {
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }

    /** Compiles xc_readings.c with the host's gcc and libxenctrl and runs it; its lines as maps ("" the kind). */
    private static List<Map<String, String>> readings() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("jvirt.xenReal.cSources", "src/test/c")).resolve("xc_readings.c");
        if (!Files.isRegularFile(source) || !Files.isExecutable(Path.of("/usr/bin/gcc"))
                || !Files.exists(Path.of("/usr/include/xenctrl.h"))) {
            LibvirtPeers.unavailable("compiling " + source + " needs it, gcc and libxenctrl's headers (libxen-dev)");
        }
        Path dir = Files.createTempDirectory("xc-readings");
        Path exe = dir.resolve("xc_readings");
        run(List.of("/usr/bin/gcc", "-Wall", "-Werror", "-o", exe.toString(), source.toString(), "-lxenctrl"), dir);
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : run(List.of(exe.toString()), dir).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.trim().split(" ");
            Map<String, String> values = new LinkedHashMap<>();
            values.put("", words[0]);
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
            lines.add(values);
        }
        return lines;
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        // dom0 sees the host's root read-only: gcc's temporary files go where the JVM's do
        builder.environment().put("TMPDIR", System.getProperty("java.io.tmpdir"));
        Process p = builder.start();
        if (!p.waitFor(COMPILE_AND_RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + COMPILE_AND_RUN_LIMIT_SECONDS + " s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s: %s", command, text).isZero();
        return text;
    }
}
