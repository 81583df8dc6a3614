package org.jvirt.driver.hypercall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.api.NodeInfo;
import org.jvirt.driver.hypercall.privcmd.PhysInfo;
import org.jvirt.driver.hypercall.privcmd.Xen;
import org.jvirt.driver.hypercall.privcmd.XenAbi;
import org.jvirt.model.CapabilitiesDefinition;
import org.jvirt.model.CapabilitiesXml;
import org.jvirt.model.GuestCapabilities;
import org.jvirt.model.GuestMachine;
import org.jvirt.model.HostCapabilities;

/**
 * The host as the hypervisor describes it: {@code physinfo} turned into libvirt's node information, and the
 * capabilities libvirt 0.4.4's {@code xenHypervisorMakeCapabilities} built from the {@code xen_version}
 * capabilities string ({@code xen-3.0-x86_64 hvm-3.0-x86_32p ...}: one guest per kind and architecture). Where
 * libvirt read {@code /proc/cpuinfo} for the host's CPU features, this reads {@code physinfo}'s {@code hw_cap},
 * but only from Xen 4.7's featureset order on: the older orders are not vouched for, and their features are
 * left out rather than guessed. Immutable.
 */
final class HostFacts {
    /** libvirt's {@code xen_cap_re}. */
    private static final Pattern GUEST = Pattern.compile(
            "(xen|hvm)-[0-9]+\\.[0-9]+-(x86_32|x86_64|ia64|powerpc64)(p|be)?");

    private final String capabilitiesString;
    private final long pageSize;
    private final String arch;

    HostFacts(String capabilitiesString, long pageSize) {
        this.capabilitiesString = capabilitiesString;
        this.pageSize = pageSize;
        this.arch = hostArch(capabilitiesString);
    }

    /** The hypervisor's architecture: the widest its capabilities name, else the JVM's. */
    private static String hostArch(String caps) {
        if (caps.contains("x86_64")) {
            return "x86_64";
        }
        if (caps.contains("x86_32")) {
            return "i686";
        }
        if (caps.contains("ia64")) {
            return "ia64";
        }
        if (caps.contains("powerpc64")) {
            return "ppc64";
        }
        String os = System.getProperty("os.arch", "");
        return os.equals("amd64") ? "x86_64" : os;
    }

    String arch() {
        return arch;
    }

    long pageSize() {
        return pageSize;
    }

    /** KiB in {@code pages} of the hypervisor. */
    long kib(long pages) {
        return pages * (pageSize / 1024);
    }

    NodeInfo nodeInfo(PhysInfo p) {
        int threads = Math.max(1, p.threadsPerCore());
        int cores = Math.max(1, p.coresPerSocket());
        int nodes = Math.max(1, p.nrNodes());
        // physinfo has no socket count since Xen 3.2: libxl derives it the same way.
        int sockets = Math.max(1, p.nrCpus() / (nodes * cores * threads));
        return new NodeInfo(arch, kib(p.totalPages()), p.nrCpus(), p.cpuKhz() / 1000, nodes, sockets, cores, threads);
    }

    /**
     * The capabilities XML. {@code physinfo} (null where the interface version has none the driver knows)
     * adds the host's CPU features when {@code abi} is Xen 4.17's.
     */
    String capabilities(PhysInfo physinfo, XenAbi abi) {
        List<String> features = new ArrayList<>();
        if (physinfo != null && abi == XenAbi.XEN_4_17) {
            int[] cap = physinfo.hwCap();
            if (bit(cap, Xen.X86_FEATURE_VMX)) {
                features.add("vmx");
            }
            if (bit(cap, Xen.X86_FEATURE_SVM)) {
                features.add("svm");
            }
            if (bit(cap, Xen.X86_FEATURE_PAE)) {
                features.add("pae");
            }
        } else if (arch.equals("x86_64") || capabilitiesString.contains("x86_32p")) {
            features.add("pae");
        }
        HostCapabilities host = new HostCapabilities(null, arch, features, List.of(pageSize / 1024), List.of(), false,
                List.of(), List.of());
        return CapabilitiesXml.format(new CapabilitiesDefinition(host, guests()));
    }

    private static boolean bit(int[] words, int bit) {
        return bit / 32 < words.length && (words[bit / 32] & 1 << bit % 32) != 0;
    }

    /** One guest per (kind, architecture), its features merged over the tokens naming it, as libvirt merged them. */
    private List<GuestCapabilities> guests() {
        Map<String, GuestKind> kinds = new LinkedHashMap<>();
        for (String token : capabilitiesString.split("\\s+")) {
            Matcher m = GUEST.matcher(token);
            if (!m.find()) {
                continue;
            }
            boolean hvm = m.group(1).equals("hvm");
            String xenArch = m.group(2);
            String suffix = m.group(3);
            String guestArch = switch (xenArch) {
                case "x86_32" -> "i686";
                case "powerpc64" -> "ppc64";
                default -> xenArch;
            };
            GuestKind k = kinds.computeIfAbsent((hvm ? "hvm " : "xen ") + guestArch,
                    key -> new GuestKind(hvm, guestArch));
            if (xenArch.equals("x86_32")) {
                if ("p".equals(suffix)) {
                    k.pae = true;
                } else {
                    k.nonpae = true;
                }
            }
            if (xenArch.equals("ia64") && "be".equals(suffix)) {
                k.ia64be = true;
            }
        }
        String emulator = arch.equals("x86_64") ? "/usr/lib64/xen/bin/qemu-dm" : "/usr/lib/xen/bin/qemu-dm";
        List<GuestCapabilities> guests = new ArrayList<>();
        for (GuestKind k : kinds.values()) {
            List<String> features = new ArrayList<>();
            if (k.pae) {
                features.add("pae");
            }
            if (k.nonpae) {
                features.add("nonpae");
            }
            if (k.ia64be) {
                features.add("ia64_be");
            }
            if (k.hvm) {
                features.add("acpi");
                features.add("apic");
            }
            int bits = k.arch.equals("i686") ? 32 : 64;
            guests.add(new GuestCapabilities(k.hvm ? "hvm" : "xen", k.arch, bits, emulator,
                    List.of(new GuestMachine(k.hvm ? "xenfv" : "xenpv", null, null)), List.of("xen"), features));
        }
        return guests;
    }

    private static final class GuestKind {
        final boolean hvm;
        final String arch;
        boolean pae;
        boolean nonpae;
        boolean ia64be;

        GuestKind(boolean hvm, String arch) {
            this.hvm = hvm;
            this.arch = arch;
        }
    }
}
