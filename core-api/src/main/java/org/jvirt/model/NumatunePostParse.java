package org.jvirt.model;

import java.util.BitSet;
import java.util.List;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's {@code <numatune>} as libvirt 9 reads and writes it (virDomainNumatuneParseXML with
 * virDomainNumatuneSet and virDomainNumatuneNodeParseXML, virDomainNumatuneFormatXML): the binding of
 * the guest's memory (its mode, and its placement or host nodes) and each guest cell's
 * ({@code <memnode>}). A numatune that settles nothing is not written. One instance holds one
 * definition's numatune while {@link NumaPostParse} completes it.
 */
final class NumatunePostParse {
    private static final List<String> MEMORY_MODES = List.of("strict", "preferred", "interleave", "restrictive");
    private static final int STRICT = 0;
    private static final int RESTRICTIVE = 3;
    private static final List<String> PLACEMENTS = List.of("default", "static", "auto");
    private static final int DEFAULT = 0;
    private static final int STATIC = 1;
    private static final int AUTO = 2;

    /** Whether {@code <memory>} settled anything: virDomainNuma's {@code memory.specified}. */
    private boolean specified;
    private int mode = STRICT;
    private int placement;
    private BitSet nodeset;
    /** Each guest cell's {@code <memnode>}: its mode and host nodes (null when it has none). */
    private final int[] cellModes;
    private final BitSet[] cellNodesets;

    private NumatunePostParse(int cellCount) {
        cellModes = new int[cellCount];
        cellNodesets = new BitSet[cellCount];
    }

    /**
     * virDomainNumatuneParseXML over the top-level elements, for a guest of {@code cellCount} cells
     * whose vcpu placement is static or not: the memory binding (virDomainNumatuneSet), then each cell's.
     */
    static NumatunePostParse parse(List<XmlElement> top, int cellCount, boolean placementStatic) {
        List<XmlElement> tunes = Elements.named(top, "numatune");
        if (tunes.size() > 1) {
            throw DomainErrors.xml("only one numatune is supported");
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
                    throw DomainErrors.unsupported("Unsupported NUMA memory tuning mode '" + modeText + "'");
                }
            }
            String placementText = memory.attribute("placement");
            if (placementText != null) {
                placement = PLACEMENTS.indexOf(placementText);
                if (placement < 0) {
                    throw DomainErrors.unsupported("Unsupported NUMA memory placement mode '" + placementText + "'");
                }
            }
            String nodesetText = memory.attribute("nodeset");
            if (nodesetText != null) {
                nodeset = Bitmaps.parseNonEmpty(nodesetText, "nodeset");
            }
        }
        NumatunePostParse tune = new NumatunePostParse(cellCount);
        if (mode != -1 || placement != -1 || nodeset != null) {
            tune.mode = mode == -1 ? STRICT : mode;
            tune.nodeset = nodeset;
            if (placement == -1 || placement == DEFAULT) {
                placement = tune.nodeset != null || placementStatic ? STATIC : AUTO;
            }
            if (placement == STATIC && tune.nodeset == null) {
                throw DomainErrors.unsupported("nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
            }
            if (placement == AUTO) {
                tune.nodeset = null;
            }
            tune.placement = placement;
            tune.specified = true;
        }
        if (numatune != null) {
            tune.memnodes(numatune);
        }
        return tune;
    }

    /** virDomainNumatuneNodeParseXML. */
    private void memnodes(XmlElement numatune) {
        List<XmlElement> memnodes = Elements.named(numatune.children(), "memnode");
        if (memnodes.isEmpty()) {
            return;
        }
        if (automatic()) {
            throw DomainErrors.unsupported("Per-node binding is not compatible with automatic NUMA placement.");
        }
        if (cellModes.length == 0) {
            throw DomainErrors.xml("Element 'memnode' is invalid without any guest NUMA cells");
        }
        for (XmlElement e : memnodes) {
            long cellid = XmlProps.uint(e, "cellid", XmlProps.Flag.REQUIRED);
            if (cellid >= cellModes.length) {
                throw DomainErrors.xml("Argument 'cellid' in memnode element must correspond to"
                        + " existing guest's NUMA cell");
            }
            int cell = (int) cellid;
            if (cellNodesets[cell] != null) {
                throw DomainErrors.xml("Multiple memnode elements with cellid " + cellid);
            }
            cellModes[cell] = XmlProps.enumIndex(e, "mode", MEMORY_MODES, STRICT);
            if (mode == RESTRICTIVE && cellModes[cell] != RESTRICTIVE) {
                throw DomainErrors.xml("'restrictive' mode is required in memnode element when mode is"
                        + " 'restrictive' in memory element");
            }
            String nodeset = e.attribute("nodeset");
            if (nodeset == null) {
                throw DomainErrors.xml("Missing required nodeset attribute in memnode element");
            }
            cellNodesets[cell] = Bitmaps.parseNonEmpty(nodeset, "nodeset");
        }
    }

    /** Whether the guest's memory is placed automatically, which makes its vcpu placement automatic too. */
    boolean automatic() {
        return specified && placement == AUTO;
    }

    /** virDomainNumatuneFormatXML; null when it writes nothing. */
    XmlElement format() {
        XmlElement.Builder b = XmlElement.builder("numatune");
        boolean any = false;
        if (specified) {
            XmlElement.Builder memory = XmlElement.builder("memory").attribute("mode", MEMORY_MODES.get(mode));
            if (placement == STATIC) {
                memory.attribute("nodeset", Bitmaps.format(nodeset));
            } else {
                memory.attribute("placement", PLACEMENTS.get(placement));
            }
            b.child(memory.build());
            any = true;
        }
        for (int i = 0; i < cellNodesets.length; i++) {
            if (cellNodesets[i] != null) {
                b.child(XmlElement.builder("memnode").attribute("cellid", Integer.toString(i))
                        .attribute("mode", MEMORY_MODES.get(cellModes[i]))
                        .attribute("nodeset", Bitmaps.format(cellNodesets[i])).build());
                any = true;
            }
        }
        return any ? b.build() : null;
    }
}
