package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;

/**
 * {@link QemuValidate}'s checks of the devices other than disks and interfaces: controllers,
 * character devices and their backends, inputs, sound, graphics, video, devices the
 * driver does not know; and of device addresses, which only PCI ones on the root bus pass. Each
 * method refuses the first fault of its family, in document order, as its builder would meet it.
 * Stateless.
 */
final class DeviceValidate {
    private DeviceValidate() {
    }

    /** The addresses of the controllers the command line creates, which come first on it. */
    static void controllerAddresses(Guest g) {
        for (ControllerDevice c : g.def().devices(ControllerDevice.class)) {
            if (ControllerCommand.emulated(c, g.machine()) && !c.type().equals("ide")) {
                pciAddress(c.address());
            }
        }
    }

    /**
     * Every device on a PCI bus other than the root needs the PCI controller of that index (libvirt's
     * qemuBuildDeviceAddressPCIGetBus).
     */
    static void pciBuses(Guest g) {
        for (org.jvirt.model.Device d : g.def().devices()) {
            DeviceAddress a = d.address();
            if (a == null || !"pci".equals(a.type())) {
                continue;
            }
            long bus = QemuOptions.addressNumber(a.attribute("bus"));
            if (bus != 0 && !g.hasController("pci", (int) bus)) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "Could not find PCI controller"
                        + " with index '" + bus + "' required for device at address '" + pciAddressString(a) + "'",
                        g.name());
            }
        }
    }

    /** {@code 0000:01:02.3}, as libvirt writes a PCI address in messages. */
    static String pciAddressString(DeviceAddress a) {
        return String.format("%04x:%02x:%02x.%d", QemuOptions.addressNumber(a.attribute("domain")),
                QemuOptions.addressNumber(a.attribute("bus")), QemuOptions.addressNumber(a.attribute("slot")),
                QemuOptions.addressNumber(a.attribute("function")));
    }

    /** Controllers the driver does not emulate; after the disks, whose own errors say more. */
    static void otherControllers(Guest g) {
        for (ControllerDevice c : g.def().devices(ControllerDevice.class)) {
            for (org.jvirt.model.xml.XmlElement e : c.unknowns().elementsAt("")) {
                if (e.name().equals("pcihole64")) {
                    pciHole64(g, c, e);
                }
            }
            // smartcard readers are SmartcardCommand's
            if (!ControllerCommand.emulated(c, g.machine()) && !c.type().equals("ccid")) {
                throw Unsupported.config(g.name(), "<controller type='" + c.type() + "' index='" + c.index() + "'"
                        + (c.model() == null ? "" : " model='" + c.model() + "'") + "> is not supported by the QEMU"
                        + " driver (supported: PCI roots, bridges and ports, USB controllers, the machine's own IDE"
                        + " or SATA controller 0, SCSI controller 0 of model virtio-scsi, virtio-serial controllers)");
            }
        }
    }

    /** A {@code <pcihole64>}: on the PCI root of an x86 PC, a size in a known unit. */
    private static void pciHole64(Guest g, ControllerDevice c, org.jvirt.model.xml.XmlElement e) {
        if (!"pci-root".equals(c.model()) && !"pcie-root".equals(c.model())
                || !Machines.isPc(g.machine()) && !Machines.isQ35(g.machine())) {
            throw Unsupported.config(g.name(), "Setting the 64-bit PCI hole size is not supported for machine '"
                    + g.machine() + "' or controller model '" + c.model() + "'");
        }
        String unit = e.attribute("unit");
        if (!e.text().strip().matches("[0-9]{1,15}") || unit != null
                && !Set.of("b", "bytes", "KB", "k", "KiB", "MB", "M", "MiB", "GB", "G", "GiB", "T", "TiB").contains(unit)) {
            throw Unsupported.invalid(g.name(), "invalid <pcihole64> size '" + e.text().strip() + "'"
                    + (unit == null ? "" : " unit '" + unit + "'"));
        }
    }

    /** A device address must be a PCI one, where the driver places devices by address at all. */
    static void pciType(String domain, String where, DeviceAddress a) {
        if (!"pci".equals(a.type())) {
            throw Unsupported.config(domain, where + ": address type '" + a.type()
                    + "' is not supported by the QEMU driver, only 'pci'");
        }
    }

    /**
     * A PCI address must be one QEMU can be given ({@link QemuOptions#placeable}). The error names no domain,
     * as the builder's always did.
     */
    static void pciAddress(DeviceAddress a) {
        if (a != null && !QemuOptions.placeable(a)) {
            throw Unsupported.config(null, "PCI address " + a.attributes()
                    + " is not supported: only domain 0, slots 1 to 31 of bus 0 and 0 to 31 of the others");
        }
    }

    static void charDevices(Guest g) {
        String name = g.name();
        int serialIndex = 0;
        int parallelIndex = 0;
        List<CharDevice> serials = g.def().devices(CharDevice.class).stream()
                .filter(c -> c.kind().equals("serial")).toList();
        for (CharDevice c : g.def().devices(CharDevice.class)) {
            String where = "<" + c.kind() + ">";
            switch (c.kind()) {
                case "serial" -> {
                    backend(name, c);
                    String tt = c.targetType();
                    if (Machines.isArmVirt(g.machine())) {
                        if (tt != null && !tt.equals("system-serial")) {
                            throw Unsupported.config(name, where + ": target type '" + tt
                                    + "' is not supported on machine virt, only 'system-serial'");
                        }
                        if (serialIndex > 0) {
                            throw Unsupported.config(name, where + ": machine virt has one serial port");
                        }
                    } else if (g.x86()) {
                        if (tt != null && !tt.equals("isa-serial")) {
                            throw Unsupported.config(name, where + ": target type '" + tt
                                    + "' is not supported, only 'isa-serial'");
                        }
                        if (serialIndex > 3) {
                            throw Unsupported.config(name, where + ": at most four ISA serial ports");
                        }
                    } else {
                        throw Unsupported.config(name, where + ": serial ports are not supported on machine "
                                + g.machine());
                    }
                    serialIndex++;
                }
                case "console" -> {
                    String tt = c.targetType() == null ? "serial" : c.targetType();
                    if (tt.equals("serial")) {
                        int port = c.targetPort() == null ? 0 : c.targetPort();
                        if (port >= serials.size()) {
                            throw Unsupported.config(name, where + ": a console of target type 'serial' needs a"
                                    + " matching <serial> port " + port);
                        }
                        if (!CharDeviceCommand.sameBackend(serials.get(port), c)) {
                            throw Unsupported.config(name, where + ": a serial console must have the same source"
                                    + " as serial port " + port);
                        }
                    } else if (tt.equals("virtio")) {
                        backend(name, c);
                    } else {
                        throw Unsupported.config(name, where + ": console target type '" + tt
                                + "' is not supported (supported: serial, virtio)");
                    }
                }
                case "parallel" -> {
                    if (!g.x86()) {
                        throw Unsupported.config(name, where + ": parallel ports exist only on x86 machines");
                    }
                    if (parallelIndex > 2) {
                        throw Unsupported.config(name, where + ": at most three parallel ports");
                    }
                    backend(name, c);
                    parallelIndex++;
                }
                default -> throw Unsupported.config(name, where + ": <" + c.kind()
                        + "> devices are not supported by the QEMU driver");
            }
            // After the kind's own checks, whose errors say more.
            if (c.address() != null) {
                throw Unsupported.config(name, where + ": device addresses are not supported for character devices");
            }
        }
    }

    /** A character device's host side, which becomes its {@code -chardev} (also an RNG's EGD backend). */
    static void charBackend(String name, CharDevice c) {
        backend(name, c);
    }

    /** A character device's host side, which becomes its {@code -chardev}. */
    private static void backend(String name, CharDevice c) {
        String where = "<" + c.kind() + " type='" + c.type() + "'>";
        CharSource src = c.sources().isEmpty() ? null : c.sources().get(0);
        if (c.sources().size() > 1 && !c.type().equals("udp")) {
            throw Unsupported.config(name, where + ": only one <source> is supported");
        }
        if (c.protocol() != null && !c.type().equals("tcp")) {
            throw Unsupported.config(name, where + ": <protocol> applies only to tcp devices");
        }
        switch (c.type()) {
            case "pty", "null" -> { }
            case "file", "pipe", "dev" -> path(name, src, where);
            case "unix" -> {
                path(name, src, where);
                mode(name, src == null || src.mode() == null ? "bind" : src.mode(), where);
            }
            case "tcp" -> {
                if (src == null || src.service() == null) {
                    throw Unsupported.invalid(name, where + " needs <source host= service=>");
                }
                String proto = c.protocol() == null ? "raw" : c.protocol();
                if (!proto.equals("raw") && !proto.equals("telnet")) {
                    throw Unsupported.config(name, where + ": protocol '" + proto + "' is not supported (raw, telnet)");
                }
                mode(name, src.mode() == null ? "bind" : src.mode(), where);
            }
            case "udp" -> {
                CharSource connect = CharDeviceCommand.udpSource(c, false);
                if (connect == null || connect.service() == null) {
                    throw Unsupported.invalid(name, where + " needs <source mode='connect' service=>");
                }
            }
            default -> throw Unsupported.config(name, where + ": character device type '" + c.type()
                    + "' is not supported by the QEMU driver (supported: pty, file, unix, tcp, udp, pipe, dev, null)");
        }
    }

    private static void path(String name, CharSource src, String where) {
        if (src == null || src.path() == null) {
            throw Unsupported.invalid(name, where + " needs <source path=...>");
        }
    }

    private static void mode(String name, String mode, String where) {
        if (!mode.equals("bind") && !mode.equals("connect")) {
            throw Unsupported.invalid(name, where + ": source mode '" + mode + "' is neither bind nor connect");
        }
    }

    static void inputs(Guest g) {
        for (InputDevice in : g.def().devices(InputDevice.class)) {
            String type = DeviceCommand.inputType(in);
            String bus = DeviceCommand.inputBus(in, g);
            String where = "input '" + type + "' on bus '" + bus + "'";
            String addressType = in.address() == null ? null : in.address().type();
            if (addressType != null && !(bus.equals("usb") && addressType.equals("usb")
                    || bus.equals("virtio") && addressType.equals("pci"))) {
                throw Unsupported.config(g.name(), where + ": address type '" + addressType
                        + "' is not supported for input devices (a USB input has a usb one, a virtio input a pci one)");
            }
            if ("usb".equals(addressType) && !"0".equals(in.address().attribute("bus"))) {
                throw Unsupported.config(g.name(), where + ": only USB bus 0 is supported");
            }
            if ("pci".equals(addressType)) {
                pciAddress(in.address());
            }
            boolean known = type.equals("mouse") || type.equals("keyboard") || type.equals("tablet");
            switch (bus) {
                case "ps2" -> {
                    if (!g.x86() || !(type.equals("mouse") || type.equals("keyboard"))) {
                        throw Unsupported.config(g.name(), where + " is not supported: PS/2 has a mouse and a keyboard,"
                                + " on x86 only");
                    }
                }
                case "usb", "virtio" -> {
                    if (type.equals("passthrough") && bus.equals("virtio")) {
                        PassthroughInputs.validate(g, in);
                    } else if (!known) {
                        throw Unsupported.config(g.name(), where + " is not supported");
                    }
                }
                default -> throw Unsupported.config(g.name(), where + " is not supported (buses: ps2, usb, virtio)");
            }
        }
    }

    static void sounds(Guest g) {
        for (SoundDevice s : g.def().devices(SoundDevice.class)) {
            pciAddress(s.address());
            String model = DeviceCommand.soundModel(s);
            if (s.address() != null && (model.equals("sb16") || !"pci".equals(s.address().type()))) {
                throw Unsupported.config(g.name(), "sound: device addresses are not supported, but PCI ones of PCI"
                        + " sound cards");
            }
            pciAddress(s.address());
            switch (model) {
                case "es1370", "ac97", "ich6", "ich9" -> { }
                case "sb16" -> {
                    if (!g.x86()) {
                        throw Unsupported.config(g.name(), "sound model 'sb16' exists only on x86");
                    }
                }
                default -> throw Unsupported.config(g.name(), "sound model '" + model
                        + "' is not supported (supported: ac97, es1370, ich6, ich9, sb16)");
            }
        }
    }

    static void graphics(Guest g) {
        String name = g.name();
        List<GraphicsDevice> gs = g.def().devices(GraphicsDevice.class);
        if (gs.isEmpty()) {
            return;
        }
        if (gs.size() > 1) {
            throw Unsupported.config(name, "only one <graphics> device is supported");
        }
        GraphicsDevice vnc = gs.get(0);
        if (!vnc.type().equals("vnc")) {
            throw Unsupported.config(name, "graphics type '" + vnc.type()
                    + "' is not supported by the QEMU driver, only 'vnc'");
        }
        if (vnc.address() != null) {
            throw Unsupported.config(name, "graphics: device addresses are not supported");
        }
        if (vnc.listens().size() > 1 || !vnc.listens().isEmpty() && !vnc.listens().get(0).type().equals("address")) {
            throw Unsupported.config(name, "VNC listens " + vnc.listens().stream().map(l -> l.type()).toList()
                    + " are not supported by the QEMU driver, only one of type 'address'");
        }
        String listen = DeviceCommand.vncListen(vnc);
        if (!listen.matches("[0-9A-Fa-f:.]+")) {
            throw Unsupported.config(name, "VNC listen address '" + listen + "' is not supported, only IP addresses");
        }
        if (!DeviceCommand.vncAutoport(vnc) && (vnc.port() < 5900 || vnc.port() > 65535)) {
            throw Unsupported.invalid(name, "VNC port " + vnc.port() + " is out of range 5900-65535");
        }
        if (vnc.keymap() != null && !vnc.keymap().matches("[a-z-]{2,8}")) {
            throw Unsupported.invalid(name, "invalid VNC keymap '" + vnc.keymap() + "'");
        }
    }

    static void video(Guest g) {
        List<VideoDevice> videos = g.def().devices(VideoDevice.class);
        if (videos.size() > 1) {
            throw Unsupported.config(g.name(), "only one <video> device is supported by the QEMU driver");
        }
        if (videos.isEmpty()) {
            return;
        }
        VideoDevice v = videos.get(0);
        String type = DeviceCommand.videoType(v, g);
        if (type.equals("none")) {
            return;
        }
        if (!DeviceCommand.VIDEO_DEVICES.containsKey(type)) {
            throw Unsupported.config(g.name(), "video model '" + type
                    + "' is not supported by the QEMU driver (supported: vga, virtio, cirrus, bochs, none)");
        }
        pciAddress(v.address());
    }

    static void unknownDevices(Guest g) {
        for (var d : g.def().devices()) {
            if (d instanceof UnknownDevice u && !HonouredElements.isDefaultAudio(u)
                    && !HonouredElements.isFirmwarePanic(u) && !HonouredElements.isMemoryModule(u)
                    && !HonouredElements.isLease(u) && !(g.x86() && FeatureCommand.isHypervPanic(u))
                    && !HonouredElements.isBuiltDevice(u)) {
                throw Unsupported.config(g.name(), "device <" + u.elementName()
                        + "> is not supported by the QEMU driver");
            }
        }
    }
}
