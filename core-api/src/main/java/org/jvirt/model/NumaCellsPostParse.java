package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.model.XmlProps.Flag;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest NUMA cells of {@code <cpu><numa>} as libvirt 9 reads, writes and checks them
 * (virDomainNumaDefParseXML with virDomainNumaDefNodeDistanceParseXML and
 * virDomainNumaDefNodeCacheParseXML, virDomainNumaDefFormatXML, virDomainNumaDefValidate): each
 * cell's id, vCPUs, memory in KiB, access, discard, distances (made symmetric) and caches, and the
 * latencies and bandwidths between cells. What libvirt drops, unknown children and attributes, is
 * dropped. One instance holds one definition's cells while {@link NumaPostParse} completes it.
 */
final class NumaCellsPostParse {
    /** virDomainMemoryAccess, in libvirt's order. */
    static final List<String> MEMORY_ACCESS = List.of("default", "shared", "private");
    private static final List<String> TRISTATE = List.of("default", "yes", "no");
    private static final List<String> ASSOCIATIVITY = List.of("none", "direct", "full");
    private static final List<String> CACHE_POLICY = List.of("none", "writeback", "writethrough");
    private static final List<String> LATENCY = List.of("none", "access", "read", "write");
    private static final int LOCAL_DISTANCE = 10;
    private static final int UNREACHABLE = 255;

    /** One guest NUMA cell: {@code mem_nodes[i]} of virDomainNuma. */
    private static final class Cell {
        long memKiB;
        BitSet cpus;
        int memAccess;
        int discard;
        int[] distances;
        List<Cache> caches = List.of();
    }

    private record Cache(long level, int associativity, int policy, long sizeKiB, long line) {
    }

    private record Interconnect(boolean latency, long initiator, long target, long cache, int type, long value) {
    }

    private final Cell[] cells;
    private final List<Interconnect> interconnects;

    private NumaCellsPostParse(Cell[] cells, List<Interconnect> interconnects) {
        this.cells = cells;
        this.interconnects = interconnects;
    }

    /** The cells and interconnects of {@code numa}; none when it is null. */
    static NumaCellsPostParse parse(XmlElement numa) {
        if (numa == null) {
            return new NumaCellsPostParse(new Cell[0], List.of());
        }
        Cell[] cells = cells(numa);
        return new NumaCellsPostParse(cells, interconnects(numa));
    }

    /** How many cells the guest has. */
    int count() {
        return cells.length;
    }

    /** The memory of all cells, in KiB. */
    long memoryKiB() {
        long total = 0;
        for (Cell c : cells) {
            total += c.memKiB;
        }
        return total;
    }

