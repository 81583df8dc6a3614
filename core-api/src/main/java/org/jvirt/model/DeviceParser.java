package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * Reads one element of {@code <devices>} into a {@link Device}; unknown kinds become {@link UnknownDevice}.
 *
 * @since 1.0
 */
final class DeviceParser {
    private static final ErrorDomain DOMAIN = ErrorDomain.DOMAIN;

    private DeviceParser() {
    }

    static Device parse(XmlElement e) {
        return switch (e.name()) {
            case "disk" -> disk(cursor(e));
            case "interface" -> networkInterface(cursor(e));
            case "serial", "console", "parallel", "channel" -> character(cursor(e));
            case "graphics" -> graphics(cursor(e));
            case "input" -> {
                ElementCursor c = cursor(e);
                String type = c.attr("type");
                String bus = c.attr("bus");
                yield new InputDevice(type, bus, address(c), c.unknowns());
            }
            case "sound" -> {
                ElementCursor c = cursor(e);
                String model = c.attr("model");
                yield new SoundDevice(model, address(c), c.unknowns());
            }
            case "controller" -> {
                ElementCursor c = cursor(e);
                String type = c.attr("type");
                if (type == null) {
                    throw XmlValues.invalid(DOMAIN, "missing controller type");
                }
                Integer index = XmlValues.intAttr(c, "index");
                if (index != null && index < 0) {
                    throw new VirtException(ErrorCode.XML_ERROR, DOMAIN, "XML error: Invalid value for attribute"
                            + " 'index' in element 'controller': '" + index + "'. Expected non-negative value");
                }
                String model = c.attr("model");
                yield new ControllerDevice(type, index, model, address(c), companionMaster(type, model, c.unknowns()));
            }
            case "video" -> video(cursor(e));
            case "memballoon" -> {
                ElementCursor c = cursor(e);
                String model = c.attr("model");
                yield new MemballoonDevice(model, address(c), c.unknowns());
            }
            default -> new UnknownDevice(e);
        };
    }

    /**
     * virDomainControllerDefParseXML: an ICH9 UHCI companion that names no master starts at the
     * port its number implies (0, 2 or 4) of the master of its index.
     */
    private static Unknowns companionMaster(String type, String model, Unknowns unknowns) {
        String port = !"usb".equals(type) || model == null ? null : switch (model) {
            case "ich9-uhci1" -> "0";
            case "ich9-uhci2" -> "2";
            case "ich9-uhci3" -> "4";
            default -> null;
        };
        List<XmlElement> children = unknowns.elementsAt("");
        if (port == null || children.stream().anyMatch(e -> e.name().equals("master"))) {
            return unknowns;
        }
        List<XmlElement> with = new ArrayList<>(children);
        with.add(XmlElement.builder("master").attribute("startport", port).build());
        return unknowns.withElementsAt("", with);
    }

    /** virDomainGraphicsDefParseXML*: a display's port is an int, refused in each parser's words. */
    private static Integer graphicsPort(String type, String value) {
        if (value == null) {
            return null;
        }
        Long port = CNumbers.strToI(value);
        if (port == null) {
            throw DomainErrors.internal("cannot parse " + type + " port " + value);
        }
        return port.intValue();
    }

    /** TRUE for {@code yes}, FALSE for {@code no}, null for anything else (libvirt passes over it). */
    private static Boolean yesOrNo(String value) {
        return "yes".equals(value) ? Boolean.TRUE : "no".equals(value) ? Boolean.FALSE : null;
    }

    private static ElementCursor cursor(XmlElement e) {
        return ElementCursor.root(e, "devices/" + e.name(), DOMAIN);
    }

    private static DiskDevice disk(ElementCursor c) {
        DiskDevice.Builder b = DiskDevice.builder();
        String type = c.attr("type");
        b.type(type).device(c.attr("device"));
        ElementCursor driver = c.child("driver");
        if (driver != null) {
            b.driver(driver.attr("name"), driver.attr("type"), driver.attr("cache"));
        }
        String path = null;
        ElementCursor source = c.child("source");
        String pathAttribute = DiskDevice.sourceAttribute(type == null ? "file" : type);
        if (source != null && pathAttribute != null) {
            path = source.attr(pathAttribute);
            b.source(path);
        }
        ElementCursor target = c.child("target");
        String dev = target == null ? null : target.attr("dev");
        if (dev == null) {
            throw new VirtException(ErrorCode.NO_TARGET, DOMAIN, "missing target information for disk"
                    + (path == null ? "" : " '" + path + "'") + ": <target dev=...> is required");
        }
        // libvirt 0.4 (xend) let the target carry the device kind, "hda:disk"; libvirt 9 keeps it as
        // written and refuses it in post-parse ("Unknown disk name"), so does jvirt: xend's own
        // dialect is its drivers' to read.
        b.target(dev, target.attr("bus"));
        b.readOnly(c.child("readonly") != null);
        b.shareable(c.child("shareable") != null);
        b.serial(c.childText("serial"));
        b.address(address(c));
        return b.unknowns(c.unknowns()).build();
    }

