package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's NUMA configuration as libvirt 9 reads, completes, checks and writes it, over the parts
 * the model keeps as elements: the cells of {@code <cpu><numa>} (virDomainNumaDefParseXML with its
 * distances and caches, virDomainNumaDefFormatXML), {@code <numatune>} (virDomainNumatuneParseXML,
 * virDomainNumatuneSet, virDomainNumatuneFormatXML), {@code <memoryBacking>} (the memory-backing
 * half of virDomainDefParseMemory, virDomainMemorybackingFormat), and the model's vcpu placement and
 * cpuset (virDomainVcpuParse, and virDomainDefParseXML's derivation of automatic placement from
 * numatune's). Post-parse (the memory size inferred from the cells in virDomainDefPostParseMemory,
 * virDomainDefPostParseMemtune) and the checks of the completed definition (virDomainDefMemtuneValidate,
 * virDomainNumaDefValidate, the NUMA part of virDomainMemoryDefValidate) follow, in libvirt's order.
 *
 * <p>Node and CPU sets are read and written as virBitmapParse and virBitmapFormat do ({@code 1-2,5-7,^6}
 * is written {@code 1-2,5,7}), with libvirt's limit of 16384 bits. What libvirt drops (unknown children
 * and attributes of these elements, a numatune that settles nothing) is dropped. Stateless; every
 * refusal is a {@link VirtException} with libvirt's code and words.
 */
final class NumaPostParse {
    /** VIR_DOMAIN_CPUMASK_LEN: the bits of a parsed CPU or node set. */
    private static final int MASK_LEN = 16384;
    private static final int LOCAL_DISTANCE = 10;
    private static final int UNREACHABLE = 255;
    /** DIV_UP(LLONG_MAX, 1024): the first size in KiB virDomainParseMemory refuses. */
    private static final long MAX_KIB = 1L << 53;

    private static final List<String> MEMORY_MODES = List.of("strict", "preferred", "interleave", "restrictive");
    private static final int STRICT = 0;
    private static final int RESTRICTIVE = 3;
    private static final List<String> PLACEMENTS = List.of("default", "static", "auto");
    private static final int DEFAULT = 0;
    private static final int STATIC = 1;
    private static final int AUTO = 2;
    private static final List<String> MEMORY_ACCESS = List.of("default", "shared", "private");
    private static final List<String> TRISTATE = List.of("default", "yes", "no");
    private static final List<String> ASSOCIATIVITY = List.of("none", "direct", "full");
    private static final List<String> CACHE_POLICY = List.of("none", "writeback", "writethrough");
    private static final List<String> LATENCY = List.of("none", "access", "read", "write");
    private static final List<String> SOURCES = List.of("none", "file", "anonymous", "memfd");
    private static final List<String> ALLOCATIONS = List.of("none", "immediate", "ondemand");
    private static final List<String> CPU_PLACEMENTS = List.of("static", "auto");

    private NumaPostParse() {
    }

    /** One guest NUMA cell: {@code mem_nodes[i]} of virDomainNuma. */
    private static final class Cell {
        long memKiB;
        BitSet cpus;
        int memAccess;
        int discard;
        int[] distances;
        List<Cache> caches = List.of();
        /** numatune's {@code <memnode>} for this cell: its mode and nodeset (null when none). */
        int mode;
        BitSet nodeset;
    }

    private record Cache(long level, int associativity, int policy, long sizeKiB, long line) {
    }

    private record Interconnect(boolean latency, long initiator, long target, long cache, int type, long value) {
    }

    private record Page(long sizeKiB, BitSet nodes) {
    }

    /** numatune's {@code <memory>}: virDomainNuma's {@code memory} part. */
    private static final class Tune {
        boolean specified;
        int mode = STRICT;
        int placement;
        BitSet nodeset;
    }

    /** {@code def} with its NUMA configuration as libvirt completes it; {@code def} itself when nothing changes. */
    static DomainDefinition apply(DomainDefinition def) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        int cpuIndex = indexOf(top, "cpu");
        XmlElement numa = cpuIndex < 0 ? null : top.get(cpuIndex).child("numa");
        if (numa == null && indexOf(top, "numatune") < 0 && indexOf(top, "memoryBacking") < 0
                && def.vcpuPlacement().equals("static") && def.cpuset() == null && def.memoryKiB() != 0
                && memoryDevices(def).isEmpty()) {
            return def;
        }

        // virDomainDefParseMemory: the memory backing.
        XmlElement backing = memoryBacking(top);
        List<Page> pages = backing == null ? null : pages(backing);

        // virDomainVcpuParse: placement, and the cpuset unless placement is automatic.
        String placement = def.vcpuPlacement();
        if (!CPU_PLACEMENTS.contains(placement)) {
            throw xmlError(ErrorDomain.XML, invalidValue("placement", "vcpu", placement));
        }
        String cpuset = null;
        if (!placement.equals("auto") && def.cpuset() != null) {
            BitSet mask = bitmap(def.cpuset());
            if (mask.isEmpty()) {
                throw unsupported("Invalid value of 'cpuset': " + def.cpuset());
            }
            cpuset = mask.cardinality() == MASK_LEN ? null : format(mask);
        }

