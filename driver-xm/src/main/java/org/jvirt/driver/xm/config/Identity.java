package org.jvirt.driver.xm.config;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * {@code name} and {@code uuid}: the file must name its domain; a file without a UUID gets a random
 * one when read (as libvirt 9's reader gives it; libvirt 0.4.4 generated one and wrote it back).
 * A UUID is read as libvirt's {@code virUUIDParse} reads one: 32 hexadecimal digits, dashes
 * anywhere between them. Stateless.
 */
final class Identity {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{32}");

    private Identity() {
    }

    static List<XmlElement> read(XmSettings s) {
        String name = s.string("name");
        if (name == null) {
            throw XmErrors.missing(s.fileName(), "name");
        }
        if (name.isEmpty()) {
            throw XmErrors.setting(s.position("name"), "name", "is empty");
        }
        String uuid = s.string("uuid");
        if (uuid == null) {
            return List.of(Xml.text("name", name));
        }
        return List.of(Xml.text("name", name), Xml.text("uuid", uuid(s, uuid).toString()));
    }

    private static UUID uuid(XmSettings s, String text) {
        String digits = text.strip().replace("-", "");
        if (!UUID_TEXT.matcher(digits).matches()) {
            throw XmErrors.setting(s.position("uuid"), "uuid", "'" + text + "' is not a UUID");
        }
        return new UUID(Long.parseUnsignedLong(digits.substring(0, 16), 16),
                Long.parseUnsignedLong(digits.substring(16), 16));
    }

    static void write(DomainDefinition def, Map<String, XmValue> out) {
        out.put("name", XmValue.of(def.name()));
        if (def.uuid() != null) {
            out.put("uuid", XmValue.of(def.uuid().toString()));
        }
    }
}
