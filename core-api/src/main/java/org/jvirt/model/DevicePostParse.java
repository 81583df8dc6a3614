package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
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
    static final Set<String> DRIVE_BUSES = Set.of("ide", "scsi", "fdc", "sata");
    private static final Set<String> X86 = Set.of("i686", "x86_64");
    /** virStorageFileFormat's names (its "none" aside, which a document cannot name). */
    private static final Set<String> STORAGE_FORMATS = Set.of("raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc",
            "vdi", "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");

    private DevicePostParse() {
    }

    /** {@code device} of {@code def} after libvirt's generic rules for its kind; the same object when nothing changes. */
    static Device apply(Device device, DomainDefinition def, DomainRules rules) {
        if (device instanceof UnknownDevice unknown) {
            return unknownAddress(ElementDevicePostParse.apply(hostdev(unknown)));
        }
        return kind(withAddress(device, AddressPostParse.apply(device.address())), def, rules);
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
                XmlElement.Builder s = XmlElement.builder("source").text(child.text());
                child.attributes().forEach((k, v) -> s.attribute(k, k.equals("name") ? v + "/0" : v));
                child.children().forEach(s::child);
                child = s.build();
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
        XmlElement.Builder b = XmlElement.builder(source.name()).text(source.text());
        source.attributes().forEach(b::attribute);
        for (XmlElement child : source.children()) {
            b.child(child == address ? AddressPostParse.hostPci(address, withType) : child);
        }
        XmlElement done = b.build();
        return done.equals(source) ? source : done;
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
        XmlElement.Builder b = XmlElement.builder(element.name()).text(element.text());
        element.attributes().forEach(b::attribute);
        for (XmlElement child : element.children()) {
            b.child(child == address ? a.build() : child);
        }
        return new UnknownDevice(b.build());
    }

    private static Device kind(Device device, DomainDefinition def, DomainRules rules) {
        if (device instanceof DiskDevice disk) {
            return disk(disk, def, rules);
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
            return networkInterface(net);
        }
        if (device instanceof GraphicsDevice graphics) {
            return GraphicsPostParse.apply(graphics);
        }
        return device;
    }

    /** {@code device} with {@code address}; the same object when it already has it. */
    private static Device withAddress(Device device, DeviceAddress address) {
        if (Objects.equals(address, device.address())) {
            return device;
        }
        if (device instanceof DiskDevice d) {
            return d.toBuilder().address(address).build();
        } else if (device instanceof InterfaceDevice i) {
            return i.toBuilder().address(address).build();
        } else if (device instanceof CharDevice c) {
            return c.toBuilder().address(address).build();
        } else if (device instanceof GraphicsDevice g) {
            return g.toBuilder().address(address).build();
        } else if (device instanceof InputDevice i) {
            return new InputDevice(i.type(), i.bus(), address, i.unknowns());
        } else if (device instanceof SoundDevice s) {
            return new SoundDevice(s.model(), address, s.unknowns());
        } else if (device instanceof MemballoonDevice m) {
            return new MemballoonDevice(m.model(), address, m.unknowns());
        } else if (device instanceof ControllerDevice c) {
            return new ControllerDevice(c.type(), c.index(), c.model(), address, c.unknowns());
        } else if (device instanceof VideoDevice v) {
            return new VideoDevice(v.modelType(), v.ram(), v.vram(), v.vgamem(), v.heads(), v.primary(), address,
                    v.unknowns());
        }
        return device; // UnknownDevice: its address stays inside the element
    }

    /**
     * virDomainDiskDefPostParse: Xen's old "ioemu:" prefix goes, a CD-ROM is read-only, and a disk on
     * a controller-based bus gets the drive address its target name implies.
     */
    private static DiskDevice disk(DiskDevice disk, DomainDefinition def, DomainRules rules) {
        DiskDevice.Builder b = null;
        String dev = disk.targetDev();
        if (dev.startsWith("ioemu:")) {
            dev = dev.substring("ioemu:".length());
            b = disk.toBuilder().target(dev, disk.targetBus());
        }
        String format = disk.driverType();
        if ("aio".equals(format)) {
            // Xen's old name for raw.
            b = (b == null ? disk.toBuilder() : b).driver(disk.driverName(), "raw", disk.driverCache());
        } else if (format != null && !STORAGE_FORMATS.contains(format)) {
            throw DomainErrors.unsupported("unknown driver format value '" + format + "'");
        }
        if (disk.device().equals("cdrom") && !disk.readOnly()) {
            b = (b == null ? disk.toBuilder() : b).readOnly(true);
        }
        if (disk.source() == null && !Preserved.at(disk.unknowns(), "source") && !disk.type().equals("file")) {
            // virDomainDiskDefParseXML: a disk without a source is a file that is not there.
            b = (b == null ? disk.toBuilder() : b).type("file");
        }
        Unknowns u = diskUnknowns(disk, disk.readOnly() || disk.device().equals("cdrom"));
        if (u != disk.unknowns()) {
            b = (b == null ? disk.toBuilder() : b).unknowns(u);
        }
        if (disk.address() == null) {
            // virDomainDiskDefAssignAddress: every disk without an address needs a disk name, and one on
            // a controller bus gets the drive address it implies.
            if (diskIndex(dev) < 0) {
                throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                        "XML error: Unknown disk name '" + dev + "' and no address specified");
            }
            if (DRIVE_BUSES.contains(disk.targetBus())) {
                DeviceAddress implied = driveAddress(disk.targetBus(), dev, rules.wideScsi());
                if (disk.targetBus().equals("scsi")) {
                    ScsiHostdevs.requireFree(def.devices(), implied, dev);
                }
                b = (b == null ? disk.toBuilder() : b).address(implied);
            }
        }
        return b == null ? disk : b.build();
    }

    /** The default port of each network storage protocol that has one (virStorageSourceNetworkDefaultPort). */
    private static final Map<String, String> DEFAULT_PORTS = Map.of("http", "80", "https", "443", "ftp", "21",
            "ftps", "990", "tftp", "69", "sheepdog", "7000", "nbd", "10809", "ssh", "22", "iscsi", "3260",
            "gluster", "24007");

    /**
     * What virDomainDiskDefPostParse and the disk formatter settle of what the model keeps unread:
     * a tray is written only when a floppy or CD-ROM's is open; a read-only disk is never
     * snapshotted, which goes without saying; a mirror is not read, a backing chain as
     * {@link BackingChains} reads it; an iSCSI target without a LUN means LUN 0; a TCP
     * host of a network source has its protocol's default port.
     */
    private static Unknowns diskUnknowns(DiskDevice disk, boolean readOnly) {
        Unknowns u = disk.unknowns();
        String tray = u.attributesAt("target").get("tray");
        if (tray != null && (tray.equals("closed") || !disk.device().equals("floppy") && !disk.device().equals("cdrom"))) {
            u = u.withoutAttribute("target", "tray");
        }
        if (readOnly && "no".equals(u.attributesAt("").get("snapshot"))) {
            u = u.withoutAttribute("", "snapshot");
        }
        List<XmlElement> own = u.elementsAt("");
        if (own.stream().anyMatch(e -> e.name().equals("mirror") || e.name().equals("backingStore"))) {
            // A block job's mirror belongs to a running guest; the backing chain is read as libvirt reads it.
            List<XmlElement> read = new ArrayList<>(own.size());
            for (XmlElement e : own) {
                if (e.name().equals("backingStore")) {
                    read.add(BackingChains.read(e));
                } else if (!e.name().equals("mirror")) {
                    read.add(e);
                }
            }
            u = u.withElementsAt("", read);
        }
        if (disk.type().equals("network")) {
            String protocol = u.attributesAt("source").get("protocol");
            String name = u.attributesAt("source").get("name");
            if ("iscsi".equals(protocol) && name != null && name.indexOf('/') < 0) {
                u = u.withAttributeValue("source", "name", name + "/0");
            }
            String port = protocol == null ? null : DEFAULT_PORTS.get(protocol);
            List<XmlElement> children = u.elementsAt("source");
            if (port != null && children.stream().anyMatch(h -> h.name().equals("host"))) {
                List<XmlElement> hosts = new ArrayList<>(children);
                hosts.replaceAll(h -> h.name().equals("host") && h.attribute("port") == null
                        && (h.attribute("transport") == null || h.attribute("transport").equals("tcp"))
                        ? withAttributeAfter(h, "port", port, "name") : h);
                u = u.withElementsAt("source", hosts);
            }
        }
        return u;
    }

    /** {@code e} with attribute {@code name} set to {@code value}, written right after {@code after}. */
    private static XmlElement withAttributeAfter(XmlElement e, String name, String value, String after) {
        XmlElement.Builder b = XmlElement.builder(e.name()).text(e.text());
        boolean placed = false;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            b.attribute(a.getKey(), a.getValue());
            if (a.getKey().equals(after)) {
                b.attribute(name, value);
                placed = true;
            }
        }
        if (!placed) {
            b.attribute(name, value);
        }
        e.children().forEach(b::child);
        return b.build();
    }

    /** virDomainDiskDefAssignAddress: the drive address of a disk named {@code dev} on {@code bus}. */
    static DeviceAddress driveAddress(String bus, String dev, boolean wideScsi) {
        int idx = diskIndex(dev);
        if (idx < 0) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    "XML error: Unknown disk name '" + dev + "' and no address specified");
        }
        int controller;
        int busNumber = 0;
        int unit;
        switch (bus) {
            case "scsi" -> {
                if (wideScsi) {
                    // 16 units per bus, 1 bus per controller; unit 7 is the controller itself.
                    controller = idx / 15;
                    unit = idx % 15;
                    if (unit >= 7) {
                        unit++;
                    }
                } else {
                    controller = idx / 7;
                    unit = idx % 7;
                }
            }
            case "fdc" -> {
                controller = idx / 2;
                unit = idx % 2;
            }
            case "ide" -> {
                controller = idx / 4;
                busNumber = (idx % 4) / 2;
                unit = idx % 2;
            }
            default -> { // sata
                controller = idx / 6;
                unit = idx % 6;
            }
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("controller", Integer.toString(controller));
        a.put("bus", Integer.toString(busNumber));
        a.put("target", "0");
        a.put("unit", Integer.toString(unit));
        return new DeviceAddress("drive", a);
    }

    /**
     * virDiskNameToIndex: {@code hda} is 0, {@code sdb} 1, {@code vdaa} 26, a partition number
     * ({@code sda1}) ignored; -1 for a name that is no disk name (no known prefix, no letters, or
     * anything else after them).
     */
    static int diskIndex(String name) {
        String rest = null;
        for (String prefix : new String[] {"fd", "hd", "vd", "sd", "xvd", "ubd"}) {
            if (name.startsWith(prefix)) {
                rest = name.substring(prefix.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty() || rest.charAt(0) < 'a' || rest.charAt(0) > 'z') {
            return -1;
        }
        int idx = 0;
        int i = 0;
        for (; i < rest.length() && rest.charAt(i) >= 'a' && rest.charAt(i) <= 'z'; i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26 + (rest.charAt(i) - 'a');
        }
        for (int j = i; j < rest.length(); j++) {
            if (rest.charAt(j) < '0' || rest.charAt(j) > '9') {
                return -1;
            }
        }
        return idx;
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
     * virDomainNetDefParseXML: a host-side name libvirt generates ({@code vnetN}, {@code macvtapN},
     * {@code macvlanN}) belongs to a running guest, not to its definition.
     */
    private static InterfaceDevice networkInterface(InterfaceDevice net) {
        requireSource(net);
        InterfaceDevice.Builder b = net.toBuilder();
        String dev = net.targetDev();
        if (dev != null && (dev.startsWith("vnet") || dev.startsWith("macvtap") || dev.startsWith("macvlan"))) {
            b.targetDev(null);
        }
        Unknowns u = net.unknowns();
        if (net.ip() != null) {
            u = ipFamily(net.ip(), u);
        }
        List<XmlElement> own = new ArrayList<>(u.elementsAt(""));
        if (!FILTERED_INTERFACES.contains(net.type())) {
            own.removeIf(e -> e.name().equals("filterref"));
        }
        if (net.type().equals("hostdev")) {
            // Its <driver> is the host device's: the backend's name is all libvirt reads of it.
            own.replaceAll(e -> !e.name().equals("driver") ? e : e.attribute("name") == null ? null
                    : XmlElement.builder("driver").attribute("name", e.attribute("name")).build());
            own.removeIf(Objects::isNull);
            List<XmlElement> source = new ArrayList<>(u.elementsAt("source"));
            source.replaceAll(e -> e.name().equals("address") ? AddressPostParse.hostPci(e, true) : e);
            u = u.withElementsAt("source", source);
        }
        InterfaceDevice done = b.unknowns(u.withElementsAt("", own)).build();
        return done.equals(net) ? net : done;
    }

    /** Interface types whose {@code <filterref>} libvirt reads (virDomainNetDefParseXML); others lose it. */
    private static final Set<String> FILTERED_INTERFACES = Set.of("network", "bridge", "ethernet");

    /**
     * virDomainNetIPParseXML and virDomainNetIPInfoFormat: an address's family is written, from the
     * address itself when the document names none, before its prefix and peer.
     */
    private static Unknowns ipFamily(String address, Unknowns u) {
        Map<String, String> given = u.attributesAt("ip");
        String family = given.get("family");
        if (family == null) {
            family = address.indexOf(':') >= 0 ? "ipv6" : "ipv4";
        }
        Unknowns out = u;
        for (String name : List.of("family", "prefix", "peer")) {
            out = out.withoutAttribute("ip", name);
        }
        out = out.withAttribute("ip", "family", family);
        for (String name : List.of("prefix", "peer")) {
            if (given.get(name) != null) {
                out = out.withAttribute("ip", name, given.get(name));
            }
        }
        return out;
    }

    /** Interface types whose {@code <source>} says where they connect (virDomainNetDefParseXMLRequireSource). */
    private static final Set<String> SOURCED_INTERFACES = Set.of("network", "bridge", "direct", "internal", "vds",
            "hostdev", "vdpa", "server", "client", "mcast", "udp");

    /** virDomainNetDefParseXML: an interface connected through its source names it. */
    private static void requireSource(InterfaceDevice net) {
        if (!SOURCED_INTERFACES.contains(net.type())) {
            return;
        }
        boolean source = net.sourceNetwork() != null || net.sourceBridge() != null
                || !net.unknowns().attributesAt("source").isEmpty() || !net.unknowns().elementsAt("source").isEmpty();
        if (!source) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "interface type='" + net.type() + "' requires a 'source' element");
        }
        String required = net.type().equals("network") ? "network" : net.type().equals("bridge") ? "bridge" : null;
        String value = "network".equals(required) ? net.sourceNetwork() : net.sourceBridge();
        if (required != null && value == null) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "Missing required attribute '" + required
                    + "' in element 'source'");
        }
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
