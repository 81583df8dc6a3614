package org.jvirt.driver.qemu.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jvirt.model.Bitmaps;
import org.jvirt.model.xml.XmlElement;

/**
 * What a corpus input asks of the host as a whole that this machine may not have: NUMA nodes, CPUs
 * to pin to, huge pages, an ACPI table file, firmware descriptors, the server a character device
 * connects to. (numad placement and SELinux labels the driver refuses on any host: they are listed
 * failures, not excused here.) An input that needs one is not applicable
 * to the start test, with the reason; only real host resources belong here, never what the driver
 * lacks. Stateless.
 */
final class HostResources {
    private static final Path NODES = Path.of("/sys/devices/system/node");

    private HostResources() {
    }

    /** Adds to {@code needs} each host resource {@code domain} asks for that this machine has not. */
    static void check(XmlElement domain, Set<String> needs) throws IOException {
        XmlElement numatune = domain.child("numatune");
        if (numatune != null) {
            for (XmlElement e : numatune.children()) {
                nodes(e.attribute("nodeset"), needs);
            }
        }
        XmlElement backing = domain.child("memoryBacking");
        XmlElement hugepages = backing == null ? null : backing.child("hugepages");
        // pages of the system's size (4 KiB) are ordinary memory, which libvirt and jvirt take as such
        boolean huge = hugepages != null && (hugepages.children().isEmpty() || hugepages.children().stream()
                .anyMatch(p -> !("4".equals(p.attribute("size")) && "KiB".equals(p.attribute("unit")))));
        if (huge && !hugePagesAvailable()) {
            needs.add("needs huge pages (hugetlbfs mounted, pages reserved) for <hugepages>");
        }
        XmlElement cputune = domain.child("cputune");
        if (cputune != null) {
            int cpus = Runtime.getRuntime().availableProcessors();
            for (XmlElement pin : cputune.children()) {
                String set = pin.attribute("cpuset");
                if (set != null && Bitmaps.parse(set).length() > cpus) {
                    needs.add("needs host CPUs " + set + " (this host has " + cpus + ")");
                }
            }
        }
        XmlElement os = domain.child("os");
        if (os != null) {
            XmlElement acpi = os.child("acpi");
            for (XmlElement table : acpi == null ? java.util.List.<XmlElement>of() : acpi.children()) {
                if (!Files.exists(Path.of(table.text().strip()))) {
                    needs.add("needs the ACPI table " + table.text().strip());
                }
            }
            if (os.attribute("firmware") != null && !Files.isDirectory(Path.of("/usr/share/qemu/firmware"))) {
                needs.add("needs firmware descriptors (/usr/share/qemu/firmware) for firmware='"
                        + os.attribute("firmware") + "'");
            }
        }
        XmlElement devices = domain.child("devices");
        for (XmlElement d : devices == null ? java.util.List.<XmlElement>of() : devices.children()) {
            for (XmlElement source : d.children()) {
                if (source.name().equals("source") && "unix".equals(d.attribute("type"))
                        && "connect".equals(source.attribute("mode")) && source.attribute("path") != null
                        && !Files.exists(Path.of(source.attribute("path")))) {
                    needs.add("needs a server listening on " + source.attribute("path"));
                }
            }
        }
    }

    private static void nodes(String nodeset, Set<String> needs) {
        if (nodeset == null) {
            return;
        }
        java.util.BitSet set = Bitmaps.parse(nodeset);
        for (int node = set.nextSetBit(0); node >= 0; node = set.nextSetBit(node + 1)) {
            if (!Files.isDirectory(NODES.resolve("node" + node))) {
                needs.add("needs host NUMA node " + node);
            }
        }
    }

    /** Whether hugetlbfs is mounted and the kernel has huge pages free, which QEMU's guest RAM takes. */
    private static boolean hugePagesAvailable() throws IOException {
        boolean mounted = Files.readString(Path.of("/proc/mounts")).lines().anyMatch(l -> l.split(" ").length > 2
                && l.split(" ")[2].equals("hugetlbfs"));
        return mounted && Files.readString(Path.of("/proc/meminfo")).lines()
                .anyMatch(l -> l.startsWith("HugePages_Free:") && !l.split("\\s+")[1].equals("0"));
    }
}