    private static InterfaceDevice networkInterface(ElementCursor c) {
        InterfaceDevice.Builder b = InterfaceDevice.builder().type(c.attr("type"));
        ElementCursor mac = c.child("mac");
        if (mac != null) {
            String address = mac.attr("address");
            b.mac(address == null ? null : XmlValues.mac(address, DOMAIN));
        }
        ElementCursor source = c.child("source");
        if (source != null) {
            b.sourceNetwork(source.attr("network")).sourceBridge(source.attr("bridge"));
            if ("ethernet".equals(c.element().attribute("type"))) {
                // libvirt 0.4's <source dev=> of an ethernet interface (xend's vif "dev") was never
                // used by any hypervisor; libvirt 9 ignores it and its schema forbids it.
                source.attr("dev");
            }
        }
        ElementCursor target = c.child("target");
        if (target != null) {
            b.targetDev(target.attr("dev"));
        }
        ElementCursor model = c.child("model");
        if (model != null) {
            b.model(model.attr("type"));
        }
        ElementCursor script = c.child("script");
        if (script != null) {
            b.script(script.attr("path"));
        }
        ElementCursor ip = c.child("ip");
        if (ip != null) {
            b.ip(ip.attr("address"));
        }
        b.address(address(c));
        return b.unknowns(c.unknowns()).build();
    }

    private static CharDevice character(ElementCursor c) {
        CharDevice.Builder b = CharDevice.builder(c.name()).type(c.attr("type")).tty(c.attr("tty"));
        List<CharSource> sources = new ArrayList<>();
        String wiremode = null;
        for (ElementCursor s : c.children("source")) {
            sources.add(new CharSource(s.attr("mode"), s.attr("path"), s.attr("host"), s.attr("service")));
            // Read always: libvirt 9 passes over a wiremode it does not know.
            String mode = s.attr("wiremode");
            if (wiremode == null && mode != null && Set.of("raw", "telnet").contains(mode)
                    && "tcp".equals(c.element().attribute("type")) && c.element().child("protocol") == null) {
                // libvirt 0.4's <source wiremode='raw|telnet'> of a tcp device, which libvirt 0.4 itself
                // wrote back as <protocol type=>: libvirt 9 knows only the latter.
                wiremode = mode;
            }
        }
        b.sources(sources);
        ElementCursor protocol = c.child("protocol");
        if (protocol != null) {
            b.protocol(protocol.attr("type"));
        } else if (wiremode != null) {
            b.protocol(wiremode);
        }
        ElementCursor target = c.child("target");
        if (target != null) {
            String targetType = target.attr("type");
            b.target(targetType, XmlValues.intAttr(target, "port"));
        }
        b.address(address(c));
        return b.unknowns(c.unknowns()).build();
    }

    private static GraphicsDevice graphics(ElementCursor c) {
        String type = c.attr("type");
        if (type == null) {
            throw XmlValues.invalid(DOMAIN, "missing graphics device type");
        }
        GraphicsDevice.Builder b = GraphicsDevice.builder(type)
                .port(graphicsPort(type, c.attr("port")))
                // libvirt reads autoport='yes' and 'no' and passes over any other word (virDomainGraphicsDefParseXML*).
                .autoport(yesOrNo(c.attr("autoport")))
                .listen(c.attr("listen"))
                .keymap(c.attr("keymap"))
                .passwd(c.attr("passwd"));
        List<GraphicsListen> listens = new ArrayList<>();
        for (ElementCursor l : c.children("listen")) {
            String listenType = l.attr("type");
            if (listenType == null) {
                throw XmlValues.invalid(DOMAIN, "Missing required attribute 'type' in element 'listen'");
            }
            listens.add(new GraphicsListen(listenType, l.attr("address"), l.attr("network"), l.attr("socket")));
        }
        b.listens(listens);
        b.address(address(c));
        return b.unknowns(c.unknowns()).build();
    }

    private static VideoDevice video(ElementCursor c) {
        ElementCursor model = c.child("model");
        String type = null;
        Long ram = null;
        Long vram = null;
        Long vgamem = null;
        Integer heads = null;
        boolean primary = false;
        if (model != null) {
            type = model.attr("type");
            ram = XmlValues.longAttr(model, "ram");
            vram = XmlValues.longAttr(model, "vram");
            vgamem = XmlValues.longAttr(model, "vgamem");
            heads = XmlValues.intAttr(model, "heads");
            primary = "yes".equals(model.attr("primary")); // anything else is not primary, as for libvirt
        }
        DeviceAddress address = address(c);
        return new VideoDevice(type, ram, vram, vgamem, heads, primary, address, c.unknowns());
    }

    private static DeviceAddress address(ElementCursor device) {
        ElementCursor a = device.child("address");
        if (a == null) {
            return null;
        }
        String type = a.attr("type");
        return new DeviceAddress(type, a.takeRemainingAttributes());
    }
}
