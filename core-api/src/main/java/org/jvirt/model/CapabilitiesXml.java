package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.xml.XmlWriter;

/**
 * libvirt's capabilities XML, written exactly as {@code virsh capabilities} shows it (blank
 * lines between sections included).
 *
 * <p>{@link #parse} reads the parts the model describes and ignores the rest: capabilities are
 * a report a driver produces, not a definition a user wrote, so nothing is lost by it. It throws
 * only {@link VirtException} (XML_ERROR; in domain CAPABILITIES for errors of meaning).
 * Stateless and thread-safe.
 *
 * @since 1.0
 */
public final class CapabilitiesXml {
    private static final ErrorDomain CAPS = ErrorDomain.CAPABILITIES;

    private CapabilitiesXml() {
    }

    /** Writes capabilities as libvirt 9 does, ending with a newline. */
    public static String format(CapabilitiesDefinition caps) {
        XmlWriter w = new XmlWriter(4096);
        w.open("capabilities").closeStart();
        w.blankLine();
        host(w, caps.host());
        w.blankLine();
        for (GuestCapabilities g : caps.guests()) {
            guest(w, g);
            w.blankLine();
        }
        w.end("capabilities");
        return w.toString();
    }

    private static void host(XmlWriter w, HostCapabilities h) {
        w.open("host").closeStart();
        w.textElement("uuid", h.uuid() == null ? null : h.uuid().toString());
        w.open("cpu").closeStart();
        w.textElement("arch", h.arch());
        emptyElements(w, "features", h.cpuFeatures());
        for (long size : h.pageSizesKiB()) {
            w.open("pages").attribute("unit", "KiB").attribute("size", size).closeEmpty();
        }
        w.end("cpu");
        if (h.powerManagement().isEmpty()) {
            w.open("power_management").closeEmpty();
        } else {
            emptyElements(w, "power_management", h.powerManagement());
        }
        w.open("iommu").attribute("support", h.iommu() ? "yes" : "no").closeEmpty();
        if (!h.cells().isEmpty()) {
            w.open("topology").closeStart();
            w.open("cells").attribute("num", h.cells().size()).closeStart();
            for (NumaCell cell : h.cells()) {
                cell(w, cell);
            }
            w.end("cells");
            w.end("topology");
        }
        for (SecurityModel s : h.securityModels()) {
            w.open("secmodel").closeStart();
            w.textElement("model", s.model());
            w.open("doi").closeWithText("doi", s.doi());
            for (Map.Entry<String, String> label : s.baseLabels().entrySet()) {
                w.open("baselabel").attribute("type", label.getKey())
                        .closeWithText("baselabel", label.getValue());
            }
            w.end("secmodel");
        }
        w.end("host");
    }

    private static void cell(XmlWriter w, NumaCell cell) {
        w.open("cell").attribute("id", cell.id()).closeStart();
        w.open("memory").attribute("unit", "KiB").closeWithText("memory", Long.toString(cell.memoryKiB()));
        for (NumaPages p : cell.pages()) {
            w.open("pages").attribute("unit", "KiB").attribute("size", p.sizeKiB())
                    .closeWithText("pages", Long.toString(p.count()));
        }
        w.open("cpus").attribute("num", cell.cpus().size()).closeStart();
        for (HostCpu cpu : cell.cpus()) {
            w.open("cpu").attribute("id", cpu.id());
            optional(w, "socket_id", cpu.socketId());
            optional(w, "die_id", cpu.dieId());
            optional(w, "core_id", cpu.coreId());
            w.attribute("siblings", cpu.siblings()).closeEmpty();
        }
        w.end("cpus");
        w.end("cell");
    }

    private static void guest(XmlWriter w, GuestCapabilities g) {
        w.open("guest").closeStart();
        w.textElement("os_type", g.osType());
        w.open("arch").attribute("name", g.arch()).closeStart();
        w.textElement("wordsize", Integer.toString(g.wordSize()));
        w.textElement("emulator", g.emulator());
        for (GuestMachine m : g.machines()) {
            w.open("machine").attribute("canonical", m.canonical());
            optional(w, "maxCpus", m.maxCpus());
            w.closeWithText("machine", m.name());
        }
        for (String type : g.domainTypes()) {
            w.open("domain").attribute("type", type).closeEmpty();
        }
        w.end("arch");
        emptyElements(w, "features", g.features());
        w.end("guest");
    }

    /** {@code <name><a/><b/></name>}, or nothing when there are no names. */
    private static void emptyElements(XmlWriter w, String name, List<String> children) {
        if (!children.isEmpty()) {
            w.open(name).closeStart();
            for (String child : children) {
                w.open(child).closeEmpty();
            }
            w.end(name);
        }
    }

    private static void optional(XmlWriter w, String attribute, Integer value) {
        if (value != null) {
            w.attribute(attribute, value);
        }
    }

    /**
     * Reads capabilities XML (such as another libvirt's) into the model.
     *
     * @throws VirtException XML_ERROR when the document is malformed or is not capabilities
     */
    public static CapabilitiesDefinition parse(String xml) {
        XmlElement root = XmlReader.parse(xml);
        try {
            return read(root);
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VirtException(ErrorCode.XML_ERROR, CAPS,
                    "XML error: cannot read capabilities: " + e, null, null, e);
        }
    }

