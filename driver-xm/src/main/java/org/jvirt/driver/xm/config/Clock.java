package org.jvirt.driver.xm.config;

import java.util.List;
import java.util.Map;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainClock;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest's clock: {@code localtime = 1} starts it at the host's local time rather than UTC;
 * {@code rtc_timeoffset} (seconds, HVM guests) offsets an HVM guest's clock from that, which
 * libvirt says as a {@code variable} clock of that adjustment and basis. libvirt 0.4.4 read
 * {@code localtime} of HVM guests only; a paravirtual guest's is read too, as libvirt's later Xen
 * drivers did. Stateless.
 */
final class Clock {
    private Clock() {
    }

    static List<XmlElement> read(XmSettings s, boolean hvm) {
        boolean local = s.flag("localtime", false);
        if (!hvm) {
            return local ? List.of(Xml.empty("clock", "offset", "localtime")) : List.of();
        }
        Long offset = s.integer("rtc_timeoffset");
        if (offset != null) {
            return List.of(Xml.empty("clock", "offset", "variable", "adjustment", Long.toString(offset),
                    "basis", local ? "localtime" : "utc"));
        }
        return List.of(Xml.empty("clock", "offset", local ? "localtime" : "utc"));
    }

    static void write(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        DomainClock clock = def.clock();
        switch (clock.offset()) {
            case "utc" -> {
                if (hvm) {
                    out.put("localtime", XmValue.of(0));
                }
            }
            case "localtime" -> out.put("localtime", XmValue.of(1));
            case "variable" -> {
                if (!hvm) {
                    throw XmErrors.unsupported(def.name(), "a paravirtual guest's clock cannot be variable");
                }
                String adjustment = clock.attributes().getOrDefault("adjustment", "0");
                out.put("localtime", XmValue.of("localtime".equals(clock.attributes().get("basis")) ? 1 : 0));
                try {
                    out.put("rtc_timeoffset", XmValue.of(Long.parseLong(adjustment.strip())));
                } catch (NumberFormatException e) {
                    throw XmErrors.unsupported(def.name(), "clock adjustment '" + adjustment + "' is not a number");
                }
            }
            default -> throw XmErrors.unsupported(def.name(), "unsupported clock offset='" + clock.offset() + "'");
        }
    }
}
