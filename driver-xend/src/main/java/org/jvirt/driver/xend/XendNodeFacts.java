package org.jvirt.driver.xend;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeInfo;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.CapabilitiesDefinition;
import org.jvirt.model.CapabilitiesXml;
import org.jvirt.model.GuestCapabilities;
import org.jvirt.model.GuestMachine;
import org.jvirt.model.HostCapabilities;

/**
 * What xend's {@code /xend/node/} says of the host, read as libvirt 0.4.4 read it: the hypervisor's
 * version ({@code xen_major}, {@code xen_minor}, the digits of {@code xen_extra}), xend's configuration
 * format ({@code xend_config_format}, absent before xend 3.0.3: format 1), the node's information and the
 * capabilities its {@code xen_caps} give. Immutable.
 */
record XendNodeFacts(SexprList node, long version, int configFormat) {

    /** Reads {@code (node ...)}; xend's answer must be one. */
    static XendNodeFacts of(SexprList node) {
        if (!node.isNamed("node")) {
            throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "xend's /xend/node/ is not a (node ...) document",
                    null);
        }
        long major = number(node, "xen_major");
        long minor = number(node, "xen_minor");
        long release = 0;
        for (char c : node.value("node/xen_extra").orElse("").toCharArray()) {
            if (c >= '0' && c <= '9') {
                release = release * 10 + (c - '0');
            }
        }
        int format = node.value("node/xend_config_format").map(v -> (int) parse(v, "xend_config_format")).orElse(1);
        return new XendNodeFacts(node, major * 1_000_000 + minor * 1_000 + release, format);
    }

    NodeInfo nodeInfo() {
        return new NodeInfo(node.value("node/machine").orElse(""), number(node, "total_memory") << 10,
                (int) number(node, "nr_cpus"), (int) number(node, "cpu_mhz"), (int) Math.max(1, number(node, "nr_nodes")),
                (int) Math.max(1, number(node, "sockets_per_node")), (int) Math.max(1, number(node, "cores_per_socket")),
                (int) Math.max(1, number(node, "threads_per_core")));
    }

    long freeMemoryBytes() {
        return number(node, "free_memory") << 20;
    }

    String hostname() {
        return node.value("node/host").orElse("");
    }

    /**
     * libvirt's capabilities of a Xen host from {@code xen_caps}: {@code xen-3.0-x86_64} is a
     * paravirtualised x86_64 guest, {@code xen-3.0-x86_32p} an i686 one with PAE, {@code hvm-3.0-x86_32}
     * a fully virtualised i686 one (hvmloader and qemu-dm), and so on.
     */
    String capabilities() {
        String machine = node.value("node/machine").orElse("x86_64");
        String hostArch = machine.matches("i[3-6]86") ? "i686" : machine;
        List<String> hostFeatures = new ArrayList<>();
        String caps = node.value("node/xen_caps").orElse("");
        if (caps.contains("hvm")) {
            hostFeatures.add("vmx");
        }
        if (caps.contains("x86_32p") || hostArch.equals("x86_64")) {
            hostFeatures.add("pae");
        }
        List<GuestCapabilities> guests = new ArrayList<>();
        for (String token : caps.trim().split("\\s+")) {
            String[] parts = token.split("-");
            if (parts.length != 3) {
                continue;
            }
            boolean hvm = parts[0].equals("hvm");
            boolean pae = parts[2].endsWith("p");
            String arch = parts[2].startsWith("x86_64") ? "x86_64" : parts[2].startsWith("x86_32") ? "i686"
                    : parts[2].startsWith("ia64") ? "ia64" : parts[2].startsWith("powerpc64") ? "ppc64" : null;
            if (arch == null) {
                continue;
            }
            List<String> features = new ArrayList<>();
            if (arch.equals("i686")) {
                features.add(pae ? "pae" : "nonpae");
            }
            if (hvm) {
                features.add("acpi");
                features.add("apic");
            }
            String emulator = hvm ? (hostArch.equals("x86_64") ? "/usr/lib64/xen/bin/qemu-dm"
                    : "/usr/lib/xen/bin/qemu-dm") : null;
            List<GuestMachine> machines = hvm ? List.of(new GuestMachine("xenfv", null, null))
                    : List.of(new GuestMachine("xenpv", null, null));
            guests.add(new GuestCapabilities(hvm ? "hvm" : "xen", arch, arch.equals("x86_64") ? 64 : 32, emulator,
                    machines, List.of("xen"), features));
        }
        HostCapabilities host = new HostCapabilities(null, hostArch, hostFeatures, List.of(4L), List.of(), false,
                List.of(), List.of());
        return CapabilitiesXml.format(new CapabilitiesDefinition(host, guests));
    }

    private static long number(SexprList node, String key) {
        return node.value("node/" + key).map(v -> parse(v, key)).orElse(0L);
    }

    private static long parse(String value, String key) {
        try {
            return (long) Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "xend's node information has " + key + " '"
                    + value + "', not a number", null);
        }
    }
}
