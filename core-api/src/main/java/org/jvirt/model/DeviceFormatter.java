package org.jvirt.model;

import java.util.List;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlWriter;

/**
 * Writes devices as libvirt 9 does ({@code virDomain*DefFormat}): modelled children in
 * libvirt's order, then preserved unknown children, then {@code <address>} last.
 *
 * @since 1.0
 */
final class DeviceFormatter {
    private DeviceFormatter() {
    }

    static void write(XmlWriter w, Device device, boolean secure) {
        if (device instanceof DiskDevice d) {
            disk(w, d);
        } else if (device instanceof InterfaceDevice i) {
            networkInterface(w, i);
        } else if (device instanceof CharDevice c) {
            character(w, c);
        } else if (device instanceof GraphicsDevice g) {
            graphics(w, g, secure);
        } else if (device instanceof InputDevice i) {
            w.open("input").attribute("type", i.type()).attribute("bus", i.bus());
            attributesOnly(w, "input", i.address(), i.unknowns());
        } else if (device instanceof SoundDevice s) {
            w.open("sound").attribute("model", s.model());
            attributesOnly(w, "sound", s.address(), s.unknowns());
        } else if (device instanceof MemballoonDevice m) {
            w.open("memballoon").attribute("model", m.model());
            attributesOnly(w, "memballoon", m.address(), m.unknowns());
        } else if (device instanceof UnknownDevice u) {
            w.element(u.element());
        }
    }

    private static void disk(XmlWriter w, DiskDevice d) {
        Unknowns u = d.unknowns();
        w.open("disk").attribute("type", d.type()).attribute("device", d.device());
        Preserved.attributes(w, u, "").closeStart();
        if (d.driverName() != null || d.driverType() != null || d.driverCache() != null
                || Preserved.at(u, "driver")) {
            w.open("driver").attribute("name", d.driverName()).attribute("type", d.driverType())
                    .attribute("cache", d.driverCache());
            leaf(w, "driver", u, "driver");
        }
        if (d.source() != null || Preserved.at(u, "source")) {
            w.open("source");
            String attribute = d.sourceAttribute();
            if (attribute != null) {
                w.attribute(attribute, d.source());
            }
            leaf(w, "source", u, "source");
        }
        w.open("target").attribute("dev", d.targetDev()).attribute("bus", d.targetBus());
        leaf(w, "target", u, "target");
        if (d.readOnly()) {
            w.open("readonly");
            leaf(w, "readonly", u, "readonly");
        }
        if (d.shareable()) {
            w.open("shareable");
            leaf(w, "shareable", u, "shareable");
        }
        Preserved.textElement(w, "serial", d.serial(), u, "serial");
        tail(w, "disk", d.address(), u);
    }

    private static void networkInterface(XmlWriter w, InterfaceDevice i) {
        Unknowns u = i.unknowns();
        w.open("interface").attribute("type", i.type());
        Preserved.attributes(w, u, "");
        if (i.mac() == null && i.sourceNetwork() == null && i.sourceBridge() == null
                && i.ip() == null && i.script() == null && i.targetDev() == null
                && i.model() == null && i.address() == null && u.isEmpty()) {
            w.closeEmpty();
            return;
        }
        w.closeStart();
        optionalLeaf(w, "mac", "address", i.mac(), u);
        if (i.sourceNetwork() != null || i.sourceBridge() != null || Preserved.at(u, "source")) {
            w.open("source").attribute("network", i.sourceNetwork()).attribute("bridge", i.sourceBridge());
            leaf(w, "source", u, "source");
        }
        optionalLeaf(w, "ip", "address", i.ip(), u);
        optionalLeaf(w, "script", "path", i.script(), u);
        optionalLeaf(w, "target", "dev", i.targetDev(), u);
        optionalLeaf(w, "model", "type", i.model(), u);
        tail(w, "interface", i.address(), u);
    }

    private static void character(XmlWriter w, CharDevice c) {
        Unknowns u = c.unknowns();
        String kind = c.kind();
        w.open(kind).attribute("type", c.type()).attribute("tty", c.tty());
        Preserved.attributes(w, u, "");
        if (c.sources().isEmpty() && c.protocol() == null && c.targetType() == null
                && c.targetPort() == null && c.address() == null && u.isEmpty()) {
            w.closeEmpty();
            return;
        }
        w.closeStart();
        List<CharSource> sources = c.sources();
        for (int n = 0; n < sources.size(); n++) {
            CharSource s = sources.get(n);
            w.open("source").attribute("mode", s.mode()).attribute("path", s.path())
                    .attribute("host", s.host()).attribute("service", s.service());
            leaf(w, "source", u, "source[" + (n + 1) + "]");
        }
        optionalLeaf(w, "protocol", "type", c.protocol(), u);
        if (c.targetType() != null || c.targetPort() != null || Preserved.at(u, "target")) {
            w.open("target").attribute("type", c.targetType());
            if (c.targetPort() != null) {
                w.attribute("port", c.targetPort());
            }
            leaf(w, "target", u, "target");
        }
        tail(w, kind, c.address(), u);
    }

    private static void graphics(XmlWriter w, GraphicsDevice g, boolean secure) {
        w.open("graphics").attribute("type", g.type());
        if (g.port() != null) {
            w.attribute("port", g.port());
        }
        if (g.autoport() != null) {
            w.attribute("autoport", g.autoport() ? "yes" : "no");
        }
        w.attribute("listen", g.listen()).attribute("keymap", g.keymap());
        if (secure) {
            w.attribute("passwd", g.passwd());
        }
        attributesOnly(w, "graphics", g.address(), g.unknowns());
    }

    /** Closes a device whose modelled content is all attributes: empty unless unknowns or an address follow. */
    private static void attributesOnly(XmlWriter w, String name, DeviceAddress address, Unknowns u) {
        Preserved.attributes(w, u, "");
        if (address == null && u.elementsAt("").isEmpty() && !Preserved.at(u, "address")) {
            w.closeEmpty();
            return;
        }
        w.closeStart();
        tail(w, name, address, u);
    }

    /** Writes {@code <name attribute='value'/>} when there is a value or anything kept at that location. */
    private static void optionalLeaf(XmlWriter w, String name, String attribute, String value, Unknowns u) {
        if (value != null || Preserved.at(u, name)) {
            w.open(name).attribute(attribute, value);
            leaf(w, name, u, name);
        }
    }

    private static void leaf(XmlWriter w, String name, Unknowns u, String location) {
        Preserved.attributes(w, u, location);
        Preserved.close(w, name, "", u, location);
    }

    /** The unknown children of the device, then its address, then the end tag. */
    private static void tail(XmlWriter w, String name, DeviceAddress address, Unknowns u) {
        for (XmlElement e : u.elementsAt("")) {
            w.element(e);
        }
        if (address != null || Preserved.at(u, "address")) {
            w.open("address");
            if (address != null) {
                w.attribute("type", address.type()).attributes(address.attributes());
            }
            leaf(w, "address", u, "address");
        }
        w.end(name);
    }
}
