package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.model.xml.XmlElement;

/**
 * SMBIOS system information as libvirt reads and writes it (virSysinfoParseBIOSDef,
 * virSysinfoParseSystemDef, virSysinfoParseBaseBoardDef, virSysinfoParseChassisDef and
 * virSysinfoFormat): each section keeps the entries of the names it knows, the first of each,
 * in its own order, and none that is empty. The model keeps {@code <sysinfo>} as an element;
 * this normalises it. Stateless.
 */
final class SysinfoPostParse {
    private static final Map<String, List<String>> NAMES = Map.of(
            "bios", List.of("vendor", "version", "date", "release"),
            "system", List.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family"),
            "baseBoard", List.of("manufacturer", "product", "version", "serial", "asset", "location"),
            "chassis", List.of("manufacturer", "version", "serial", "asset", "sku"));

    private SysinfoPostParse() {
    }

    static DomainDefinition apply(DomainDefinition def) {
        List<XmlElement> top = def.unknowns().elementsAt("");
        List<XmlElement> out = new ArrayList<>(top.size());
        for (XmlElement e : top) {
            out.add(e.name().equals("sysinfo") && "smbios".equals(e.attribute("type")) ? smbios(e) : e);
        }
        return out.equals(top) ? def : def.toBuilder().unknowns(def.unknowns().withElementsAt("", out)).build();
    }

    private static XmlElement smbios(XmlElement sysinfo) {
        XmlElement.Builder b = XmlElement.builder("sysinfo").text(sysinfo.text());
        sysinfo.attributes().forEach(b::attribute);
        for (XmlElement section : sysinfo.children()) {
            List<String> names = NAMES.get(section.name());
            b.child(names == null ? section : section(section, names));
        }
        XmlElement done = b.build();
        return done.equals(sysinfo) ? sysinfo : done;
    }

    private static XmlElement section(XmlElement section, List<String> names) {
        XmlElement.Builder b = XmlElement.builder(section.name()).text(section.text());
        section.attributes().forEach(b::attribute);
        for (String name : names) {
            for (XmlElement entry : section.children()) {
                if (entry.name().equals("entry") && name.equals(entry.attribute("name"))) {
                    if (!entry.text().isEmpty()) {
                        b.child(entry);
                    }
                    break;
                }
            }
        }
        return b.build();
    }
}
