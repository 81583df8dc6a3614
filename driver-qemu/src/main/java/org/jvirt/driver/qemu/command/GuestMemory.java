package org.jvirt.driver.qemu.command;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.Bitmaps;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The memory settings of a definition the model keeps unparsed, as the command line reads them
 * (libvirt's {@code def->mem} and {@code def->numa} tuning): {@code <memoryBacking>},
 * {@code <memory dumpCore>}, {@code <maxMemory>} and {@code <numatune>}. Each reader returns null or
 * an empty answer when the definition does not say. Stateless.
 */
final class GuestMemory {
    /** The children of {@code <memoryBacking>} the command line honours. */
    static final Set<String> BACKING_ELEMENTS = Set.of("hugepages", "nosharepages", "locked", "source", "access",
            "allocation", "discard");

    private GuestMemory() {
    }

    /** {@code <memoryBacking>}, or null. */
    static XmlElement backing(DomainDefinition def) {
        return DomainDefaults.topElement(def, "memoryBacking");
    }

    /** Whether {@code <memoryBacking>} has a child named {@code name}. */
    static boolean backingHas(DomainDefinition def, String name) {
        XmlElement b = backing(def);
        return b != null && b.child(name) != null;
    }

    /** An attribute of a {@code <memoryBacking>} child, or null. */
    static String backingAttribute(DomainDefinition def, String child, String attribute) {
        XmlElement b = backing(def);
        XmlElement c = b == null ? null : b.child(child);
        return c == null ? null : c.attribute(attribute);
    }

    /** {@code <memoryBacking><source type>}: {@code anonymous} (the default), {@code file} or {@code memfd}. */
    static String source(DomainDefinition def) {
        String s = backingAttribute(def, "source", "type");
        return s == null ? "anonymous" : s;
    }

    /** {@code <memoryBacking><access mode>}: {@code shared}, {@code private}, or null. */
    static String access(DomainDefinition def) {
        return backingAttribute(def, "access", "mode");
    }

    /** Whether the guest's memory is to be allocated when QEMU starts ({@code <allocation mode='immediate'>}). */
    static boolean immediate(DomainDefinition def) {
        return "immediate".equals(backingAttribute(def, "allocation", "mode"));
    }

    /** {@code <memory dumpCore>}: {@code on}, {@code off} or null. */
    static String dumpCore(DomainDefinition def) {
        return def.unknowns().attributesAt("memory").get("dumpCore");
    }

    /** {@code <maxMemory>}'s size in KiB and {@code slots}, or null without it. */
    static long[] maxMemory(DomainDefinition def) {
        XmlElement m = DomainDefaults.topElement(def, "maxMemory");
        if (m == null) {
            return null;
        }
        long slots;
        try {
            slots = Long.parseLong(m.attribute("slots") == null ? "0" : m.attribute("slots"));
        } catch (NumberFormatException e) {
            slots = -1;
        }
        return new long[] {MemorySizes.kib(m.text(), m.attribute("unit")), slots};
    }

    /**
     * The {@code <numatune>} memory mode and host nodes of guest node {@code cell} ({@code <memnode>}), or
     * of the whole guest for -1 ({@code <memory>}); a cell without its own takes the guest's.
     *
     * @return mode and nodeset, either null when not said
     */
    static String[] numatune(DomainDefinition def, int cell) {
        XmlElement n = DomainDefaults.topElement(def, "numatune");
        if (n == null) {
            return new String[2];
        }
        for (XmlElement e : n.children()) {
            if (cell >= 0 && e.name().equals("memnode") && Integer.toString(cell).equals(e.attribute("cellid"))) {
                return new String[] {mode(e), e.attribute("nodeset")};
            }
        }
        XmlElement memory = n.child("memory");
        if (memory == null) {
            return new String[2];
        }
        return new String[] {mode(memory), memory.attribute("nodeset")};
    }

    /** Whether {@code <numatune>} names host nodes for guest node {@code cell} itself ({@code <memnode>}). */
    static boolean numatuneNodeSpecified(DomainDefinition def, int cell) {
        XmlElement n = DomainDefaults.topElement(def, "numatune");
        return n != null && cell >= 0 && n.children().stream().anyMatch(e -> e.name().equals("memnode")
                && Integer.toString(cell).equals(e.attribute("cellid")) && e.attribute("nodeset") != null);
    }

    private static String mode(XmlElement e) {
        return e.attribute("mode") == null ? "strict" : e.attribute("mode");
    }

    /** A nodeset's host nodes, as a list of numbers (QEMU's {@code host-nodes}). */
    static List<Integer> nodes(String nodeset) {
        BitSet b = Bitmaps.parse(nodeset);
        return b.stream().boxed().toList();
    }

    /** The host's NUMA nodes ({@code /sys/devices/system/node}), {@code {0}} when the host does not say. */
    static BitSet hostNodes() {
        java.nio.file.Path online = java.nio.file.Path.of("/sys/devices/system/node/online");
        try {
            return Bitmaps.parse(java.nio.file.Files.readString(online).strip());
        } catch (java.io.IOException | RuntimeException e) {
            BitSet b = new BitSet();
            b.set(0);
            return b;
        }
    }

    /** A fresh ordered map, for building QEMU objects property by property in libvirt's order. */
    static Map<String, Object> props() {
        return new LinkedHashMap<>();
    }
}
