package org.jvirt.model;

import java.util.List;
import org.jvirt.model.xml.XmlWriter;

/**
 * Writes devices as libvirt 9 does ({@code virDomain*DefFormat}): modelled and preserved unknown
 * children alike in libvirt's order ({@link DomainLayout}), the device info ({@code <boot>},
 * {@code <alias>}, {@code <address>}) last.
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
            attributesOnly(w, "input", i.address(), i.unknowns(), DomainLayout.OTHER_DEVICE);
        } else if (device instanceof SoundDevice s) {
            w.open("sound").attribute("model", s.model());
            attributesOnly(w, "sound", s.address(), s.unknowns(), DomainLayout.OTHER_DEVICE);
        } else if (device instanceof ControllerDevice c) {
            w.open("controller").attribute("type", c.type());
            if (c.index() != null) {
                w.attribute("index", c.index());
            }
            w.attribute("model", c.model());
            attributesOnly(w, "controller", c.address(), c.unknowns(), DomainLayout.CONTROLLER);
        } else if (device instanceof VideoDevice v) {
            video(w, v);
        } else if (device instanceof MemballoonDevice m) {
            w.open("memballoon").attribute("model", m.model());
            attributesOnly(w, "memballoon", m.address(), m.unknowns(), DomainLayout.OTHER_DEVICE);
        } else if (device instanceof UnknownDevice u) {
            w.element(u.element());
        }
    }

    private static void disk(XmlWriter w, DiskDevice d) {
        Unknowns u = d.unknowns();
        w.open("disk").attribute("type", d.type()).attribute("device", d.device());
        Preserved.attributes(w, u, "").closeStart();
        ChildSlots slots = new ChildSlots(w, u.elementsAt(""), DomainLayout.DISK);
        if (d.driverName() != null || d.driverType() != null || d.driverCache() != null
                || Preserved.at(u, "driver")) {
            slots.before("driver");
            w.open("driver").attribute("name", d.driverName()).attribute("type", d.driverType())
                    .attribute("cache", d.driverCache());
            leaf(w, "driver", u, "driver");
        }
        if (d.source() != null || Preserved.at(u, "source")) {
            slots.before("source");
            w.open("source");
            String attribute = d.sourceAttribute();
            if (attribute != null) {
                w.attribute(attribute, d.source());
            }
            leaf(w, "source", u, "source");
        }
        slots.before("target");
        w.open("target").attribute("dev", d.targetDev()).attribute("bus", d.targetBus());
        leaf(w, "target", u, "target");
        if (d.readOnly()) {
            slots.before("readonly");
            w.open("readonly");
            leaf(w, "readonly", u, "readonly");
        }
        if (d.shareable()) {
            slots.before("shareable");
            w.open("shareable");
            leaf(w, "shareable", u, "shareable");
        }
        if (d.serial() != null) {
            slots.before("serial");
            Preserved.textElement(w, "serial", d.serial(), u, "serial");
        }
        tail(w, "disk", d.address(), u, slots);
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
        ChildSlots slots = new ChildSlots(w, u.elementsAt(""),
                i.type().equals("hostdev") ? DomainLayout.HOSTDEV_INTERFACE : DomainLayout.INTERFACE);
        optionalLeaf(w, "mac", "address", i.mac(), u, slots);
        if (i.sourceNetwork() != null || i.sourceBridge() != null || Preserved.at(u, "source")) {
            slots.before("source");
            w.open("source").attribute("network", i.sourceNetwork()).attribute("bridge", i.sourceBridge());
            leaf(w, "source", u, "source");
        }
        optionalLeaf(w, "ip", "address", i.ip(), u, slots);
        optionalLeaf(w, "script", "path", i.script(), u, slots);
        optionalLeaf(w, "target", "dev", i.targetDev(), u, slots);
        optionalLeaf(w, "model", "type", i.model(), u, slots);
        tail(w, "interface", i.address(), u, slots);
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
        ChildSlots slots = new ChildSlots(w, u.elementsAt(""), DomainLayout.CHARACTER);
        List<CharSource> sources = c.sources();
        for (int n = 0; n < sources.size(); n++) {
            CharSource s = sources.get(n);
            slots.before("source");
            w.open("source").attribute("mode", s.mode()).attribute("path", s.path())
                    .attribute("host", s.host()).attribute("service", s.service());
            leaf(w, "source", u, "source[" + (n + 1) + "]");
        }
        optionalLeaf(w, "protocol", "type", c.protocol(), u, slots);
        if (c.targetType() != null || c.targetPort() != null || Preserved.at(u, "target")) {
            slots.before("target");
            w.open("target").attribute("type", c.targetType());
            if (c.targetPort() != null) {
                w.attribute("port", c.targetPort());
            }
            leaf(w, "target", u, "target");
        }
        tail(w, kind, c.address(), u, slots);
    }

    private static void graphics(XmlWriter w, GraphicsDevice g, boolean secure) {
        w.open("graphics").attribute("type", g.type());
        if (g.port() != null) {
            w.attribute("port", g.port());
        }
        Unknowns u = g.unknowns();
        String tlsPort = g.type().equals("spice") ? u.attributesAt("").get("tlsPort") : null;
        if (tlsPort != null) {
            // virDomainGraphicsDefFormat writes a SPICE TLS port beside the plain one.
            w.attribute("tlsPort", tlsPort);
            u = u.withoutAttribute("", "tlsPort");
        }
        if (g.autoport() != null) {
            w.attribute("autoport", g.autoport() ? "yes" : "no");
        }
        w.attribute("listen", g.listen()).attribute("keymap", g.keymap());
        if (secure) {
            w.attribute("passwd", g.passwd());
        }
        Preserved.attributes(w, u, "");
        if (g.listens().isEmpty() && g.address() == null && u.elementsAt("").isEmpty() && !Preserved.at(u, "address")) {
            w.closeEmpty();
            return;
        }
        w.closeStart();
        ChildSlots slots = new ChildSlots(w, u.elementsAt(""), DomainLayout.GRAPHICS);
        List<GraphicsListen> listens = g.listens();
        for (int n = 0; n < listens.size(); n++) {
            GraphicsListen l = listens.get(n);
            slots.before("listen");
            w.open("listen").attribute("type", l.type()).attribute("address", l.address())
                    .attribute("network", l.network()).attribute("socket", l.socket());
            leaf(w, "listen", u, "listen[" + (n + 1) + "]");
        }
        tail(w, "graphics", g.address(), u, slots);
    }

    private static void video(XmlWriter w, VideoDevice v) {
        Unknowns u = v.unknowns();
        w.open("video");
        Preserved.attributes(w, u, "").closeStart();
        ChildSlots slots = new ChildSlots(w, u.elementsAt(""), DomainLayout.VIDEO);
        if (v.modelType() != null || Preserved.at(u, "model")) {
            slots.before("model");
            w.open("model").attribute("type", v.modelType());
            optionalNumber(w, "ram", v.ram());
            optionalNumber(w, "vram", v.vram());
            optionalNumber(w, "vgamem", v.vgamem());
            if (v.heads() != null) {
                w.attribute("heads", v.heads());
            }
            if (v.primary()) {
                w.attribute("primary", "yes");
            }
            leaf(w, "model", u, "model");
        }
        tail(w, "video", v.address(), u, slots);
    }

    private static void optionalNumber(XmlWriter w, String attribute, Long value) {
        if (value != null) {
            w.attribute(attribute, Long.toString(value));
        }
    }

    /** Closes a device whose modelled content is all attributes: empty unless unknowns or an address follow. */
    private static void attributesOnly(XmlWriter w, String name, DeviceAddress address, Unknowns u,
                                       DomainLayout.Order order) {
        Preserved.attributes(w, u, "");
        if (address == null && u.elementsAt("").isEmpty() && !Preserved.at(u, "address")) {
            w.closeEmpty();
            return;
        }
        w.closeStart();
        tail(w, name, address, u, new ChildSlots(w, u.elementsAt(""), order));
    }

    /** Writes {@code <name attribute='value'/>} when there is a value or anything kept at that location. */
    private static void optionalLeaf(XmlWriter w, String name, String attribute, String value, Unknowns u,
                                     ChildSlots slots) {
        if (value != null || Preserved.at(u, name)) {
            slots.before(name);
            w.open(name).attribute(attribute, value);
            leaf(w, name, u, name);
        }
    }

    private static void leaf(XmlWriter w, String name, Unknowns u, String location) {
        Preserved.attributes(w, u, location);
        Preserved.close(w, name, "", u, location);
    }

    /** The unknown children of the device not written yet, its address among them, then the end tag. */
    private static void tail(XmlWriter w, String name, DeviceAddress address, Unknowns u, ChildSlots slots) {
        if (address != null || Preserved.at(u, "address")) {
            slots.before("address");
            w.open("address");
            if (address != null) {
                w.attribute("type", address.type()).attributes(address.attributes());
            }
            leaf(w, "address", u, "address");
        }
        slots.rest();
        w.end(name);
    }
}
