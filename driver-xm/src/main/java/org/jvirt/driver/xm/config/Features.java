package org.jvirt.driver.xm.config;

import java.util.List;
import java.util.Map;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * An HVM guest's platform features: {@code pae}, {@code acpi}, {@code apic} (1 on, 0 or not set
 * off, as libvirt 0.4.4 read them — its writer always says which), and the ones libvirt's later
 * Xen drivers added: {@code hap = 0} turns hardware-assisted paging off ({@code <hap state='off'/>}),
 * {@code viridian = 1} turns Hyper-V's enlightenments on. A paravirtual guest has none. Stateless.
 */
final class Features {
    private static final List<String> SWITCHES = List.of("pae", "acpi", "apic");

    private Features() {
    }

    static List<XmlElement> read(XmSettings s, boolean hvm) {
        if (!hvm) {
            return List.of();
        }
        XmlElement.Builder features = Xml.element("features");
        for (String name : SWITCHES) {
            if (s.flag(name, false)) {
                features.child(Xml.empty(name));
            }
        }
        if (!s.flag("hap", true)) {
            features.child(Xml.empty("hap", "state", "off"));
        }
        if (s.flag("viridian", false)) {
            features.child(Xml.empty("viridian"));
        }
        return List.of(features.build());
    }

    static void write(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        if (!hvm) {
            return;
        }
        for (String name : SWITCHES) {
            out.put(name, XmValue.of(on(def, name) ? 1 : 0));
        }
        if (feature(def, "hap") != null && !on(def, "hap")) {
            out.put("hap", XmValue.of(0));
        }
        if (on(def, "viridian")) {
            out.put("viridian", XmValue.of(1));
        }
    }

    /** Whether the guest has the feature, not switched off ({@code state='off'}). */
    private static boolean on(DomainDefinition def, String name) {
        XmlElement f = feature(def, name);
        return f != null && !"off".equals(f.attribute("state"));
    }

    private static XmlElement feature(DomainDefinition def, String name) {
        return def.features().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
