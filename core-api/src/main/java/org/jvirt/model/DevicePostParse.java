package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's generic post-parse of one device ({@code virDomainDeviceDefPostParseCommon}), as far
 * as the model goes. Stateless.
 *
 * @since 1.0
 */
final class DevicePostParse {
    /**
     * The disk buses on controllers of the same name, whose disks have drive addresses: one from
     * their target name, and no other type of address.
     */
    private static final Set<String> X86 = Set.of("i686", "x86_64");

    private DevicePostParse() {
    }

    /** {@code device} of {@code def} after libvirt's generic rules for its kind; itself when nothing changes. */
    static Device apply(Device device, DomainDefinition def, DomainRules rules) {
        if (device instanceof UnknownDevice unknown) {
            XmlElement e = unknown.element();
            XmlElement read = Elements.withChildren(e, e.children().stream().filter(c -> !generatedAlias(c))
                    .map(DevicePostParse::bootLoadparm).toList());
            if (read != e) {
                unknown = new UnknownDevice(read);
            }
            return unknownAddress(ElementDevicePostParse.apply(hostdev(unknown)));
        }
        return kind(withAddress(asDeviceInfoIsRead(device), AddressPostParse.apply(device.address())), def, rules);
    }

    /**
     * virDomainDeviceInfoParseXML: an inactive definition keeps only the aliases users give
     * ({@code ua-} ones); the others are what a running guest's devices were called.
     */
    private static boolean generatedAlias(XmlElement e) {
        return e.name().equals("alias") && (e.attribute("name") == null || !e.attribute("name").startsWith("ua-"));
    }

    /** virDomainDeviceBootParseXML: a boot entry's loadparm is kept in capitals. */
    private static XmlElement bootLoadparm(XmlElement e) {
        String loadparm = e.name().equals("boot") ? e.attribute("loadparm") : null;
        if (loadparm == null || loadparm.equals(loadparm.toUpperCase(Locale.ROOT))) {
            return e;
        }
        return e.toBuilder().attribute("loadparm", loadparm.toUpperCase(Locale.ROOT)).build();
    }

    /** {@code device} with its device information as libvirt reads it: no generated alias, loadparm in capitals. */
    private static Device asDeviceInfoIsRead(Device device) {
        List<XmlElement> own = device.unknowns().elementsAt("");
        if (own.stream().noneMatch(e -> generatedAlias(e) || bootLoadparm(e) != e)) {
            return device;
        }
        List<XmlElement> kept = own.stream().filter(e -> !generatedAlias(e)).map(DevicePostParse::bootLoadparm)
                .toList();
        return rebuilt(device, device.address(), device.unknowns().withElementsAt("", kept));
    }

    /**
     * virDomainHostdevDefParseXML and its formatter: a host device is a subsystem one unless it says
     * otherwise, and a subsystem one is managed or not, {@code no} unless it says {@code yes}; a PCI
     * one's host address is written in full.
     */
    private static UnknownDevice hostdev(UnknownDevice device) {
        XmlElement e = device.element();
        if (!e.name().equals("hostdev")) {
            return device;
        }
        String mode = e.attribute("mode") == null ? "subsystem" : e.attribute("mode");
        String managed = e.attribute("managed");
        boolean subsystem = mode.equals("subsystem");
        String canonical = subsystem ? ("yes".equals(managed) ? "yes" : "no") : managed;
        XmlElement.Builder b = XmlElement.builder("hostdev").attribute("mode", mode);
        if (e.attribute("type") != null) {
            b.attribute("type", e.attribute("type"));
        }
        if (canonical != null) {
            b.attribute("managed", canonical);
        }
        e.attributes().forEach((k, v) -> {
            if (!k.equals("mode") && !k.equals("type") && !k.equals("managed")) {
                b.attribute(k, v);
            }
        });
        boolean pci = subsystem && "pci".equals(e.attribute("type"));
        boolean scsi = subsystem && "scsi".equals(e.attribute("type"));
        for (XmlElement child : e.children()) {
            if (pci && child.name().equals("source")) {
                child = withHostPci(child, false);
            } else if (scsi && child.name().equals("source") && "iscsi".equals(child.attribute("protocol"))
                    && child.attribute("name") != null && child.attribute("name").indexOf('/') < 0) {
                // virDomainPostParseCheckISCSIPath: an iSCSI target without a LUN means LUN 0.
                child = child.toBuilder().attribute("name", child.attribute("name") + "/0").build();
            }
            b.child(child);
        }
        XmlElement done = b.text(e.text()).build();
        return done.equals(e) ? device : new UnknownDevice(done);
    }