        // virDomainNumaDefParseXML, then virDomainDefParseXML's checks against the vcpu count.
        Cell[] cells = numa == null ? new Cell[0] : cells(numa);
        List<Interconnect> interconnects = numa == null ? List.of() : interconnects(numa);
        vcpuCounts(cells, def.vcpus());

        // virDomainNumatuneParseXML, then automatic vcpu placement when numatune's is automatic.
        Tune tune = numatune(top, cells, placement.equals("static"));
        if (tune.specified && tune.placement == AUTO && cpuset == null && !pinned(top, def.vcpus())) {
            placement = "auto";
        }

        // Post-parse: virDomainDefPostParseMemory, virDomainDefPostParseMemtune.
        long memoryKiB = memorySize(def, cells);
        if (pages != null && cells.length == 0) {
            for (int i = 0; i < pages.size(); i++) {
                BitSet nodes = pages.get(i).nodes();
                if (nodes != null && nodes.nextSetBit(1) < 0) {
                    pages.set(i, new Page(pages.get(i).sizeKiB(), null));
                }
            }
        }

        // Validation: virDomainDefMemtuneValidate, virDomainNumaDefValidate, virDomainMemoryDefValidate.
        if (pages != null) {
            validatePages(pages, cells.length);
        }
        validateNuma(cells, interconnects);
        validateMemoryDevices(def, cells.length);

        XmlElement cpu = numa == null ? null : withNuma(top.get(cpuIndex), formatNuma(cells, interconnects));
        List<XmlElement> rebuilt = rebuild(top, cpuIndex, cpu, backing == null ? null : formatBacking(backing, pages),
                formatNumatune(tune, cells));