    private static CapabilitiesDefinition read(XmlElement root) {
        if (!root.name().equals("capabilities")) {
            throw XmlValues.invalid(CAPS, "expecting root element of 'capabilities', not '" + root.name() + "'");
        }
        XmlElement host = root.child("host");
        if (host == null) {
            throw XmlValues.invalid(CAPS, "capabilities without <host>");
        }
        List<GuestCapabilities> guests = new ArrayList<>();
        for (XmlElement g : root.children()) {
            if (g.name().equals("guest")) {
                guests.add(readGuest(g));
            }
        }
        return new CapabilitiesDefinition(readHost(host), guests);
    }

    private static HostCapabilities readHost(XmlElement host) {
        XmlElement uuid = host.child("uuid");
        XmlElement cpu = orEmpty(host.child("cpu"));
        List<Long> pageSizes = new ArrayList<>();
        for (XmlElement p : named(cpu, "pages")) {
            pageSizes.add(number(p.attribute("size"), "host/cpu/pages"));
        }
        XmlElement iommu = host.child("iommu");
        List<NumaCell> cells = new ArrayList<>();
        XmlElement topology = orEmpty(host.child("topology"));
        for (XmlElement cell : named(orEmpty(topology.child("cells")), "cell")) {
            cells.add(readCell(cell));
        }
        List<SecurityModel> secModels = new ArrayList<>();
        for (XmlElement s : named(host, "secmodel")) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (XmlElement l : named(s, "baselabel")) {
                labels.put(String.valueOf(l.attribute("type")), l.text());
            }
            secModels.add(new SecurityModel(text(s.child("model"), ""), text(s.child("doi"), ""), labels));
        }
        return new HostCapabilities(
                uuid == null ? null : XmlValues.uuid(uuid.text(), CAPS),
                text(cpu.child("arch"), ""),
                names(orEmpty(cpu.child("features")).children()),
                pageSizes,
                names(orEmpty(host.child("power_management")).children()),
                iommu != null && "yes".equals(iommu.attribute("support")),
                cells, secModels);
    }

    private static NumaCell readCell(XmlElement cell) {
        List<NumaPages> pages = new ArrayList<>();
        for (XmlElement p : named(cell, "pages")) {
            pages.add(new NumaPages(number(p.attribute("size"), "cell/pages"), number(p.text(), "cell/pages")));
        }
        List<HostCpu> cpus = new ArrayList<>();
        for (XmlElement c : named(orEmpty(cell.child("cpus")), "cpu")) {
            cpus.add(new HostCpu(integer(c.attribute("id"), "cpu id"), optionalInt(c.attribute("socket_id")),
                    optionalInt(c.attribute("die_id")), optionalInt(c.attribute("core_id")),
                    c.attribute("siblings")));
        }
        XmlElement memory = cell.child("memory");
        return new NumaCell(integer(cell.attribute("id"), "cell id"),
                memory == null ? 0 : MemoryUnits.kib(ElementCursor.root(memory, "cell/memory", CAPS)),
                pages, cpus);
    }

    private static GuestCapabilities readGuest(XmlElement guest) {
        XmlElement arch = orEmpty(guest.child("arch"));
        List<GuestMachine> machines = new ArrayList<>();
        for (XmlElement m : named(arch, "machine")) {
            machines.add(new GuestMachine(m.text(), m.attribute("canonical"),
                    optionalInt(m.attribute("maxCpus"))));
        }
        List<String> domainTypes = new ArrayList<>();
        for (XmlElement d : named(arch, "domain")) {
            domainTypes.add(String.valueOf(d.attribute("type")));
        }
        XmlElement wordSize = arch.child("wordsize");
        XmlElement emulator = arch.child("emulator");
        return new GuestCapabilities(text(guest.child("os_type"), ""),
                arch.attribute("name") == null ? "" : arch.attribute("name"),
                wordSize == null ? 0 : integer(wordSize.text(), "wordsize"),
                emulator == null ? null : emulator.text(), machines, domainTypes,
                names(orEmpty(guest.child("features")).children()));
    }

    private static XmlElement orEmpty(XmlElement e) {
        return e == null ? XmlElement.of("empty") : e;
    }

    private static List<XmlElement> named(XmlElement parent, String name) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement c : parent.children()) {
            if (c.name().equals(name)) {
                found.add(c);
            }
        }
        return found;
    }

    private static List<String> names(List<XmlElement> elements) {
        List<String> out = new ArrayList<>(elements.size());
        for (XmlElement e : elements) {
            out.add(e.name());
        }
        return out;
    }

    private static String text(XmlElement e, String fallback) {
        return e == null ? fallback : e.text();
    }

    private static long number(String text, String what) {
        return XmlValues.nonNegativeLong(text, what, CAPS);
    }

    private static int integer(String text, String what) {
        long v = number(text, what);
        if (v > Integer.MAX_VALUE) {
            throw XmlValues.invalid(CAPS, "value " + v + " for " + what + " is too large");
        }
        return (int) v;
    }

    private static Integer optionalInt(String text) {
        return text == null ? null : integer(text, "attribute");
    }
}
