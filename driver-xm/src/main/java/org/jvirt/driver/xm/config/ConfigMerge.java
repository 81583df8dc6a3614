package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jvirt.driver.xm.cfg.XmInteger;
import org.jvirt.driver.xm.cfg.XmList;
import org.jvirt.driver.xm.cfg.XmPosition;
import org.jvirt.driver.xm.cfg.XmString;
import org.jvirt.driver.xm.cfg.XmValue;

/**
 * What an update writes for a setting the file has: the file's own value when it says what the
 * new one says — an integer written as a string, a list entry spelt otherwise ({@code 00:16:3E:...}
 * for {@code 00:16:3e:...}, blanks after commas) — so that an update changes only what changed;
 * and in a {@code vif} or {@code vfb} entry that did change, the fields libvirt does not know
 * ({@code rate=}, {@code backend=}...) are kept. Entries are matched by MAC address ({@code vif}),
 * guest device ({@code disk}) or position ({@code vfb}). Stateless.
 */
final class ConfigMerge {
    private static final Set<String> VIF_KEYS = Set.of("mac", "bridge", "script", "model", "ip", "vifname", "type");
    private static final Set<String> VFB_KEYS = Set.of("type", "vncunused", "vncdisplay", "vnclisten", "vncpasswd",
            "keymap", "display", "xauthority");
    private static final XmPosition NOWHERE = new XmPosition("", 0, 0);

    private ConfigMerge() {
    }

    static XmValue merge(String key, XmValue old, XmValue fresh, boolean hvm) {
        if (old == null || old.equals(fresh)) {
            return fresh;
        }
        if (old instanceof XmString s && fresh instanceof XmInteger i && s.value().strip().equals(Long.toString(i.value()))) {
            return old;
        }
        if (!(old instanceof XmList o) || !(fresh instanceof XmList f) || !strings(o) || !strings(f)) {
            return fresh;
        }
        List<String> before = o.items().stream().map(v -> ((XmString) v).value()).toList();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < f.items().size(); i++) {
            String entry = ((XmString) f.items().get(i)).value();
            after.add(switch (key) {
                case "vif" -> keyValues(before.stream().filter(b -> sameMac(b, entry)).findFirst().orElse(null), entry,
                        VIF_KEYS);
                case "vfb" -> keyValues(i < before.size() ? before.get(i) : null, entry, VFB_KEYS);
                case "disk" -> before.stream().filter(b -> sameDisk(b, entry, hvm)).findFirst().orElse(entry);
                default -> entry;
            });
        }
        return XmValue.strings(after);
    }

    private static boolean strings(XmList list) {
        return list.items().stream().allMatch(XmString.class::isInstance);
    }

    /** {@code fresh}, or {@code old} when it reads the same, or {@code fresh} with {@code old}'s unknown fields. */
    private static String keyValues(String old, String fresh, Set<String> known) {
        if (old == null) {
            return fresh;
        }
        Map<String, String> o = fields(old);
        Map<String, String> f = fields(fresh);
        if (o == null) {
            return fresh;
        }
        if (o.containsKey("mac") && f.containsKey("mac") && o.get("mac").equalsIgnoreCase(f.get("mac"))) {
            f.put("mac", o.get("mac"));
        }
        Map<String, String> oKnown = new LinkedHashMap<>(o);
        oKnown.keySet().retainAll(known);
        if (oKnown.equals(f)) {
            return old;
        }
        StringJoiner merged = new StringJoiner(",");
        f.forEach((k, v) -> merged.add(k + "=" + v));
        o.forEach((k, v) -> {
            if (!known.contains(k)) {
                merged.add(k + "=" + v);
            }
        });
        return merged.toString();
    }

    private static boolean sameMac(String old, String fresh) {
        Map<String, String> o = fields(old);
        Map<String, String> f = fields(fresh);
        return o != null && o.get("mac") != null && o.get("mac").equalsIgnoreCase(f.get("mac"));
    }

    private static boolean sameDisk(String old, String fresh, boolean hvm) {
        try {
            return DiskEntry.parse(old, hvm, NOWHERE, 0).equals(DiskEntry.parse(fresh, hvm, NOWHERE, 0));
        } catch (org.jvirt.api.VirtException e) {
            return false;
        }
    }

    private static Map<String, String> fields(String entry) {
        try {
            return KeyValues.parse(entry, "", NOWHERE, 0);
        } catch (org.jvirt.api.VirtException e) {
            return null;
        }
    }
}