    /** {@code source} with its PCI {@code <address>} as libvirt writes a host's PCI address. */
    static XmlElement withHostPci(XmlElement source, boolean withType) {
        XmlElement address = source.child("address");
        if (address == null) {
            return source;
        }
        XmlElement pci = AddressPostParse.hostPci(address, withType);
        return Elements.withChildren(source, source.children().stream().map(c -> c == address ? pci : c).toList());
    }

    /** A device the model does not know still has its {@code <address>} read as libvirt reads addresses. */
    private static UnknownDevice unknownAddress(UnknownDevice device) {
        XmlElement element = device.element();
        XmlElement address = element.child("address");
        if (address == null) {
            return device;
        }
        Map<String, String> attributes = new LinkedHashMap<>(address.attributes());
        String type = attributes.remove("type");
        DeviceAddress before = new DeviceAddress(type, attributes);
        DeviceAddress after = AddressPostParse.apply(before);
        if (after == before) {
            return device;
        }
        XmlElement.Builder a = XmlElement.builder("address").attribute("type", type);
        after.attributes().forEach(a::attribute);
        address.children().forEach(a::child);
        XmlElement read = a.build();
        return new UnknownDevice(Elements.withChildren(element,
                element.children().stream().map(c -> c == address ? read : c).toList()));
    }

    private static Device kind(Device device, DomainDefinition def, DomainRules rules) {
        if (device instanceof DiskDevice disk) {
            return DiskPostParse.apply(disk, def, rules);
        }
        if (device instanceof VideoDevice video) {
            return video(video, def);
        }
        if (device instanceof InputDevice input) {
            return input(input, def);
        }
        if (device instanceof CharDevice chr) {
            return CharacterPostParse.apply(chr);
        }
        if (device instanceof InterfaceDevice net) {
            return InterfacePostParse.apply(net);
        }
        if (device instanceof GraphicsDevice graphics) {
            return GraphicsPostParse.apply(graphics);
        }
        return device;
    }

    /** {@code device} with {@code address}; the same object when it already has it. */
    private static Device withAddress(Device device, DeviceAddress address) {
        return Objects.equals(address, device.address()) ? device : rebuilt(device, address, device.unknowns());
    }

    /** {@code device} with {@code address} and {@code u}; an UnknownDevice keeps both inside its element. */
    private static Device rebuilt(Device device, DeviceAddress address, Unknowns u) {
        if (device instanceof DiskDevice d) {
            return d.toBuilder().address(address).unknowns(u).build();
        } else if (device instanceof InterfaceDevice i) {
            return i.toBuilder().address(address).unknowns(u).build();
        } else if (device instanceof CharDevice c) {
            return c.toBuilder().address(address).unknowns(u).build();
        } else if (device instanceof GraphicsDevice g) {
            return g.toBuilder().address(address).unknowns(u).build();
        } else if (device instanceof InputDevice i) {
            return new InputDevice(i.type(), i.bus(), address, u);
        } else if (device instanceof SoundDevice s) {
            return new SoundDevice(s.model(), address, u);
        } else if (device instanceof MemballoonDevice m) {
            return new MemballoonDevice(m.model(), address, u);
        } else if (device instanceof ControllerDevice c) {
            return new ControllerDevice(c.type(), c.index(), c.model(), address, u);
        } else if (device instanceof VideoDevice v) {
            return new VideoDevice(v.modelType(), v.ram(), v.vram(), v.vgamem(), v.heads(), v.primary(), address, u);
        }
        return device;
    }