    /** virDomainNumaDefParseXML's cells: ids, vCPUs, memory, access, discard, distances, caches. */
    private static Cell[] cells(XmlElement numa) {
        List<XmlElement> elements = Elements.named(numa.children(), "cell");
        if (elements.isEmpty()) {
            throw DomainErrors.xml("NUMA topology defined without NUMA cells");
        }
        int n = elements.size();
        Cell[] cells = new Cell[n];
        for (int i = 0; i < n; i++) {
            cells[i] = new Cell();
        }
        for (int i = 0; i < n; i++) {
            XmlElement e = elements.get(i);
            Long id = XmlProps.uint(e, "id");
            long cur = id == null ? i : id;
            if (cur >= n) {
                throw DomainErrors.xml("Exactly one 'cell' element per guest NUMA cell allowed,"
                        + " non-contiguous ranges or ranges not starting from 0 are not allowed");
            }
            Cell cell = cells[(int) cur];
            if (cell.memKiB != 0) {
                throw DomainErrors.xml("Duplicate NUMA cell info for cell id '" + cur + "'");
            }
            String cpus = e.attribute("cpus");
            if (cpus != null) {
                BitSet mask = Bitmaps.parse(cpus);
                if (!mask.isEmpty()) {
                    cell.cpus = mask;
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != cur && cells[j].cpus != null && cell.cpus != null && cells[j].cpus.intersects(cell.cpus)) {
                    throw DomainErrors.unsupported("NUMA cells " + cur + " and " + j + " have overlapping vCPU ids");
                }
            }
            cell.memKiB = ScaledValues.memoryKiB(e.attribute("memory"), e.attribute("unit"), "./@memory");
            cell.memAccess = XmlProps.enumIndex(e, "memAccess", MEMORY_ACCESS, 0, Flag.NONZERO);
            cell.discard = XmlProps.enumIndex(e, "discard", TRISTATE, 0, Flag.NONZERO);
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
        List<XmlElement> siblings = Elements.named(distances.children(), "sibling");
        if (siblings.isEmpty()) {
            throw DomainErrors.xml("NUMA distances defined without siblings");
        }
        int n = cells.length;
        for (XmlElement sibling : siblings) {
            long id = XmlProps.uint(sibling, "id", Flag.REQUIRED);
            if (id >= n) {
                throw DomainErrors.xml("'sibling_id " + (int) id + "' does not refer to a valid cell"
                        + " within NUMA 'cell id " + cur + "'");
            }
            long value = XmlProps.uint(sibling, "value", Flag.REQUIRED);
            if (value < LOCAL_DISTANCE || value > UNREACHABLE || id == cur && value != LOCAL_DISTANCE
                    || id != cur && value == LOCAL_DISTANCE) {
                throw DomainErrors.xml("'value " + (int) value + "' is invalid for 'sibling id " + id
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
        for (XmlElement cache : Elements.named(cell.children(), "cache")) {
            String levelText = cache.attribute("level");
            if (levelText == null) {
                throw DomainErrors.xml("Missing 'level' attribute in cache element for NUMA node " + cur);
            }
            Long level = CNumbers.strToUip(levelText);
            if (level == null || level == 0) {
                throw DomainErrors.xml("Invalid 'level' attribute in cache element for NUMA node " + cur);
            }
            String associativity = cache.attribute("associativity");
            if (associativity == null) {
                throw DomainErrors.xml("Missing 'associativity' attribute in cache element for NUMA node " + cur);
            }
            if (!ASSOCIATIVITY.contains(associativity)) {
                throw DomainErrors.xml("Invalid cache associativity '" + associativity + "'");
            }
            // libvirt reports the missing policy, then fails on it as an invalid one: the last word is what it says.
            String policy = cache.attribute("policy");
            if (policy == null || !CACHE_POLICY.contains(policy)) {
                throw DomainErrors.xml("Invalid cache policy '" + (policy == null ? "(null)" : policy) + "'");
            }
            long size = ScaledValues.memoryKiB(Elements.firstAttribute(cache, "size", "value"),
                    Elements.firstText(cache, "size", "unit"), "./size/@value");
            long line = ScaledValues.parse(Elements.firstAttribute(cache, "line", "value"),
                    Elements.firstText(cache, "line", "unit"), "./line/@value", 1, -1L);
            caches.add(new Cache(level, ASSOCIATIVITY.indexOf(associativity), CACHE_POLICY.indexOf(policy), size,
                    line & CNumbers.UINT_MAX));
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
            long value = latency ? XmlProps.ulongLong(e, "value", Flag.REQUIRED)
                    : ScaledValues.memoryKiB(e.attribute("value"), e.attribute("unit"), "./@value");
            long initiator = XmlProps.uint(e, "initiator", Flag.REQUIRED);
            long target = XmlProps.uint(e, "target", Flag.REQUIRED);
            Long cache = XmlProps.uint(e, "cache");
            int type = XmlProps.enumIndex(e, "type", LATENCY, 0, Flag.REQUIRED, Flag.NONZERO);
            found.add(new Interconnect(latency, initiator, target, cache == null ? 0 : cache, type, value));
        }
        return found;
    }

    /** virDomainDefParseXML: the cells may name no more vCPUs, and none higher, than {@code <vcpu>} has. */
    void checkVcpus(int vcpus) {
        long total = 0;
        int highest = 0;
        for (Cell c : cells) {
            if (c.cpus != null) {
                total += c.cpus.cardinality();
                highest = Math.max(highest, c.cpus.length() - 1);
            }
        }
        if (total > vcpus) {
            throw DomainErrors.internal("Number of CPUs in <numa> exceeds the <vcpu> count");
        }
        if (highest >= vcpus) {
            throw DomainErrors.internal("CPU IDs in <numa> exceed the <vcpu> count");
        }
    }

    /** virDomainNumaDefFormatXML. */
    XmlElement format() {
        XmlElement.Builder numa = XmlElement.builder("numa");
        for (int i = 0; i < cells.length; i++) {
            numa.child(formatCell(i, cells[i]));
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

    private static XmlElement formatCell(int id, Cell c) {
        XmlElement.Builder cell = XmlElement.builder("cell").attribute("id", Integer.toString(id));
        if (c.cpus != null) {
            cell.attribute("cpus", Bitmaps.format(c.cpus));
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
        return cell.build();
    }

    /** virDomainNumaDefValidate: cache levels, and interconnects between existing cells and caches. */
    void validate() {
        for (Cell c : cells) {
            BitSet seen = new BitSet();
            for (Cache cache : c.caches) {
                if (cache.level() > 3) {
                    throw DomainErrors.xml("Ain't nobody heard of that much cache level");
                }
                if (seen.get((int) cache.level())) {
                    throw DomainErrors.xml("Cache level '" + cache.level() + "' already defined");
                }
                seen.set((int) cache.level());
            }
        }
        for (int i = 0; i < interconnects.size(); i++) {
            Interconnect l = interconnects.get(i);
            if (l.initiator() >= cells.length) {
                throw DomainErrors.xml("'initiator' refers to a non-existent NUMA node");
            }
            if (l.target() >= cells.length) {
                throw DomainErrors.xml("'target' refers to a non-existent NUMA node");
            }
            if (cells[(int) l.initiator()].cpus == null) {
                throw DomainErrors.xml("NUMA nodes without CPUs can't be initiator");
            }
            if (l.cache() > 0 && cells[(int) l.target()].caches.stream().noneMatch(c -> c.level() == l.cache())) {
                throw DomainErrors.xml("'cache' refers to a non-existent NUMA node cache");
            }
            for (int j = 0; j < i; j++) {
                Interconnect ll = interconnects.get(j);
                if (l.latency() == ll.latency() && l.initiator() == ll.initiator() && l.target() == ll.target()
                        && l.cache() == ll.cache() && l.type() == ll.type()) {
                    throw DomainErrors.xml("Duplicate info for NUMA latencies");
                }
                if (l.initiator() != l.target() && l.initiator() == ll.target() && l.target() == ll.initiator()) {
                    throw DomainErrors.xml("Link already defined");
                }
            }
        }
    }
}
