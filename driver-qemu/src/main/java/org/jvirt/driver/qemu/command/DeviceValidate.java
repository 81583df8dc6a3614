package org.jvirt.driver.qemu.command;

import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.InputDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;

/**
 * {@link QemuValidate}'s checks of the devices other than disks, interfaces, character devices
 * ({@link CharDeviceValidate}), video ({@link VideoValidate}) and graphics ({@link GraphicsValidate}):
 * controllers, inputs, sound, the balloon, devices the driver does not know; and of device addresses,
 * which only PCI ones on the root bus pass. Each method refuses the first fault of its family, in
 * document order, as its builder would meet it. Stateless.
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

    /** A virtio device's address: PCI, or virtio-mmio on a board that has the transport (Arm's virt). */
    static void virtioType(String domain, String where, DeviceAddress a, String machine) {
        if ("virtio-mmio".equals(a.type()) && Machines.isArmVirt(machine)) {
            return;
        }
        if (!"pci".equals(a.type())) {
            throw Unsupported.config(domain, where + ": address type '" + a.type()
                    + "' is not supported by the QEMU driver, only 'pci'"
                    + (Machines.isArmVirt(machine) ? " and 'virtio-mmio'" : ""));
        }
    }

    /**
     * A PCI address must be one QEMU can be given ({@link QemuOptions#placeable}). The error names no domain,
     * as the builder's always did.
     */
    static void pciAddress(DeviceAddress a) {
        if (a != null && "pci".equals(a.type()) && !QemuOptions.placeable(a)) {
            throw Unsupported.config(null, "PCI address " + a.attributes()
                    + " is not supported: only domain 0, slots 1 to 31 of bus 0 and 0 to 31 of the others");
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
        int pcspk = 0;
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
                case "pcspk" -> {
                    if (!Machines.isPc(g.machine()) && !Machines.isQ35(g.machine())) {
                        throw Unsupported.config(g.name(), "sound model 'pcspk' exists only on the PC machines");
                    }
                    if (pcspk++ > 0) {
                        throw Unsupported.config(g.name(), "sound model 'pcspk': the PC has one speaker");
                    }
                }
                default -> throw Unsupported.config(g.name(), "sound model '" + model
                        + "' is not supported (supported: ac97, es1370, ich6, ich9, pcspk, sb16)");
            }
        }
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
