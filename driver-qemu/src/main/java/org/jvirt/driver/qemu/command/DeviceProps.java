package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.addressNumber;

import java.util.Map;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DomainDefinition;

/**
 * Where a device sits, as the properties of its JSON {@code -device} (libvirt's
 * qemuBuildDeviceAddressProps), and the QEMU ids (libvirt's aliases, qemu_alias.c) of the
 * controllers devices sit on. Stateless.
 */
final class DeviceProps {
    private DeviceProps() {
    }

    /**
     * Adds the properties that place a device at {@code a} to {@code props}: {@code bus},
     * {@code multifunction} and {@code addr} for PCI, {@code bus} and {@code port} for USB,
     * {@code bus} and {@code nr} for virtio-serial, {@code iobase} and {@code irq} for ISA; nothing
     * for no address or one QEMU has no property for.
     */
    static void address(Map<String, Object> props, DeviceAddress a, DomainDefinition def) {
        if (a == null) {
            return;
        }
        switch (a.type()) {
            case "pci" -> pciAddress(props, a, pciBus(def, 0));
            case "usb" -> {
                props.put("bus", controllerAlias(def, "usb", (int) addressNumber(a.attribute("bus"))) + ".0");
                if (a.attribute("port") != null) {
                    props.put("port", a.attribute("port"));
                }
            }
            case "virtio-serial" -> {
                props.put("bus", controllerAlias(def, "virtio-serial", (int) addressNumber(a.attribute("controller")))
                        + "." + addressNumber(a.attribute("bus")));
                props.put("nr", (int) addressNumber(a.attribute("port")));
            }
            case "isa" -> {
                // libvirt writes the I/O base always and the IRQ when it is not 0
                props.put("iobase", addressNumber(a.attribute("iobase")));
                long irq = addressNumber(a.attribute("irq"));
                if (irq > 0) {
                    props.put("irq", irq);
                }
            }
            default -> {
                // drive addresses are each disk bus's own (DiskCommand); others have no QEMU property
            }
        }
    }

    /**
     * The properties placing a device at PCI address {@code a}, as libvirt writes them: {@code bus}
     * ({@code rootBus} for bus 0, {@code pci.N} else), {@code multifunction} when the address says,
     * {@code addr} ({@code 0x2}, {@code 0x1.0x2}).
     */
    static void pciAddress(Map<String, Object> props, DeviceAddress a, String rootBus) {
        long bus = addressNumber(a.attribute("bus"));
        props.put("bus", bus == 0 ? rootBus : "pci." + bus);
        if (a.attribute("multifunction") != null) {
            props.put("multifunction", a.attribute("multifunction").equals("on"));
        }
        long slot = addressNumber(a.attribute("slot"));
        long fn = addressNumber(a.attribute("function"));
        props.put("addr", "0x" + Long.toHexString(slot) + (fn == 0 ? "" : ".0x" + Long.toHexString(fn)));
    }

    /**
     * The QEMU device of a virtio device at {@code a}: {@code pciDriver} ({@code virtio-blk-pci}) on PCI or
     * with no address, its transport-less variant ({@code virtio-blk-device}) on virtio-mmio, as libvirt's
     * qemuBuildVirtioDevProps chooses.
     */
    static String virtio(String pciDriver, DeviceAddress a) {
        return a != null && "virtio-mmio".equals(a.type()) && pciDriver.endsWith("-pci")
                ? pciDriver.substring(0, pciDriver.length() - "-pci".length()) + "-device" : pciDriver;
    }

    /** The QEMU id of PCI bus {@code index}: {@code pcie.0} or {@code pci.0} for the root, {@code pci.N} else. */
    static String pciBus(DomainDefinition def, int index) {
        if (index == 0) {
            for (ControllerDevice c : def.devices(ControllerDevice.class)) {
                if (c.type().equals("pci") && c.index() != null && c.index() == 0) {
                    return "pcie-root".equals(c.model()) ? "pcie.0" : "pci.0";
                }
            }
            return Machines.isPcie(def.os().machine()) ? "pcie.0" : "pci.0";
        }
        return "pci." + index;
    }

    /**
     * A controller's QEMU id, as libvirt names it: {@code usb} for the first USB controller,
     * {@code ide} for a machine's built-in IDE (and q35's built-in SATA), {@code pci.N} /
     * {@code pcie.0} for PCI, else {@code TYPEINDEX} ({@code scsi0}, {@code virtio-serial0}).
     */
    static String controllerAlias(DomainDefinition def, String type, int index) {
        String machine = def.os().machine();
        return switch (type) {
            case "pci" -> pciBus(def, index);
            case "usb" -> index == 0 ? "usb" : "usb" + index;
            case "ide" -> index == 0 && Machines.isPc(machine) ? "ide" : "ide" + index;
            case "sata" -> index == 0 && Machines.isQ35(machine) ? "ide" : "sata" + index;
            default -> type + index;
        };
    }
}