        DomainDefinition.Builder b = null;
        if (!rebuilt.equals(top)) {
            b = def.toBuilder().unknowns(def.unknowns().withElementsAt("", rebuilt));
        }
        if (!placement.equals(def.vcpuPlacement()) || !Objects.equals(cpuset, def.cpuset())) {
            b = (b == null ? def.toBuilder() : b).vcpuPlacement(placement).cpuset(cpuset);
        }
        if (memoryKiB != def.memoryKiB()) {
            b = (b == null ? def.toBuilder() : b).memoryKiB(memoryKiB);
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

    private static int indexOf(List<XmlElement> elements, String name) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    // ---- <cpu><numa>

    /** virDomainNumaDefParseXML's cells: ids, vCPUs, memory, access, discard, distances, caches. */
    private static Cell[] cells(XmlElement numa) {
        List<XmlElement> elements = children(numa, "cell");
        if (elements.isEmpty()) {
            throw xmlError(ErrorDomain.DOMAIN, "NUMA topology defined without NUMA cells");
        }
        int n = elements.size();
        Cell[] cells = new Cell[n];
        for (int i = 0; i < n; i++) {
            cells[i] = new Cell();
        }
        for (int i = 0; i < n; i++) {
            XmlElement e = elements.get(i);
            Long id = uintAttr(e, "id", false);
            long cur = id == null ? i : id;
            if (cur >= n) {
                throw xmlError(ErrorDomain.DOMAIN, "Exactly one 'cell' element per guest NUMA cell allowed,"
                        + " non-contiguous ranges or ranges not starting from 0 are not allowed");
            }
            Cell cell = cells[(int) cur];
            if (cell.memKiB != 0) {
                throw xmlError(ErrorDomain.DOMAIN, "Duplicate NUMA cell info for cell id '" + cur + "'");
            }
            String cpus = e.attribute("cpus");
            if (cpus != null) {
                BitSet mask = bitmap(cpus);
                if (!mask.isEmpty()) {
                    cell.cpus = mask;
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != cur && cells[j].cpus != null && cell.cpus != null && cells[j].cpus.intersects(cell.cpus)) {
                    throw unsupported("NUMA cells " + cur + " and " + j + " have overlapping vCPU ids");
                }
            }
            cell.memKiB = memoryKiB(e.attribute("memory"), e.attribute("unit"), "./@memory");
            cell.memAccess = enumAttr(e, "memAccess", MEMORY_ACCESS, false, true, 0);
            cell.discard = enumAttr(e, "discard", TRISTATE, false, true, 0);
            distances(cells, e, (int) cur);
            cell.caches = caches(e, (int) cur);
        }
        return cells;
    }

    /** virDomainNumaDefNodeDistanceParseXML: each distance given, mirrored where the other cell gave none. */
    private static void distances(Cell[] cells, XmlElement cell, int cur) {
        XmlElement distances = cell.child("distances");
        if (distances == null) {
            return;
        }
        List<XmlElement> siblings = children(distances, "sibling");
        if (siblings.isEmpty()) {
            throw xmlError(ErrorDomain.DOMAIN, "NUMA distances defined without siblings");
        }
        int n = cells.length;
        for (XmlElement sibling : siblings) {
            long id = uintAttr(sibling, "id", true);
            if (id >= n) {
                throw xmlError(ErrorDomain.DOMAIN, "'sibling_id " + (int) id + "' does not refer to a valid cell"
                        + " within NUMA 'cell id " + cur + "'");
            }
            long value = uintAttr(sibling, "value", true);
            if (value < LOCAL_DISTANCE || value > UNREACHABLE || id == cur && value != LOCAL_DISTANCE
                    || id != cur && value == LOCAL_DISTANCE) {
                throw xmlError(ErrorDomain.DOMAIN, "'value " + (int) value + "' is invalid for 'sibling id " + id
                        + "' under NUMA 'cell id " + cur + "'");
            }
            int[] local = distanceRow(cells, cur);
            local[(int) id] = (int) value;
            int[] remote = distanceRow(cells, (int) id);
            if (remote[cur] == 0) {
                remote[cur] = (int) value;
            }
        }
    }

    private static int[] distanceRow(Cell[] cells, int cell) {
        if (cells[cell].distances == null) {
            cells[cell].distances = new int[cells.length];
            cells[cell].distances[cell] = LOCAL_DISTANCE;
        }
        return cells[cell].distances;
    }

    /**
     * virDomainNumaDefNodeCacheParseXML. As libvirt reads them, the units of {@code <size>} and
     * {@code <line>} are child elements, so their {@code unit} attributes are ignored: sizes are KiB,
     * lines bytes.
     */
    private static List<Cache> caches(XmlElement cell, int cur) {
        List<Cache> caches = new ArrayList<>();
        for (XmlElement cache : children(cell, "cache")) {
            String levelText = cache.attribute("level");
            if (levelText == null) {
                throw xmlError(ErrorDomain.DOMAIN, "Missing 'level' attribute in cache element for NUMA node " + cur);
            }
            Long level = unsigned(levelText, 0xFFFFFFFFL);
            if (level == null || level == 0) {
                throw xmlError(ErrorDomain.DOMAIN, "Invalid 'level' attribute in cache element for NUMA node " + cur);
            }
            String associativity = cache.attribute("associativity");
            if (associativity == null) {
                throw xmlError(ErrorDomain.DOMAIN, "Missing 'associativity' attribute in cache element for NUMA node "
                        + cur);
            }
            if (!ASSOCIATIVITY.contains(associativity)) {
                throw xmlError(ErrorDomain.DOMAIN, "Invalid cache associativity '" + associativity + "'");
            }
            // libvirt reports the missing policy, then fails on it as an invalid one: the last word is what it says.
            String policy = cache.attribute("policy");
            if (policy == null || !CACHE_POLICY.contains(policy)) {
                throw xmlError(ErrorDomain.DOMAIN, "Invalid cache policy '" + (policy == null ? "(null)" : policy)
                        + "'");
            }
            long size = memoryKiB(firstAttribute(cache, "size", "value"), firstText(cache, "size", "unit"),
                    "./size/@value");
            long line = scaled(firstAttribute(cache, "line", "value"), firstText(cache, "line", "unit"),
                    "./line/@value", 1, -1L);
            caches.add(new Cache(level, ASSOCIATIVITY.indexOf(associativity), CACHE_POLICY.indexOf(policy), size,
                    line & 0xFFFFFFFFL));
        }
        return List.copyOf(caches);
    }

    /** virDomainNumaDefParseXML's {@code <interconnects>}: latencies and bandwidths, in document order. */
    private static List<Interconnect> interconnects(XmlElement numa) {
        XmlElement parent = numa.child("interconnects");
        if (parent == null) {
            return List.of();
        }
        List<Interconnect> found = new ArrayList<>();
        for (XmlElement e : parent.children()) {
            boolean latency = e.name().equals("latency");
            if (!latency && !e.name().equals("bandwidth")) {
                continue;
            }
            long value = latency ? ullAttr(e, "value")
                    : memoryKiB(e.attribute("value"), e.attribute("unit"), "./@value");
            long initiator = uintAttr(e, "initiator", true);
            long target = uintAttr(e, "target", true);
            Long cache = uintAttr(e, "cache", false);
            int type = enumAttr(e, "type", LATENCY, true, true, 0);
            found.add(new Interconnect(latency, initiator, target, cache == null ? 0 : cache, type, value));
        }
        return found;
    }

    /** virDomainDefParseXML: the cells may name no more vCPUs, and none higher, than {@code <vcpu>} has. */
    private static void vcpuCounts(Cell[] cells, int vcpus) {
        long total = 0;
        int highest = 0;
        for (Cell c : cells) {
            if (c.cpus != null) {
                total += c.cpus.cardinality();
                highest = Math.max(highest, c.cpus.length() - 1);
            }
        }
        if (total > vcpus) {
            throw internal("Number of CPUs in <numa> exceeds the <vcpu> count");
        }
        if (highest >= vcpus) {
            throw internal("CPU IDs in <numa> exceed the <vcpu> count");
        }
    }

    /** virDomainNumaDefFormatXML. */
    private static XmlElement formatNuma(Cell[] cells, List<Interconnect> interconnects) {
        XmlElement.Builder numa = XmlElement.builder("numa");
        for (int i = 0; i < cells.length; i++) {
            Cell c = cells[i];
            XmlElement.Builder cell = XmlElement.builder("cell").attribute("id", Integer.toString(i));
            if (c.cpus != null) {
                cell.attribute("cpus", format(c.cpus));
            }
            cell.attribute("memory", Long.toString(c.memKiB)).attribute("unit", "KiB");
            if (c.memAccess != 0) {
                cell.attribute("memAccess", MEMORY_ACCESS.get(c.memAccess));
            }
            if (c.discard != 0) {
                cell.attribute("discard", TRISTATE.get(c.discard));
            }
            if (c.distances != null) {
                XmlElement.Builder distances = XmlElement.builder("distances");
                boolean any = false;
                for (int j = 0; j < c.distances.length; j++) {
                    if (c.distances[j] != 0) {
                        distances.child(XmlElement.builder("sibling").attribute("id", Integer.toString(j))
                                .attribute("value", Integer.toString(c.distances[j])).build());
                        any = true;
                    }
                }
                if (any) {
                    cell.child(distances.build());
                }
            }
            for (Cache cache : c.caches) {
                XmlElement.Builder e = XmlElement.builder("cache").attribute("level", Long.toString(cache.level()));
                if (cache.associativity() != 0) {
                    e.attribute("associativity", ASSOCIATIVITY.get(cache.associativity()));
                }
                if (cache.policy() != 0) {
                    e.attribute("policy", CACHE_POLICY.get(cache.policy()));
                }
                e.child(XmlElement.builder("size").attribute("value", Long.toUnsignedString(cache.sizeKiB()))
                        .attribute("unit", "KiB").build());
                if (cache.line() != 0) {
                    e.child(XmlElement.builder("line").attribute("value", Long.toString(cache.line()))
                            .attribute("unit", "B").build());
                }
                cell.child(e.build());
            }
            numa.child(cell.build());
        }
        if (!interconnects.isEmpty()) {
            XmlElement.Builder parent = XmlElement.builder("interconnects");
            for (Interconnect l : interconnects) {
                XmlElement.Builder e = XmlElement.builder(l.latency() ? "latency" : "bandwidth")
                        .attribute("initiator", Long.toString(l.initiator()))
                        .attribute("target", Long.toString(l.target()));
                if (l.cache() > 0) {
                    e.attribute("cache", Long.toString(l.cache()));
                }
                e.attribute("type", LATENCY.get(l.type())).attribute("value", Long.toUnsignedString(l.value()));
                if (!l.latency()) {
                    e.attribute("unit", "KiB");
                }
                parent.child(e.build());
            }
            numa.child(parent.build());
        }
        return numa.build();
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

    /** virDomainNumaDefValidate: cache levels, and interconnects between existing cells and caches. */
    private static void validateNuma(Cell[] cells, List<Interconnect> interconnects) {
        for (Cell c : cells) {
            BitSet seen = new BitSet();
            for (Cache cache : c.caches) {
                if (cache.level() > 3) {
                    throw xmlError(ErrorDomain.DOMAIN, "Ain't nobody heard of that much cache level");
                }
                if (seen.get((int) cache.level())) {
                    throw xmlError(ErrorDomain.DOMAIN, "Cache level '" + cache.level() + "' already defined");
                }
                seen.set((int) cache.level());
            }
        }
        for (int i = 0; i < interconnects.size(); i++) {
            Interconnect l = interconnects.get(i);
            if (l.initiator() >= cells.length) {
                throw xmlError(ErrorDomain.DOMAIN, "'initiator' refers to a non-existent NUMA node");
            }
            if (l.target() >= cells.length) {
                throw xmlError(ErrorDomain.DOMAIN, "'target' refers to a non-existent NUMA node");
            }
            if (cells[(int) l.initiator()].cpus == null) {
                throw xmlError(ErrorDomain.DOMAIN, "NUMA nodes without CPUs can't be initiator");
            }
            if (l.cache() > 0 && cells[(int) l.target()].caches.stream().noneMatch(c -> c.level() == l.cache())) {
                throw xmlError(ErrorDomain.DOMAIN, "'cache' refers to a non-existent NUMA node cache");
            }
            for (int j = 0; j < i; j++) {
                Interconnect ll = interconnects.get(j);
                if (l.latency() == ll.latency() && l.initiator() == ll.initiator() && l.target() == ll.target()
                        && l.cache() == ll.cache() && l.type() == ll.type()) {
                    throw xmlError(ErrorDomain.DOMAIN, "Duplicate info for NUMA latencies");
                }
                if (l.initiator() != l.target() && l.initiator() == ll.target() && l.target() == ll.initiator()) {
                    throw xmlError(ErrorDomain.DOMAIN, "Link already defined");
                }
            }
        }
    }

    // ---- <numatune>

    /** virDomainNumatuneParseXML: the memory binding (virDomainNumatuneSet), then each cell's. */
    private static Tune numatune(List<XmlElement> top, Cell[] cells, boolean placementStatic) {
        List<XmlElement> tunes = children(top, "numatune");
        if (tunes.size() > 1) {
            throw xmlError(ErrorDomain.DOMAIN, "only one numatune is supported");
        }
        XmlElement numatune = tunes.isEmpty() ? null : tunes.get(0);
        XmlElement memory = numatune == null ? null : numatune.child("memory");
        int mode = -1;
        int placement = -1;
        BitSet nodeset = null;
        if (!placementStatic && memory == null) {
            placement = AUTO;
        }
        if (memory != null) {
            String modeText = memory.attribute("mode");
            if (modeText != null) {
                mode = MEMORY_MODES.indexOf(modeText);
                if (mode < 0) {
                    throw unsupported("Unsupported NUMA memory tuning mode '" + modeText + "'");
                }
            }
            String placementText = memory.attribute("placement");
            if (placementText != null) {
                placement = PLACEMENTS.indexOf(placementText);
                if (placement < 0) {
                    throw unsupported("Unsupported NUMA memory placement mode '" + placementText + "'");
                }
            }
            String nodesetText = memory.attribute("nodeset");
            if (nodesetText != null) {
                nodeset = bitmap(nodesetText);
                if (nodeset.isEmpty()) {
                    throw unsupported("Invalid value of 'nodeset': " + nodesetText);
                }
            }
        }
        Tune tune = new Tune();
        if (mode != -1 || placement != -1 || nodeset != null) {
            tune.mode = mode == -1 ? STRICT : mode;
            tune.nodeset = nodeset;
            if (placement == -1 || placement == DEFAULT) {
                placement = tune.nodeset != null || placementStatic ? STATIC : AUTO;
            }
            if (placement == STATIC && tune.nodeset == null) {
                throw unsupported("nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
            }
            if (placement == AUTO) {
                tune.nodeset = null;
            }
            tune.placement = placement;
            tune.specified = true;
        }
        if (numatune != null) {
            memnodes(numatune, tune, cells);
        }
        return tune;
    }

    /** virDomainNumatuneNodeParseXML. */
    private static void memnodes(XmlElement numatune, Tune tune, Cell[] cells) {
        List<XmlElement> memnodes = children(numatune, "memnode");
        if (memnodes.isEmpty()) {
            return;
        }
        if (tune.specified && tune.placement == AUTO) {
            throw unsupported("Per-node binding is not compatible with automatic NUMA placement.");
        }
        if (cells.length == 0) {
            throw xmlError(ErrorDomain.DOMAIN, "Element 'memnode' is invalid without any guest NUMA cells");
        }
        for (XmlElement e : memnodes) {
            long cellid = uintAttr(e, "cellid", true);
            if (cellid >= cells.length) {
                throw xmlError(ErrorDomain.DOMAIN, "Argument 'cellid' in memnode element must correspond to"
                        + " existing guest's NUMA cell");
            }
            Cell cell = cells[(int) cellid];
            if (cell.nodeset != null) {
                throw xmlError(ErrorDomain.DOMAIN, "Multiple memnode elements with cellid " + cellid);
            }
            cell.mode = enumAttr(e, "mode", MEMORY_MODES, false, false, STRICT);
            if (tune.mode == RESTRICTIVE && cell.mode != RESTRICTIVE) {
                throw xmlError(ErrorDomain.DOMAIN, "'restrictive' mode is required in memnode element when mode is"
                        + " 'restrictive' in memory element");
            }
            String nodeset = e.attribute("nodeset");
            if (nodeset == null) {
                throw xmlError(ErrorDomain.DOMAIN, "Missing required nodeset attribute in memnode element");
            }
            BitSet nodes = bitmap(nodeset);
            if (nodes.isEmpty()) {
                throw unsupported("Invalid value of 'nodeset': " + nodeset);
            }
            cell.nodeset = nodes;
        }
    }

    /** Whether {@code <cputune>} pins a vCPU, the emulator or an I/O thread, which keeps vcpu placement static. */
    private static boolean pinned(List<XmlElement> top, int vcpus) {
        for (XmlElement cputune : children(top, "cputune")) {
            for (XmlElement e : cputune.children()) {
                switch (e.name()) {
                    case "emulatorpin", "iothreadpin" -> {
                        return true;
                    }
                    case "vcpupin" -> {
                        Long vcpu = e.attribute("vcpu") == null ? null : unsigned(e.attribute("vcpu"), 0xFFFFFFFFL);
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

    /** virDomainNumatuneFormatXML; null when it writes nothing. */
    private static XmlElement formatNumatune(Tune tune, Cell[] cells) {
        XmlElement.Builder b = XmlElement.builder("numatune");
        boolean any = false;
        if (tune.specified) {
            XmlElement.Builder memory = XmlElement.builder("memory").attribute("mode", MEMORY_MODES.get(tune.mode));
            if (tune.placement == STATIC) {
                memory.attribute("nodeset", format(tune.nodeset));
            } else {
                memory.attribute("placement", PLACEMENTS.get(tune.placement));
            }
            b.child(memory.build());
            any = true;
        }
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].nodeset != null) {
                b.child(XmlElement.builder("memnode").attribute("cellid", Integer.toString(i))
                        .attribute("mode", MEMORY_MODES.get(cells[i].mode))
                        .attribute("nodeset", format(cells[i].nodeset)).build());
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    // ---- <memoryBacking>

    /**
     * The children of every {@code <memoryBacking>}, in document order, under one element: libvirt
     * reads them by paths that span all of them, and writes one. Null when there is none.
     */
    private static XmlElement memoryBacking(List<XmlElement> top) {
        List<XmlElement> all = children(top, "memoryBacking");
        if (all.isEmpty()) {
            return null;
        }
        XmlElement.Builder b = XmlElement.builder("memoryBacking");
        for (XmlElement e : all) {
            e.children().forEach(b::child);
        }
        XmlElement backing = b.build();
        String source = firstAttribute(backing, "source", "type");
        if (source != null && SOURCES.indexOf(source) <= 0) {
            throw unsupported("unknown memoryBacking/source/type '" + source + "'");
        }
        String access = firstAttribute(backing, "access", "mode");
        if (access != null && MEMORY_ACCESS.indexOf(access) <= 0) {
            throw unsupported("unknown memoryBacking/access/mode '" + access + "'");
        }
        String allocation = firstAttribute(backing, "allocation", "mode");
        if (allocation != null && ALLOCATIONS.indexOf(allocation) <= 0) {
            throw unsupported("unknown memoryBacking/allocation/mode '" + allocation + "'");
        }
        String threads = firstAttribute(backing, "allocation", "threads");
        if (threads != null && unsigned(threads, 0xFFFFFFFFL) == null) {
            throw xmlError(ErrorDomain.DOMAIN, "Failed to parse memory allocation threads");
        }
        return backing;
    }

    /** The hugepages' pages (virDomainHugepagesParseXML each); null without {@code <hugepages>}. */
    private static List<Page> pages(XmlElement backing) {
        if (backing.child("hugepages") == null) {
            return null;
        }
        List<Page> pages = new ArrayList<>();
        for (XmlElement hugepages : children(backing, "hugepages")) {
            for (XmlElement page : children(hugepages, "page")) {
                long size = memoryKiB(page.attribute("size"), page.attribute("unit"), "./@size");
                if (size == 0) {
                    throw new VirtException(ErrorCode.XML_DETAIL, ErrorDomain.DOMAIN, "hugepage size can't be zero");
                }
                BitSet nodes = null;
                String nodeset = page.attribute("nodeset");
                if (nodeset != null) {
                    nodes = bitmap(nodeset);
                    if (nodes.isEmpty()) {
                        throw unsupported("Invalid value of 'nodeset': " + nodeset);
                    }
                }
                pages.add(new Page(size, nodes));
            }
        }
        return pages;
    }

    /** virDomainDefMemtuneValidate: one default page size at most, disjoint node sets, existing nodes only. */
    private static void validatePages(List<Page> pages, int cellCount) {
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            for (int j = 0; j < i; j++) {
                Page other = pages.get(j);
                if (page.nodes() != null && other.nodes() != null && page.nodes().intersects(other.nodes())) {
                    throw detail("nodeset attribute of hugepages of sizes " + page.sizeKiB() + " and "
                            + other.sizeKiB() + " intersect");
                }
                if (page.nodes() == null && other.nodes() == null) {
                    throw detail("two master hugepages detected: " + page.sizeKiB() + " and " + other.sizeKiB());
                }
            }
            if (page.nodes() != null) {
                int missing = page.nodes().nextSetBit(cellCount);
                if (missing >= 0) {
                    throw detail("hugepages: node " + missing + " not found");
                }
            }
        }
    }

    /** virDomainMemorybackingFormat; null when it writes nothing. */
    private static XmlElement formatBacking(XmlElement backing, List<Page> pages) {
        XmlElement.Builder b = XmlElement.builder("memoryBacking");
        boolean any = false;
        if (pages != null) {
            XmlElement.Builder hugepages = XmlElement.builder("hugepages");
            for (Page page : pages) {
                XmlElement.Builder p = XmlElement.builder("page").attribute("size", Long.toString(page.sizeKiB()))
                        .attribute("unit", "KiB");
                if (page.nodes() != null) {
                    p.attribute("nodeset", format(page.nodes()));
                }
                hugepages.child(p.build());
            }
            b.child(hugepages.build());
            any = true;
        }
        for (String flag : List.of("nosharepages", "locked")) {
            if (backing.child(flag) != null) {
                b.child(XmlElement.of(flag));
                any = true;
            }
        }
        String source = firstAttribute(backing, "source", "type");
        if (source != null) {
            b.child(XmlElement.builder("source").attribute("type", source).build());
            any = true;
        }
        String access = firstAttribute(backing, "access", "mode");
        if (access != null) {
            b.child(XmlElement.builder("access").attribute("mode", access).build());
            any = true;
        }
        String allocation = firstAttribute(backing, "allocation", "mode");
        String threadsText = firstAttribute(backing, "allocation", "threads");
        long threads = threadsText == null ? 0 : unsigned(threadsText, 0xFFFFFFFFL);
        if (allocation != null || threads > 0) {
            XmlElement.Builder a = XmlElement.builder("allocation");
            if (allocation != null) {
                a.attribute("mode", allocation);
            }
            if (threads > 0) {
                a.attribute("threads", Long.toString(threads));
            }
            b.child(a.build());
            any = true;
        }
        if (backing.child("discard") != null) {
            b.child(XmlElement.of("discard"));
            any = true;
        }
        return any ? b.build() : null;
    }

    // ---- memory size and memory devices

    /**
     * virDomainDefPostParseMemory's part for NUMA: without {@code <memory>}, the cells' memory and the
     * memory devices' make it; the devices may not take all of it.
     */
    private static long memorySize(DomainDefinition def, Cell[] cells) {
        long total = def.memoryKiB();
        long numa = 0;
        if (total == 0) {
            for (Cell c : cells) {
                numa += c.memKiB;
            }
        }
        long hotplug = 0;
        for (XmlElement device : memoryDevices(def)) {
            XmlElement target = device.child("target");
            if (target == null) {
                throw xmlError(ErrorDomain.DOMAIN, "missing <target> element for <memory> device");
            }
            XmlElement size = target.child("size");
            hotplug += memoryKiB(size == null ? null : size.text(), size == null ? null : size.attribute("unit"),
                    "./size");
        }
        if (numa != 0) {
            total = numa + hotplug;
        } else if (hotplug > total) {
            throw xmlError(ErrorDomain.DOMAIN, "Total size of memory devices exceeds the total memory size");
        }
        if (total - hotplug == 0) {
            throw xmlError(ErrorDomain.DOMAIN,
                    "Memory size must be specified via <memory> or in the <numa> configuration");
        }
        return total;
    }

    /** virDomainMemoryDefValidate's part for NUMA: a memory device's guest node must exist. */
    private static void validateMemoryDevices(DomainDefinition def, int cellCount) {
        for (XmlElement device : memoryDevices(def)) {
            XmlElement target = device.child("target");
            XmlElement node = target == null ? null : target.child("node");
            Long id = node == null ? null : unsigned(node.text(), Integer.MAX_VALUE);
            if (id == null) {
                continue;
            }
            if (cellCount == 0) {
                throw detail("can't add memory backend as guest has no NUMA nodes configured");
            }
            if (id >= cellCount) {
                throw detail("can't add memory backend for guest node '" + id + "' as the guest has only '"
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

    // ---- bitmaps (virBitmapParse, virBitmapFormat)

    /**
     * A CPU or node set as virBitmapParse reads it into 16384 bits: comma-separated {@code N},
     * {@code N-M} and {@code ^N} (which clears N), white space around the parts.
     */
    static BitSet bitmap(String text) {
        BitSet bits = new BitSet();
        int len = text.length();
        int i = skipSpaces(text, 0);
        if (i == len) {
            throw badBitmap(text);
        }
        while (i < len) {
            boolean negate = false;
            if (text.charAt(i) == '^') {
                negate = true;
                i++;
            }
            if (i >= len || !isDigit(text.charAt(i))) {
                throw badBitmap(text);
            }
            int end = i;
            long start = 0;
            while (end < len && isDigit(text.charAt(end))) {
                start = Math.min(start * 10 + (text.charAt(end) - '0'), 1L << 40);
                end++;
            }
            if (start > Integer.MAX_VALUE) {
                throw badBitmap(text);
            }
            i = skipSpaces(text, end);
            if (i == len || text.charAt(i) == ',') {
                if (start >= MASK_LEN) {
                    throw badBitmap(text);
                }
                bits.set((int) start, !negate);
            } else if (text.charAt(i) == '-') {
                if (negate) {
                    throw badBitmap(text);
                }
                i = skipSpaces(text, i + 1);
                // strtol: its own white space, a sign, digits.
                while (i < len && isCSpace(text.charAt(i))) {
                    i++;
                }
                boolean minus = false;
                if (i < len && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    minus = text.charAt(i) == '-';
                    i++;
                }
                if (i >= len || !isDigit(text.charAt(i))) {
                    throw badBitmap(text);
                }
                long last = 0;
                while (i < len && isDigit(text.charAt(i))) {
                    last = Math.min(last * 10 + (text.charAt(i) - '0'), 1L << 40);
                    i++;
                }
                if (minus) {
                    last = -last;
                }
                if (last > Integer.MAX_VALUE || last < start || last >= MASK_LEN) {
                    throw badBitmap(text);
                }
                bits.set((int) start, (int) last + 1);
                i = skipSpaces(text, i);
            }
            if (i < len && text.charAt(i) == ',') {
                i = skipSpaces(text, i + 1);
            } else if (i < len) {
                throw badBitmap(text);
            }
        }
        return bits;
    }

    /** virBitmapFormat: ranges of two or more as {@code N-M}, single bits alone, comma-separated. */
    static String format(BitSet bits) {
        StringBuilder out = new StringBuilder();
        for (int start = bits.nextSetBit(0); start >= 0; start = bits.nextSetBit(start)) {
            int end = bits.nextClearBit(start) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isCSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static VirtException badBitmap(String text) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                ErrorCode.INVALID_ARG.format("Failed to parse bitmap '" + text + "'"));
    }

    // ---- numbers, sizes and attributes as libvirt reads them

    /**
     * virStrToLong_uip and _ullp: C white space, an optional {@code +}, decimal digits and nothing
     * after, at most {@code max} (unsigned; -1 for 2^64-1). Null when the text is not such a number.
     */
    static Long unsigned(String text, long max) {
        int i = skipSpaces(text, 0);
        if (i < text.length() && text.charAt(i) == '+') {
            i++;
        }
        int digits = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == digits || i != text.length()) {
            return null;
        }
        long value;
        try {
            value = Long.parseUnsignedLong(text.substring(digits));
        } catch (NumberFormatException e) {
            return null;
        }
        return Long.compareUnsigned(value, max) > 0 ? null : value;
    }

    /** virXMLPropUInt; null when absent and not required. */
    private static Long uintAttr(XmlElement e, String name, boolean required) {
        String v = e.attribute(name);
        if (v == null) {
            if (required) {
                throw missingAttribute(e, name);
            }
            return null;
        }
        Long value = unsigned(v, 0xFFFFFFFFL);
        if (value == null) {
            throw xmlError(ErrorDomain.XML, "Invalid value for attribute '" + name + "' in element '" + e.name()
                    + "': '" + v + "'. Expected non-negative integer value");
        }
        return value;
    }

    /** virXMLPropULongLong, required. */
    private static long ullAttr(XmlElement e, String name) {
        String v = e.attribute(name);
        if (v == null) {
            throw missingAttribute(e, name);
        }
        Long value = unsigned(v, -1L);
        if (value == null) {
            throw xmlError(ErrorDomain.XML, "Invalid value for attribute '" + name + "' in element '" + e.name()
                    + "': '" + v + "'. Expected non-negative integer value");
        }
        return value;
    }

    /** virXMLPropEnum and kin: the value's index, {@code absent} when there is none. */
    private static int enumAttr(XmlElement e, String name, List<String> values, boolean required, boolean nonZero,
                                int absent) {
        String v = e.attribute(name);
        if (v == null) {
            if (required) {
                throw missingAttribute(e, name);
            }
            return absent;
        }
        int index = values.indexOf(v);
        if (index < 0 || nonZero && index == 0) {
            throw xmlError(ErrorDomain.XML, invalidValue(name, e.name(), v));
        }
        return index;
    }

    private static String invalidValue(String attribute, String element, String value) {
        return "Invalid value for attribute '" + attribute + "' in element '" + element + "': '" + value + "'.";
    }

    private static VirtException missingAttribute(XmlElement e, String name) {
        return xmlError(ErrorDomain.XML, "Missing required attribute '" + name + "' in element '" + e.name() + "'");
    }

    /**
     * virDomainParseMemory: a size in KiB, rounded up, from a number and an optional unit (KiB when
     * none), at most 2^63-1 bytes.
     */
    private static long memoryKiB(String value, String unit, String xpath) {
        long bytes = scaled(value, unit, xpath, 1024, Long.MAX_VALUE);
        long kib = Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) == 0 ? 0 : 1);
        if (kib >= MAX_KIB) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.DOMAIN,
                    ErrorCode.OVERFLOW.format("size value too large"));
        }
        return kib;
    }

    /**
     * virParseScaledValue (required) with virScaleInteger: the number times its unit's scale, at most
     * {@code limit} (unsigned).
     */
    private static long scaled(String value, String unit, String xpath, long defaultScale, long limit) {
        if (value == null || value.isEmpty()) {
            throw xmlError(ErrorDomain.XML, "missing element or attribute '" + xpath + "'");
        }
        Long number = unsigned(value, -1L);
        if (number == null) {
            throw xmlError(ErrorDomain.XML, "Invalid value '" + value + "' for element or attribute '" + xpath + "'");
        }
        String suffix = unit == null ? "" : unit;
        long scale = suffix.isEmpty() ? defaultScale : scale(suffix);
        if (number != 0 && Long.compareUnsigned(number, Long.divideUnsigned(limit, scale)) > 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    ErrorCode.OVERFLOW.format("value too large: " + Long.toUnsignedString(number) + suffix));
        }
        return number * scale;
    }

    private static long scale(String suffix) {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.equals("b") || s.equals("byte") || s.equals("bytes")) {
            return 1;
        }
        long base;
        if (s.length() == 1 || s.substring(1).equals("ib")) {
            base = 1024;
        } else if (s.length() == 2 && s.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw unknownSuffix(suffix);
        }
        int power = "kmgtpe".indexOf(s.charAt(0)) + 1;
        if (power == 0) {
            throw unknownSuffix(suffix);
        }
        long scale = 1;
        for (int i = 0; i < power; i++) {
            scale *= base;
        }
        return scale;
    }

    private static VirtException unknownSuffix(String suffix) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                ErrorCode.INVALID_ARG.format("unknown suffix '" + suffix + "'"));
    }

    // ---- element helpers

    private static List<XmlElement> children(XmlElement parent, String name) {
        return children(parent.children(), name);
    }

    private static List<XmlElement> children(List<XmlElement> elements, String name) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement e : elements) {
            if (e.name().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** XPath's {@code string(./child/@attribute)}: the attribute of the first such child having it; null when empty. */
    private static String firstAttribute(XmlElement parent, String child, String attribute) {
        for (XmlElement e : children(parent, child)) {
            String v = e.attribute(attribute);
            if (v != null) {
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** XPath's {@code string(./child/grandchild)}: the text of the first such grandchild; null when empty. */
    private static String firstText(XmlElement parent, String child, String grandchild) {
        for (XmlElement e : children(parent, child)) {
            XmlElement g = e.child(grandchild);
            if (g != null) {
                return g.text().isEmpty() ? null : g.text();
            }
        }
        return null;
    }

    // ---- errors

    private static VirtException xmlError(ErrorDomain domain, String message) {
        return XmlValues.invalid(domain, message);
    }

    private static VirtException unsupported(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                ErrorCode.CONFIG_UNSUPPORTED.format(message));
    }

    private static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                ErrorCode.INTERNAL_ERROR.format(message));
    }

    private static VirtException detail(String message) {
        return new VirtException(ErrorCode.XML_DETAIL, ErrorDomain.DOMAIN, message);
    }
}
