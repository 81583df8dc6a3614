package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.XmlProps.Flag;
import org.jvirt.model.xml.XmlElement;

/**
 * A resctrl group of {@code <cputune>} (virDomainResctrlDef) as libvirt reads and writes it from
 * {@code <cachetune>} and {@code <memorytune>} (virDomainCachetuneDefParse, virDomainMemorytuneDefParse,
 * virDomainCachetuneDefFormat, virDomainMemorytuneDefFormat): vCPUs, their cache allocations by level,
 * type and cache id, their memory bandwidth by node, and monitors. A {@code <memorytune>} of the same
 * vCPUs as an earlier group adds to it.
 */
final class ResctrlPostParse {
    /** virCacheType, in libvirt's order (which is also the order it writes cache allocations in). */
    private static final List<String> CACHE_TYPES = List.of("both", "code", "data");

    /** A monitor of the group: of cache ({@code <cachetune>}) or memory bandwidth ({@code <memorytune>}). */
    private record Monitor(boolean cache, BitSet vcpus) {
    }

    private final BitSet vcpus;
    /** level, type index, cache id: size in bytes, in the order libvirt writes them. */
    private final TreeMap<Long, TreeMap<Integer, TreeMap<Long, Long>>> caches = new TreeMap<>();
    private final TreeMap<Long, Long> bandwidths = new TreeMap<>();
    private final List<Monitor> monitors = new ArrayList<>();

    private ResctrlPostParse(BitSet vcpus) {
        this.vcpus = vcpus;
    }

    private boolean allocationEmpty() {
        return caches.isEmpty() && bandwidths.isEmpty();
    }

    /** virDomainCachetuneDefParse: a new group, added to {@code groups} when it has anything. */
    static void cachetune(XmlElement e, List<ResctrlPostParse> groups, int maxVcpus) {
        BitSet vcpus = vcpus(e, "cachetune", maxVcpus);
        if (vcpus.isEmpty()) {
            return;
        }
        if (match(groups, vcpus) != null) {
            throw DomainErrors.xml("Identical vcpus in cachetunes found");
        }
        ResctrlPostParse r = new ResctrlPostParse(vcpus);
        List<XmlElement> caches = Elements.named(e.children(), "cache");
        for (XmlElement cache : caches) {
            r.cache(cache);
        }
        int added = r.monitors(e, true, maxVcpus);
        if (added > 0 || !caches.isEmpty()) {
            groups.add(r);
        }
    }

    /** virDomainMemorytuneDefParse: into the group of the same vCPUs, or a new one added to {@code groups}. */
    static void memorytune(XmlElement e, List<ResctrlPostParse> groups, int maxVcpus) {
        BitSet vcpus = vcpus(e, "memorytune", maxVcpus);
        if (vcpus.isEmpty()) {
            return;
        }
        List<XmlElement> nodes = Elements.named(e.children(), "node");
        ResctrlPostParse existing = match(groups, vcpus);
        ResctrlPostParse r = existing == null ? new ResctrlPostParse(vcpus) : existing;
        for (XmlElement node : nodes) {
            long id = XmlProps.uint(node, "id", Flag.REQUIRED);
            long bandwidth = XmlProps.uint(node, "bandwidth", Flag.REQUIRED);
            if (bandwidth > 100) {
                throw resctrl("Memory Bandwidth value exceeding 100 is invalid.");
            }
            if (r.bandwidths.putIfAbsent(id, bandwidth) != null) {
                throw resctrl("Memory Bandwidth already defined for node " + id);
            }
        }
        int added = r.monitors(e, false, maxVcpus);
        if (existing == null && (added > 0 || !nodes.isEmpty())) {
            groups.add(r);
        }
    }

    /** virDomainResctrlParseVcpus: the vCPUs named, less those beyond the count. */
    private static BitSet vcpus(XmlElement e, String element, int maxVcpus) {
        String text = e.attribute("vcpus");
        if (text == null) {
            throw DomainErrors.xml("Missing " + element + " attribute 'vcpus'");
        }
        BitSet set;
        try {
            set = Bitmaps.parse(text);
        } catch (VirtException notABitmap) {
            throw DomainErrors.xml("Invalid " + element + " attribute 'vcpus' value '" + text + "'");
        }
        if (set.length() > maxVcpus) {
            set.clear(maxVcpus, set.length());
        }
        return set;
    }

    /** virDomainResctrlVcpuMatch: the group of exactly these vCPUs, if any; overlapping one is an error. */
    private static ResctrlPostParse match(List<ResctrlPostParse> groups, BitSet vcpus) {
        for (ResctrlPostParse r : groups) {
            if (r.vcpus.equals(vcpus)) {
                return r;
            }
            if (r.vcpus.intersects(vcpus)) {
                throw DomainErrors.xml("Overlapping vcpus in resctrls");
            }
        }
        return null;
    }

