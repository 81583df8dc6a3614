package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.model.xml.XmlElement;

/**
 * The SMBIOS tables the guest's firmware shows, as libvirt's qemuBuildSmbiosCommandLine: with
 * {@code <os><smbios mode='sysinfo'/>}, each part of the {@code <sysinfo type='smbios'>} block is a
 * {@code -smbios} (type 0 BIOS, 1 system, 2 base board, 3 chassis, 11 OEM strings), its fields in
 * libvirt's fixed order whatever the document's, values comma-escaped. Mode {@code emulate} is QEMU's
 * own tables; mode {@code host} copies the host's, which jvirt does not read: refused, as libvirt does
 * when it has none. Stateless.
 */
final class SmbiosCommand {
    /** Each block's type and the entry names it writes, in libvirt's order. */
    private static final Map<String, List<String>> FIELDS = new LinkedHashMap<>();
    private static final Map<String, Integer> TYPES = Map.of("bios", 0, "system", 1, "baseBoard", 2, "chassis", 3);

    static {
        FIELDS.put("bios", List.of("vendor", "version", "date", "release"));
        FIELDS.put("system", List.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family"));
        FIELDS.put("baseBoard", List.of("manufacturer", "product", "version", "serial", "asset", "location"));
        FIELDS.put("chassis", List.of("manufacturer", "version", "serial", "asset", "sku"));
    }

    private SmbiosCommand() {
    }

    /** The {@code <os><smbios mode=>}, or null. */
    private static String mode(Guest g) {
        XmlElement smbios = BootCommand.osElement(g.def().os(), "smbios");
        return smbios == null ? null : smbios.attribute("mode");
    }

    /** The first {@code <sysinfo type='smbios'>}, or null. */
    private static XmlElement sysinfo(Guest g) {
        for (XmlElement e : g.def().unknowns().elementsAt("")) {
            if (e.name().equals("sysinfo") && "smbios".equals(e.attribute("type"))) {
                return e;
            }
        }
        return null;
    }

    /**
     * Refuses, as libvirt: a mode other than emulate and sysinfo (host: "Host SMBIOS information is not
     * available"), mode sysinfo without an SMBIOS sysinfo, more than one base board, a sysinfo of another
     * type (fwcfg: not built here), blocks and entries libvirt does not know, and a system UUID that is not
     * the domain's.
     */
    static void validate(Guest g) {
        String name = g.name();
        XmlElement smbios = BootCommand.osElement(g.def().os(), "smbios");
        String mode = mode(g);
        if (smbios != null) {
            if (!smbios.attributes().keySet().equals(java.util.Set.of("mode")) || !smbios.children().isEmpty()) {
                throw Unsupported.invalid(name, "<os><smbios> needs a mode and nothing else");
            }
            switch (mode) {
                case "emulate", "sysinfo" -> {
                    // QEMU's tables, or those of <sysinfo>
                }
                case "host" -> throw Unsupported.config(name, "Host SMBIOS information is not available");
                default -> throw Unsupported.invalid(name, "unknown smbios mode '" + mode + "'");
            }
        }
        for (XmlElement e : g.def().unknowns().elementsAt("")) {
            if (e.name().equals("sysinfo")) {
                if (!"smbios".equals(e.attribute("type"))) {
                    throw Unsupported.config(name, "sysinfo type '" + e.attribute("type") + "' is not supported,"
                            + " only 'smbios'");
                }
                blocks(g, e);
            }
        }
        if ("sysinfo".equals(mode) && sysinfo(g) == null) {
            throw Unsupported.invalid(name, "Domain '" + name + "' sysinfo are not available");
        }
    }

    private static void blocks(Guest g, XmlElement sysinfo) {
        String name = g.name();
        int boards = 0;
        for (XmlElement block : sysinfo.children()) {
            if (block.name().equals("oemStrings")) {
                for (XmlElement entry : block.children()) {
                    if (!entry.name().equals("entry") || !entry.attributes().isEmpty()) {
                        throw Unsupported.config(name, "<sysinfo><oemStrings><" + entry.name() + "> is not supported");
                    }
                }
                continue;
            }
            List<String> fields = FIELDS.get(block.name());
            if (fields == null) {
                throw Unsupported.config(name, "<sysinfo><" + block.name() + "> is not supported");
            }
            boards += block.name().equals("baseBoard") ? 1 : 0;
            for (XmlElement entry : block.children()) {
                if (!entry.name().equals("entry") || !fields.contains(entry.attribute("name"))) {
                    throw Unsupported.config(name, "<sysinfo><" + block.name() + "> entry '"
                            + entry.attribute("name") + "' is not supported");
                }
                if (entry.attribute("name").equals("uuid") && block.name().equals("system")
                        && !entry.text().strip().equalsIgnoreCase(g.def().uuid().toString())) {
                    throw Unsupported.config(name, "UUID mismatch between <uuid> and <sysinfo>");
                }
            }
        }
        if (boards > 1) {
            throw Unsupported.config(name, "qemu does not support more than one entry to Type 2 in SMBIOS table");
        }
    }

    /** The {@code -smbios}es of mode sysinfo, after {@code -uuid}. */
    static void add(Guest g, CommandLine out) {
        if (!"sysinfo".equals(mode(g))) {
            return;
        }
        XmlElement sysinfo = sysinfo(g);
        for (String block : FIELDS.keySet()) {
            XmlElement e = sysinfo.child(block);
            Map<String, String> values = new LinkedHashMap<>();
            for (XmlElement entry : e == null ? List.<XmlElement>of() : e.children()) {
                values.putIfAbsent(entry.attribute("name"), entry.text().strip());
            }
            if (values.isEmpty()) {
                continue; // libvirt keeps no block without entries
            }
            StringBuilder s = new StringBuilder("type=").append(TYPES.get(block));
            for (String field : FIELDS.get(block)) {
                // libvirt always names the manufacturer of a base board and a chassis, empty when not given.
                boolean always = field.equals("manufacturer") && (block.equals("baseBoard") || block.equals("chassis"));
                if (values.containsKey(field) || always) {
                    s.append(',').append(field).append('=').append(QemuOptions.opt(values.getOrDefault(field, "")));
                }
            }
            out.arg("-smbios", s.toString());
        }
        XmlElement oem = sysinfo.child("oemStrings");
        if (oem != null) {
            List<String> strings = new ArrayList<>();
            for (XmlElement entry : oem.children()) {
                strings.add(",value=" + QemuOptions.opt(entry.text()));
            }
            out.arg("-smbios", "type=11" + String.join("", strings));
        }
    }
}
