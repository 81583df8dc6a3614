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
        return Elements.withChildren(sysinfo, sysinfo.children().stream()
                .map(s -> NAMES.containsKey(s.name()) ? section(s, NAMES.get(s.name())) : s).toList());
    }

    private static XmlElement section(XmlElement section, List<String> names) {
        List<XmlElement> entries = new ArrayList<>();
        for (String name : names) {
            for (XmlElement entry : section.children()) {
                if (entry.name().equals("entry") && name.equals(entry.attribute("name"))) {
                    if (!entry.text().isEmpty()) {
                        entries.add(entry);
                    }
                    break;
                }
            }
        }
        return Elements.withChildren(section, entries);
    }
}
