package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's NUMA configuration as libvirt 9 reads, completes, checks and writes it, over the parts
 * the model keeps as elements: the cells of {@code <cpu><numa>} ({@link NumaCellsPostParse}),
 * {@code <numatune>} ({@link NumatunePostParse}), {@code <memoryBacking>} ({@link MemoryBackingPostParse}),
 * and the model's vcpu placement and cpuset (virDomainVcpuParse, and virDomainDefParseXML's derivation
 * of automatic placement from numatune's). Post-parse (the memory size inferred from the cells in
 * virDomainDefPostParseMemory, virDomainDefPostParseMemtune) and the checks of the completed definition
 * (virDomainDefMemtuneValidate, virDomainNumaDefValidate, the NUMA part of virDomainMemoryDefValidate)
 * follow, in libvirt's order, so that of two faults the one libvirt reports first is reported.
 *
 * <p>Node and CPU sets are read and written as {@link Bitmaps}. Stateless; every refusal is a
 * {@link org.jvirt.api.VirtException} with libvirt's code and words.
 */
final class NumaPostParse {
    private static final List<String> CPU_PLACEMENTS = List.of("static", "auto");

    private NumaPostParse() {
    }

    /** {@code def} with its NUMA configuration as libvirt completes it; {@code def} itself when nothing changes. */
    static DomainDefinition apply(DomainDefinition def) {
        return apply(def, false);
    }

    /**
     * As {@link #apply(DomainDefinition)}; with {@code abiUpdate} (a driver defining with libvirt's
     * {@code VIR_DOMAIN_DEF_PARSE_ABI_UPDATE}), the cells' memory replaces a {@code <memory>} given too.
     */
    static DomainDefinition apply(DomainDefinition def, boolean abiUpdate) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        int cpuIndex = Elements.indexOf(top, "cpu");
        XmlElement numa = cpuIndex < 0 ? null : top.get(cpuIndex).child("numa");
        if (numa == null && Elements.indexOf(top, "numatune") < 0 && Elements.indexOf(top, "memoryBacking") < 0
                && def.vcpuPlacement().equals("static") && def.cpuset() == null && def.memoryKiB() != 0
                && memoryDevices(def).isEmpty()) {
            return def;
        }

        // virDomainDefParseMemory: the memory backing.
        MemoryBackingPostParse backing = MemoryBackingPostParse.parse(top);

        // virDomainVcpuParse: placement, and the cpuset unless placement is automatic.
        String placement = def.vcpuPlacement();
        if (!CPU_PLACEMENTS.contains(placement)) {
            throw XmlProps.invalidValue("vcpu", "placement", placement);
        }
        String cpuset = null;
        if (!placement.equals("auto") && def.cpuset() != null) {
            BitSet mask = Bitmaps.parseNonEmpty(def.cpuset(), "cpuset");
            cpuset = mask.cardinality() == Bitmaps.LENGTH ? null : Bitmaps.format(mask);
        }

        // virDomainNumaDefParseXML, then virDomainDefParseXML's checks against the vcpu count.
        NumaCellsPostParse cells = NumaCellsPostParse.parse(numa);
        cells.checkVcpus(def.vcpus());

        // virDomainNumatuneParseXML, then automatic vcpu placement when numatune's is automatic.
        NumatunePostParse tune = NumatunePostParse.parse(top, cells.count(), placement.equals("static"));
        if (tune.automatic() && cpuset == null && !pinned(top, def.vcpus())) {
            placement = "auto";
        }

        // Post-parse: virDomainDefPostParseMemory, virDomainDefPostParseMemtune.
        long memoryKiB = memorySize(def, cells, abiUpdate);
        if (backing != null) {
            backing.postParse(cells.count());
        }

        // Validation: virDomainDefMemtuneValidate, virDomainNumaDefValidate, virDomainMemoryDefValidate.
        if (backing != null) {
            backing.validate(cells.count());
        }
        cells.validate();
        validateMemoryDevices(def, cells.count());

        XmlElement cpu = numa == null ? null : withNuma(top.get(cpuIndex), cells.format());
        List<XmlElement> rebuilt = rebuild(top, cpuIndex, cpu, backing == null ? null : backing.format(),
                tune.format());

