package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.CharDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * An HVM guest's {@code serial} and {@code parallel} port ({@link CharSpec}; {@code none}, as when
 * not set, is no port), the serial port also its console; a paravirtual guest's console is always
 * Xen's own pty, and xm gives it no serial or parallel ports. One port of each kind: xm has no
 * list of them. Written as libvirt 0.4.4 wrote them: both keys for an HVM guest, {@code none}
 * for a port it has not. Stateless.
 */
final class SerialPorts {
    private SerialPorts() {
    }

    static List<XmlElement> read(XmSettings s, boolean hvm) {
        List<XmlElement> out = new ArrayList<>();
        if (!hvm) {
            out.add(Xml.element("console", "type", "pty").child(Xml.empty("target", "port", "0")).build());
            return out;
        }
        String parallel = s.string("parallel");
        if (parallel != null && !parallel.equals("none")) {
            out.add(CharSpec.element("parallel", parallel, "parallel", s.position("parallel")));
        }
        String serial = s.string("serial");
        if (serial != null && !serial.equals("none")) {
            out.add(CharSpec.element("serial", serial, "serial", s.position("serial")));
            // libvirt 0.4.4's console of the primary serial port, for older clients
            out.add(CharSpec.element("console", serial, "serial", s.position("serial")));
        }
        return out;
    }

    static void write(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        if (!hvm) {
            return;
        }
        out.put("parallel", XmValue.of(first(def, "parallel")));
        out.put("serial", XmValue.of(first(def, "serial")));
    }

    private static String first(DomainDefinition def, String kind) {
        return def.devices(CharDevice.class).stream().filter(c -> c.kind().equals(kind)).findFirst()
                .map(c -> CharSpec.value(def, c)).orElse("none");
    }
}
