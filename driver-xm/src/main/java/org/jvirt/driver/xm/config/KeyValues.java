package org.jvirt.driver.xm.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.driver.xm.cfg.XmPosition;

/**
 * The {@code KEY=VALUE,KEY=VALUE} entries of {@code vif} and {@code vfb}: fields split at commas,
 * blanks around them dropped (libvirt skipped them after a comma), a field without {@code =}
 * refused naming the entry, an empty value taken as none, the last of a repeated key kept.
 * Stateless.
 */
final class KeyValues {
    private KeyValues() {
    }

    /**
     * The fields of entry {@code index} (from 0) of the list {@code key}, at {@code at}; none for a
     * blank entry.
     */
    static Map<String, String> parse(String entry, String key, XmPosition at, int index) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (entry.isBlank()) {
            return fields;
        }
        for (String field : entry.split(",", -1)) {
            String f = field.strip();
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw XmErrors.entry(at, key, index, entry, "has '" + f + "', which is not KEY=VALUE");
            }
            fields.put(f.substring(0, eq).strip(), f.substring(eq + 1).strip());
        }
        fields.values().removeIf(String::isEmpty);
        return fields;
    }
}
