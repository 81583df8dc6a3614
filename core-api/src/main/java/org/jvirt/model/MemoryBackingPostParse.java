package org.jvirt.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's {@code <memoryBacking>} as libvirt 9 reads, completes, checks and writes it: the
 * memory-backing half of virDomainDefParseMemory (with virDomainHugepagesParseXML),
 * virDomainDefPostParseMemtune, virDomainDefMemtuneValidate and virDomainMemorybackingFormat. Hugepage
 * sizes are written in KiB; what libvirt does not know is dropped. One instance holds one definition's
 * memory backing while {@link NumaPostParse} completes it.
 */
final class MemoryBackingPostParse {
    private static final List<String> SOURCES = List.of("none", "file", "anonymous", "memfd");
    private static final List<String> ALLOCATIONS = List.of("none", "immediate", "ondemand");

    private record Page(long sizeKiB, BitSet nodes) {
    }

    /** The children of every {@code <memoryBacking>}, under one element. */
    private final XmlElement backing;
    /** The hugepages' pages; null without {@code <hugepages>}. */
    private final List<Page> pages;

    private MemoryBackingPostParse(XmlElement backing, List<Page> pages) {
        this.backing = backing;
        this.pages = pages;
    }

    /**
     * The children of every top-level {@code <memoryBacking>}, in document order, read as one: libvirt
     * reads them by paths that span all of them, and writes one. Null when there is none.
     */
    static MemoryBackingPostParse parse(List<XmlElement> top) {
        List<XmlElement> all = Elements.named(top, "memoryBacking");
        if (all.isEmpty()) {
            return null;
        }
        XmlElement.Builder b = XmlElement.builder("memoryBacking");
        for (XmlElement e : all) {
            e.children().forEach(b::child);
        }
        XmlElement backing = b.build();
        String source = Elements.firstAttribute(backing, "source", "type");
        if (source != null && SOURCES.indexOf(source) <= 0) {
            throw DomainErrors.unsupported("unknown memoryBacking/source/type '" + source + "'");
        }
        String access = Elements.firstAttribute(backing, "access", "mode");
        if (access != null && NumaCellsPostParse.MEMORY_ACCESS.indexOf(access) <= 0) {
            throw DomainErrors.unsupported("unknown memoryBacking/access/mode '" + access + "'");
        }
        String allocation = Elements.firstAttribute(backing, "allocation", "mode");
        if (allocation != null && ALLOCATIONS.indexOf(allocation) <= 0) {
            throw DomainErrors.unsupported("unknown memoryBacking/allocation/mode '" + allocation + "'");
        }
        String threads = Elements.firstAttribute(backing, "allocation", "threads");
        if (threads != null && CNumbers.strToUip(threads) == null) {
            throw DomainErrors.xml("Failed to parse memory allocation threads");
        }
        return new MemoryBackingPostParse(backing, pages(backing));
    }

    /** The hugepages' pages (virDomainHugepagesParseXML each); null without {@code <hugepages>}. */
    private static List<Page> pages(XmlElement backing) {
        if (backing.child("hugepages") == null) {
            return null;
        }
        List<Page> pages = new ArrayList<>();
        for (XmlElement hugepages : Elements.named(backing.children(), "hugepages")) {
            for (XmlElement page : Elements.named(hugepages.children(), "page")) {
                long size = ScaledValues.memoryKiB(page.attribute("size"), page.attribute("unit"), "./@size");
                if (size == 0) {
                    throw DomainErrors.detail("hugepage size can't be zero");
                }
                String nodeset = page.attribute("nodeset");
                pages.add(new Page(size, nodeset == null ? null : Bitmaps.parseNonEmpty(nodeset, "nodeset")));
            }
        }
        return pages;
    }

    /** virDomainDefPostParseMemtune: without guest NUMA, a page's nodeset of node 0 alone is no nodeset. */
    void postParse(int cellCount) {
        if (pages == null || cellCount != 0) {
            return;
        }
        for (int i = 0; i < pages.size(); i++) {
            BitSet nodes = pages.get(i).nodes();
            if (nodes != null && nodes.nextSetBit(1) < 0) {
                pages.set(i, new Page(pages.get(i).sizeKiB(), null));
            }
        }
    }

    /** virDomainDefMemtuneValidate: one default page size at most, disjoint node sets, existing nodes only. */
    void validate(int cellCount) {
        if (pages == null) {
            return;
        }
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            for (int j = 0; j < i; j++) {
                Page other = pages.get(j);
                if (page.nodes() != null && other.nodes() != null && page.nodes().intersects(other.nodes())) {
                    throw DomainErrors.detail("nodeset attribute of hugepages of sizes " + page.sizeKiB() + " and "
                            + other.sizeKiB() + " intersect");
                }
                if (page.nodes() == null && other.nodes() == null) {
                    throw DomainErrors.detail("two master hugepages detected: " + page.sizeKiB() + " and "
                            + other.sizeKiB());
                }
            }
            if (page.nodes() != null) {
                int missing = page.nodes().nextSetBit(cellCount);
                if (missing >= 0) {
                    throw DomainErrors.detail("hugepages: node " + missing + " not found");
                }
            }
        }
    }

    /** virDomainMemorybackingFormat; null when it writes nothing. */
    XmlElement format() {
        XmlElement.Builder b = XmlElement.builder("memoryBacking");
        boolean any = false;
        if (pages != null) {
            XmlElement.Builder hugepages = XmlElement.builder("hugepages");
            for (Page page : pages) {
                XmlElement.Builder p = XmlElement.builder("page").attribute("size", Long.toString(page.sizeKiB()))
                        .attribute("unit", "KiB");
                if (page.nodes() != null) {
                    p.attribute("nodeset", Bitmaps.format(page.nodes()));
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
        String source = Elements.firstAttribute(backing, "source", "type");
        if (source != null) {
            b.child(XmlElement.builder("source").attribute("type", source).build());
            any = true;
        }
        String access = Elements.firstAttribute(backing, "access", "mode");
        if (access != null) {
            b.child(XmlElement.builder("access").attribute("mode", access).build());
            any = true;
        }
        String allocation = Elements.firstAttribute(backing, "allocation", "mode");
        String threadsText = Elements.firstAttribute(backing, "allocation", "threads");
        long threads = threadsText == null ? 0 : CNumbers.strToUip(threadsText);
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
}
