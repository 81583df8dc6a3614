package org.jvirt.driver.xend.config;

import java.util.List;
import java.util.UUID;
import org.jvirt.driver.xend.sexpr.Atom;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's identity and size: {@code (name)}, {@code (uuid)}, {@code (memory)} and {@code (maxmem)}
 * in MiB, {@code (vcpus)}, and what later libvirt added, {@code (vcpu_avail)} (a mask of the online
 * vCPUs) and {@code (cpus)} (where they may run).
 */
final class GuestSection {
    /** Less than this (64 MiB) is no size for a Xen guest: libvirt 0.4.4's {@code MIN_XEN_GUEST_SIZE}. */
    static final long MIN_GUEST_KIB = 64 * 1024;
    /** The size libvirt 0.4.4 gave a guest whose memory was missing or below the minimum, in MiB. */
    static final long DEFAULT_GUEST_MIB = 128;

    private GuestSection() {
    }

    /** {@code <name>} and {@code <uuid>}; both are required. */
    static void readIdentity(SxpGuest g, XmlElement.Builder domain) {
        String name = g.text("domain/name").orElseThrow(() -> XendErrors.incomplete("name"));
        domain.child(text("name", name));
        String uuid = g.text("domain/uuid").orElseThrow(() -> XendErrors.incomplete("uuid"));
        domain.child(text("uuid", uuid(uuid).toString()));
    }

    /**
     * {@code <memory>}, {@code <currentMemory>} and {@code <vcpu>}. As libvirt 0.4.4: the larger of
     * {@code maxmem} and {@code memory} is the maximum, and the current size is given when it differs.
     */
    static void readResources(SxpGuest g, XmlElement.Builder domain) {
        if (!g.root.has("domain/memory") && !g.root.has("domain/maxmem")) {
            throw XendErrors.incomplete("memory");
        }
        long maxKiB = g.number("domain/maxmem", 0, 0, Long.MAX_VALUE >> 10) << 10;
        long curKiB = g.number("domain/memory", 0, 0, Long.MAX_VALUE >> 10) << 10;
        maxKiB = Math.max(maxKiB, curKiB);
        domain.child(text("memory", Long.toString(maxKiB)));
        // libvirt 0.4.4 compared these KiB with MIN_XEN_GUEST_SIZE, in MiB: in effect only a size of 0 goes.
        if (curKiB >= 64 && curKiB != maxKiB) {
            domain.child(text("currentMemory", Long.toString(curKiB)));
        }
        long vcpus = g.number("domain/vcpus", 0, 0, 4096);
        if (vcpus < 1) {
            throw XendErrors.incomplete("vcpus");
        }
        XmlElement.Builder vcpu = XmlElement.builder("vcpu").text(Long.toString(vcpus));
        long online = Long.bitCount(g.number("domain/vcpu_avail", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        if (online > 0 && online < vcpus) {
            vcpu.attribute("current", Long.toString(online));
        }
        // Xen 3.0's cpus was a string ('0-3'); later xend wrote a list per vCPU, which libvirt never read.
        g.root.lookup("domain/cpus").map(l -> l.get(1) instanceof Atom a ? a.value() : "")
                .filter(cpus -> !cpus.isBlank()).ifPresent(cpus -> vcpu.attribute("cpuset", cpus));
        domain.child(vcpu.build());
    }

    /** {@code (name)}, {@code (memory)}, {@code (maxmem)}, {@code (vcpus)}, {@code (vcpu_avail)}, {@code (cpus)}, {@code (uuid)}. */
    static void write(DefGuest w, List<Sexpr> vm) {
        DomainDefinition d = w.def;
        vm.add(Sexpr.entry("name", d.name()));
        long maxMiB = d.memoryKiB() < MIN_GUEST_KIB ? DEFAULT_GUEST_MIB : d.memoryKiB() / 1024;
        long curMiB = d.currentMemoryKiB() < MIN_GUEST_KIB ? maxMiB : d.currentMemoryKiB() / 1024;
        maxMiB = Math.max(maxMiB, curMiB);
        vm.add(Sexpr.entry("memory", Long.toString(curMiB)));
        vm.add(Sexpr.entry("maxmem", Long.toString(maxMiB)));
        vm.add(Sexpr.entry("vcpus", Integer.toString(d.vcpus())));
        if (d.currentVcpus() < d.vcpus()) {
            // Later libvirt: the online vCPUs as a mask of the first ones (xend's vcpu_avail).
            vm.add(Sexpr.entry("vcpu_avail", Long.toUnsignedString((1L << d.currentVcpus()) - 1)));
        }
        if (d.cpuset() != null) {
            vm.add(Sexpr.entry("cpus", CpuSets.ranges(d.cpuset())));
        }
        if (d.uuid() != null) {
            // Without dashes, as libvirt 0.4.4's documents had it; xend reads both forms.
            vm.add(Sexpr.entry("uuid", d.uuid().toString().replace("-", "")));
        }
    }

    /** A UUID as libvirt's {@code virUUIDParse} read it: 32 hexadecimal digits, dashes anywhere between. */
    static UUID uuid(String text) {
        String hex = text.strip().replace("-", "");
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw XendErrors.incorrect("uuid '" + text + "' is not a UUID");
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    static XmlElement text(String name, String value) {
        return XmlElement.builder(name).text(value).build();
    }
}