        DomainDefinition.Builder b = null;
        if (!rebuilt.equals(top)) {
            b = def.toBuilder().unknowns(def.unknowns().withElementsAt("", rebuilt));
        }
        if (!placement.equals(def.vcpuPlacement()) || !Objects.equals(cpuset, def.cpuset())) {
            b = (b == null ? def.toBuilder() : b).vcpuPlacement(placement).cpuset(cpuset);
        }
        if (memoryKiB != def.memoryKiB()) {
            // The current memory stays as given (virDomainDefPostParseMemory only lowers one above the total).
            b = (b == null ? def.toBuilder() : b).memoryKiB(memoryKiB).currentMemoryKiB(def.currentMemoryKiB());
        }
        return b == null ? def : b.build();
    }

    /**
     * The top-level elements with the CPU, the (first) memory backing and the numatune replaced by
     * their completed forms, or dropped where those are null; a numatune libvirt adds goes last
     * (the definition puts it in its place).
     */
    private static List<XmlElement> rebuild(List<XmlElement> top, int cpuIndex, XmlElement cpu, XmlElement backing,
                                            XmlElement numatune) {
        List<XmlElement> rebuilt = new ArrayList<>(top.size() + 1);
        boolean backingDone = false;
        boolean numatuneDone = false;
        for (int i = 0; i < top.size(); i++) {
            XmlElement e = top.get(i);
            if (e.name().equals("memoryBacking")) {
                if (!backingDone && backing != null) {
                    rebuilt.add(backing);
                }
                backingDone = true;
            } else if (e.name().equals("numatune")) {
                if (numatune != null) {
                    rebuilt.add(numatune);
                }
                numatuneDone = true;
            } else {
                rebuilt.add(i == cpuIndex && cpu != null ? cpu : e);
            }
        }
        if (!numatuneDone && numatune != null) {
            rebuilt.add(numatune);
        }
        return rebuilt;
    }

    /** The CPU element with its (first) {@code <numa>} child replaced. */
    private static XmlElement withNuma(XmlElement cpu, XmlElement numa) {
        XmlElement.Builder b = XmlElement.builder(cpu.name()).text(cpu.text());
        cpu.attributes().forEach(b::attribute);
        boolean replaced = false;
        for (XmlElement child : cpu.children()) {
            if (child.name().equals("numa")) {
                if (!replaced) {
                    b.child(numa);
                }
                replaced = true;
            } else {
                b.child(child);
            }
        }
        return b.build();
    }

    /** Whether {@code <cputune>} pins a vCPU, the emulator or an I/O thread, which keeps vcpu placement static. */
    private static boolean pinned(List<XmlElement> top, int vcpus) {
        for (XmlElement cputune : Elements.named(top, "cputune")) {
            for (XmlElement e : cputune.children()) {
                switch (e.name()) {
                    case "emulatorpin", "iothreadpin" -> {
                        return true;
                    }
                    case "vcpupin" -> {
                        Long vcpu = e.attribute("vcpu") == null ? null : CNumbers.strToUip(e.attribute("vcpu"));
                        if (vcpu != null && vcpu < vcpus && e.attribute("cpuset") != null) {
                            return true;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return false;
    }

    // ---- memory size and memory devices

    /**
     * virDomainDefPostParseMemory's part for NUMA: without {@code <memory>} (or with an ABI update),
     * the cells' memory and the memory devices' make it; the devices may not take all of it.
     */
    private static long memorySize(DomainDefinition def, NumaCellsPostParse cells, boolean abiUpdate) {
        long total = def.memoryKiB();
        long numa = total == 0 || abiUpdate ? cells.memoryKiB() : 0;
        long hotplug = 0;
        for (XmlElement device : memoryDevices(def)) {
            XmlElement target = device.child("target");
            if (target == null) {
                throw DomainErrors.xml("missing <target> element for <memory> device");
            }
            XmlElement size = target.child("size");
            hotplug += ScaledValues.memoryKiB(size == null ? null : size.text(),
                    size == null ? null : size.attribute("unit"), "./size");
        }
        if (numa != 0) {
            total = numa + hotplug;
        } else if (hotplug > total) {
            throw DomainErrors.xml("Total size of memory devices exceeds the total memory size");
        }
        if (total - hotplug == 0) {
            throw DomainErrors.xml("Memory size must be specified via <memory> or in the <numa> configuration");
        }
        return total;
    }

    /** virDomainMemoryDefValidate's part for NUMA: a memory device's guest node must exist. */
    private static void validateMemoryDevices(DomainDefinition def, int cellCount) {
        for (XmlElement device : memoryDevices(def)) {
            XmlElement target = device.child("target");
            XmlElement node = target == null ? null : target.child("node");
            // A node that is not a number of int range is no node.
            Long id = node == null ? null : CNumbers.strToUip(node.text());
            if (id == null || id > Integer.MAX_VALUE) {
                continue;
            }
            if (cellCount == 0) {
                throw DomainErrors.detail("can't add memory backend as guest has no NUMA nodes configured");
            }
            if (id >= cellCount) {
                throw DomainErrors.detail("can't add memory backend for guest node '" + id + "' as the guest has only '"
                        + cellCount + "' NUMA nodes configured");
            }
        }
    }

    private static List<XmlElement> memoryDevices(DomainDefinition def) {
        List<XmlElement> found = new ArrayList<>();
        for (Device d : def.devices()) {
            if (d instanceof UnknownDevice u && u.element().name().equals("memory")) {
                found.add(u.element());
            }
        }
        return found;
    }
}
