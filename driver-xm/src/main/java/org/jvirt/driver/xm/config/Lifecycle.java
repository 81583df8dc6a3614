package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * {@code on_poweroff}, {@code on_reboot}, {@code on_crash}: what Xen does when the guest stops,
 * by default destroy, restart, restart (xm's defaults, which libvirt 0.4.4 kept: a crashed Xen
 * guest restarts, where libvirt's own default destroys it). Stateless.
 */
final class Lifecycle {
    private static final Set<String> ACTIONS = Set.of("destroy", "restart", "preserve", "rename-restart");
    private static final Set<String> CRASH_ACTIONS = Set.of("destroy", "restart", "preserve", "rename-restart",
            "coredump-destroy", "coredump-restart");

    private Lifecycle() {
    }

    static List<XmlElement> read(XmSettings s) {
        List<XmlElement> out = new ArrayList<>();
        out.add(Xml.text("on_poweroff", action(s, "on_poweroff", "destroy", ACTIONS)));
        out.add(Xml.text("on_reboot", action(s, "on_reboot", "restart", ACTIONS)));
        out.add(Xml.text("on_crash", action(s, "on_crash", "restart", CRASH_ACTIONS)));
        return out;
    }

    private static String action(XmSettings s, String key, String fallback, Set<String> allowed) {
        String action = s.string(key);
        if (action == null) {
            return fallback;
        }
        if (!allowed.contains(action)) {
            throw XmErrors.setting(s.position(key), key, "'" + action + "' is none of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return action;
    }

    static void write(DomainDefinition def, Map<String, XmValue> out) {
        out.put("on_poweroff", XmValue.of(def.onPoweroff()));
        out.put("on_reboot", XmValue.of(def.onReboot()));
        out.put("on_crash", XmValue.of(def.onCrash()));
    }
}
