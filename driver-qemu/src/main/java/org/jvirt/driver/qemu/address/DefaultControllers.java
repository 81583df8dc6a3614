package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;

/**
 * The controllers libvirt's QEMU driver gives every guest of a machine type (the controller part of
 * qemuDomainDefAddDefaultDevices): a USB controller (qemu-xhci on Q35; none on Arm, s390 or isapc),
 * Q35's SATA controller, and the PCI root — pci-root on i440FX and most others, pcie-root on Q35, Arm
 * and RISC-V virt — refusing a PCI controller 0 of the other kind. They are appended, as libvirt appends
 * them, before the controllers the guest's disks and channels imply. Stateless.
 */
public final class DefaultControllers {
    private DefaultControllers() {
    }

    /** Whether libvirt gives the guest a virtio balloon when it has none: not on Arm or 32-bit SPARC. */
    public static boolean balloonByDefault(DomainDefinition def) {
        Chipset chipset = Chipset.of(def);
        return !chipset.arm() && !chipset.arch().equals("sparc");
    }

    /** {@code def} with the controllers its machine type always has. */
    public static DomainDefinition add(DomainDefinition def) {
        Chipset chipset = Chipset.of(def);
        boolean usb = true;
        String usbModel = null;
        boolean sata = false;
        String root = null;
        if (chipset.x86()) {
            if (chipset.machine().equals("isapc")) {
                usb = false;
            } else if (chipset.q35()) {
                root = "pcie-root";
                sata = true;
                usbModel = "qemu-xhci";
            } else if (chipset.i440fx()) {
                root = "pci-root";
            }
        } else if (chipset.arm()) {
            usb = false;
            if (chipset.armVirt()) {
                root = "pcie-root";
            } else if (chipset.machine().equals("versatilepb")) {
                root = "pci-root";
            }
        } else if (chipset.arch().startsWith("ppc") || chipset.arch().equals("alpha")
                || chipset.arch().startsWith("sh4") || chipset.arch().equals("sparc64")) {
            root = "pci-root";
        } else if (chipset.riscv()) {
            usb = false;
            if (chipset.riscvVirt()) {
                root = "pcie-root";
            }
        } else if (chipset.arch().startsWith("s390") || chipset.arch().equals("sparc")) {
            usb = false;
        } else if (chipset.arch().startsWith("mips") && chipset.machine().equals("malta")) {
            root = "pci-root";
        }
        List<Device> devices = new ArrayList<>(def.devices());
        GuestDevices present = new GuestDevices(devices);
        if (usb && present.controller("usb", 0) < 0) {
            devices.add(new ControllerDevice("usb", 0, usbModel, null, null));
        }
        if (sata && present.controller("sata", 0) < 0) {
            devices.add(ControllerDevice.of("sata", 0));
        }
        if (root != null) {
            int at = present.controller("pci", 0);
            if (at < 0) {
                devices.add(new ControllerDevice("pci", 0, root, null, null));
            } else {
                String model = ((ControllerDevice) present.get(at)).model();
                if (!root.equals(model)) {
                    throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.QEMU, ErrorCode.XML_ERROR.format(
                            "The PCI controller with index='0' must be model='" + root
                                    + "' for this machine type, but model='" + model + "' was found instead"));
                }
            }
        }
        return devices.size() == def.devices().size() ? def : def.toBuilder().devices(devices).build();
    }
}