    /** virDomainCachetuneDefParseCache and virResctrlAllocSetCacheSize. */
    private void cache(XmlElement cache) {
        long id = XmlProps.uint(cache, "id", Flag.REQUIRED);
        long level = XmlProps.uint(cache, "level", Flag.REQUIRED);
        int typeIndex = XmlProps.enumIndex(cache, "type", CACHE_TYPES, -1, Flag.REQUIRED);
        String type = CACHE_TYPES.get(typeIndex);
        long bytes = ScaledValues.parse(cache.attribute("size"), cache.attribute("unit"), "./@size", 1024, -1L);
        TreeMap<Integer, TreeMap<Long, Long>> byType = caches.computeIfAbsent(level, k -> new TreeMap<>());
        boolean collides = has(byType, 0, id) || (typeIndex == 0 ? has(byType, 1, id) || has(byType, 2, id)
                : has(byType, typeIndex, id));
        if (collides) {
            throw resctrl("Colliding cache allocations for cache level '" + level + "' id '" + id + "', type '"
                    + type + "'");
        }
        byType.computeIfAbsent(typeIndex, k -> new TreeMap<>()).put(id, bytes);
    }

    private static boolean has(TreeMap<Integer, TreeMap<Long, Long>> byType, int type, long id) {
        TreeMap<Long, Long> sizes = byType.get(type);
        return sizes != null && sizes.containsKey(id);
    }

    /** virDomainResctrlMonDefParse: the monitors of one element; how many were added. */
    private int monitors(XmlElement e, boolean cache, int maxVcpus) {
        boolean defaultGroup = allocationEmpty();
        int added = 0;
        for (XmlElement m : Elements.named(e.children(), "monitor")) {
            if (cache) {
                long level = XmlProps.uint(m, "level", Flag.REQUIRED);
                if (level != 3) {
                    throw DomainErrors.xml("Invalid monitor cache level '" + (int) level + "'");
                }
            }
            Monitor monitor = new Monitor(cache, vcpus(m, "monitor", maxVcpus));
            validate(monitor, defaultGroup);
            monitors.add(monitor);
            added++;
        }
        return added;
    }

    /** virDomainResctrlValidateMonitor. */
    private void validate(Monitor monitor, boolean defaultGroup) {
        BitSet mv = monitor.vcpus();
        if (mv.isEmpty()) {
            throw DomainErrors.invalidArg("vcpus is empty");
        }
        BitSet outside = (BitSet) mv.clone();
        outside.andNot(vcpus);
        if (!outside.isEmpty()) {
            throw DomainErrors.invalidArg("Monitor vcpus conflicts with allocation");
        }
        boolean equalToGroup = mv.equals(vcpus);
        boolean overlapAny = false;
        boolean overlapOther = false;
        for (Monitor other : monitors) {
            if (mv.equals(other.vcpus())) {
                if (monitor.cache() != other.cache()) {
                    continue;
                }
                throw DomainErrors.invalidArg("Identical vcpus found in same type monitors");
            }
            boolean overlaps = mv.intersects(other.vcpus());
            overlapAny |= overlaps;
            if (equalToGroup || other.vcpus().equals(vcpus)) {
                continue;
            }
            overlapOther |= overlaps;
        }
        if (overlapOther || defaultGroup && overlapAny) {
            throw DomainErrors.invalidArg("vcpus overlaps in resctrl groups");
        }
    }

    /** virDomainCachetuneDefFormat: allocations, then cache monitors; nothing when neither. */
    XmlElement formatCachetune() {
        XmlElement.Builder b = XmlElement.builder("cachetune").attribute("vcpus", Bitmaps.format(vcpus));
        boolean any = false;
        for (Map.Entry<Long, TreeMap<Integer, TreeMap<Long, Long>>> level : caches.entrySet()) {
            for (Map.Entry<Integer, TreeMap<Long, Long>> type : level.getValue().entrySet()) {
                for (Map.Entry<Long, Long> size : type.getValue().entrySet()) {
                    ScaledValues.Pretty pretty = ScaledValues.pretty(size.getValue());
                    b.child(XmlElement.builder("cache").attribute("id", Long.toUnsignedString(size.getKey()))
                            .attribute("level", Long.toUnsignedString(level.getKey()))
                            .attribute("type", CACHE_TYPES.get(type.getKey()))
                            .attribute("size", Long.toUnsignedString(pretty.value()))
                            .attribute("unit", pretty.unit()).build());
                    any = true;
                }
            }
        }
        for (Monitor m : monitors) {
            if (m.cache()) {
                b.child(XmlElement.builder("monitor").attribute("level", "3")
                        .attribute("vcpus", Bitmaps.format(m.vcpus())).build());
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    /** virDomainMemorytuneDefFormat: bandwidths by node, then bandwidth monitors; nothing when neither. */
    XmlElement formatMemorytune() {
        XmlElement.Builder b = XmlElement.builder("memorytune").attribute("vcpus", Bitmaps.format(vcpus));
        boolean any = false;
        for (Map.Entry<Long, Long> node : bandwidths.entrySet()) {
            b.child(XmlElement.builder("node").attribute("id", Long.toUnsignedString(node.getKey()))
                    .attribute("bandwidth", Long.toUnsignedString(node.getValue())).build());
            any = true;
        }
        for (Monitor m : monitors) {
            if (!m.cache()) {
                b.child(XmlElement.builder("monitor").attribute("vcpus", Bitmaps.format(m.vcpus())).build());
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    /** An error of the resctrl domain, as virResctrlAllocSetCacheSize and the memory bandwidth checks raise. */
    private static VirtException resctrl(String message) {
        return XmlValues.invalid(ErrorDomain.RESCTRL, message);
    }
}