    /** virDomainVideoDefPostParse: the video memory libvirt gives each model, in powers of two. */
    private static VideoDevice video(VideoDevice video, DomainDefinition def) {
        String type = video.modelType();
        if (type == null || type.equals("none")) {
            return video;
        }
        Long ram = video.ram();
        if ((ram == null || ram == 0) && type.equals("qxl")) {
            ram = defaultRam(def, type);
        }
        Long vram = video.vram() == null || video.vram() == 0 ? defaultRam(def, type) : video.vram();
        ram = powerOfTwo(ram);
        vram = powerOfTwo(vram);
        Integer heads = video.heads() == null ? Integer.valueOf(1) : video.heads();
        if (Objects.equals(ram, video.ram()) && Objects.equals(vram, video.vram())
                && heads.equals(video.heads())) {
            return video;
        }
        return video.with(type, ram, vram, heads, video.primary());
    }

    /** virDomainVideoDefaultRAM, in KiB; null where libvirt has no default. */
    private static Long defaultRam(DomainDefinition def, String type) {
        return switch (type) {
            case "vga", "cirrus", "vmvga" -> "vbox".equals(def.type()) ? 8 * 1024L
                    : "vmware".equals(def.type()) ? 4 * 1024L : 16 * 1024L;
            case "bochs" -> 16 * 1024L;
            case "xen" -> 4 * 1024L;
            case "qxl" -> 64 * 1024L;
            default -> null;
        };
    }

    private static Long powerOfTwo(Long value) {
        if (value == null || value <= 0) {
            return value;
        }
        return Long.bitCount(value) == 1 ? value : Long.highestOneBit(value) << 1;
    }

    /** virDomainInputDefPostParse: the bus an input without one sits on. */
    private static InputDevice input(InputDevice input, DomainDefinition def) {
        if (input.bus() != null) {
            return input;
        }
        String osType = def.os() == null ? null : def.os().type();
        String arch = def.os() == null ? null : def.os().arch();
        String bus = null;
        if ("hvm".equals(osType)) {
            if (("mouse".equals(input.type()) || "keyboard".equals(input.type()))
                    && (arch == null || X86.contains(arch))) {
                bus = "ps2";
            } else if (arch != null && arch.startsWith("s390") || "passthrough".equals(input.type())) {
                bus = "virtio";
            } else if ("evdev".equals(input.type())) {
                bus = null;
            } else {
                bus = "usb";
            }
        } else if ("xen".equals(osType) || "linux".equals(osType) || "xenpvh".equals(osType)) {
            bus = "xen";
        } else if ("vz".equals(def.type()) || "parallels".equals(def.type())) {
            bus = "parallels";
        }
        return bus == null ? input : new InputDevice(input.type(), bus, input.address(), input.unknowns());
    }

    /**
     * The boot orders devices of {@code def} give themselves ({@code <boot order=>}), in device
     * order (virDomainDefCollectBootOrder); one used twice is refused in libvirt's words.
     */
    static List<String> bootOrders(DomainDefinition def) {
        List<String> orders = new ArrayList<>();
        for (Device device : def.devices()) {
            List<XmlElement> children = device instanceof UnknownDevice unknown ? unknown.element().children()
                    : device.unknowns().elementsAt("");
            for (XmlElement e : children) {
                if (e.name().equals("boot")) {
                    String order = e.attribute("order") == null ? "" : e.attribute("order").strip();
                    if (orders.contains(order)) {
                        throw DomainErrors.unsupported("boot order '" + order + "' used for more than one device");
                    }
                    orders.add(order);
                }
            }
        }
        return orders;
    }
}
