package org.jvirt.driver.qemu.address;

import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Which kind of PCI slot each device needs (qemuDomainDeviceCalculatePCIConnectFlags): none for a
 * device that is no PCI device, a conventional PCI slot, or — on a guest with a PCIe root — a PCIe
 * one for the devices QEMU makes PCIe (virtio ones included: QEMU 7.2 has the transitional models,
 * so the plain virtio models are PCIe). Stateless.
 */
final class PciDeviceFlags {
    private final int pcie;
    private final String defaultNicModel;
    private final HostPciDevices hosts;

    /**
     * @param pcieRoot whether the guest's PCI root is a pcie-root
     * @param defaultNicModel the model an interface without one gets (qemuDomainDefaultNetModel)
     * @param hosts what tells a PCIe host device (passed through) from a conventional one
     */
    PciDeviceFlags(boolean pcieRoot, String defaultNicModel, HostPciDevices hosts) {
        this.pcie = pcieRoot ? PciConnect.PCIE_DEVICE | PciConnect.AUTOASSIGN : PciConnect.PCI;
        this.defaultNicModel = defaultNicModel;
        this.hosts = hosts;
    }

    /** The flags of a device of PCIe kind on this guest: PCIe with a PCIe root, else conventional PCI. */
    int pcie() {
        return pcie;
    }

    int of(Device device) {
        if (device instanceof ControllerDevice c) {
            return controller(c);
        } else if (device instanceof InterfaceDevice nic) {
            String model = nic.model() == null ? defaultNicModel : nic.model();
            if ("hostdev".equals(nic.type()) || "usb-net".equals(model)) {
                return 0;
            }
            return switch (model == null ? "" : model) {
                case "virtio", "virtio-non-transitional" -> pcie;
                case "virtio-transitional" -> PciConnect.PCI;
                case "e1000e", "" -> pcie;
                default -> PciConnect.PCI;
            };
        } else if (device instanceof SoundDevice s) {
            return switch (s.model()) {
                case "es1370", "ac97", "ich6", "ich9" -> PciConnect.PCI;
                default -> 0;
            };
        } else if (device instanceof DiskDevice d) {
            return "virtio".equals(d.targetBus()) ? virtio(d.unknowns().attributesAt("").get("model")) : 0;
        } else if (device instanceof MemballoonDevice m) {
            return switch (m.model() == null ? "" : m.model()) {
                case "virtio", "virtio-non-transitional" -> pcie;
                case "virtio-transitional" -> PciConnect.PCI;
                default -> 0;
            };
        } else if (device instanceof VideoDevice v) {
            return switch (v.modelType() == null ? "" : v.modelType()) {
                case "virtio" -> pcie;
                case "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels" -> PciConnect.PCI;
                case "bochs" -> pcie;
                default -> 0;
            };
        } else if (device instanceof InputDevice in) {
            return "virtio".equals(in.bus()) ? virtio(in.unknowns().attributesAt("").get("model")) : 0;
        } else if (device instanceof CharDevice chr) {
            return chr.kind().equals("serial") && "pci-serial".equals(chr.targetType()) ? PciConnect.PCI : 0;
        } else if (device instanceof UnknownDevice u) {
            return element(u.element());
        }
        return 0;
    }

    private int controller(ControllerDevice c) {
        String model = c.model() == null ? "" : c.model();
        return switch (c.type()) {
            case "pci" -> PciConnect.ofControllerModel(c.model());
            case "sata", "ide" -> PciConnect.PCI;
            case "usb" -> switch (model) {
                case "nec-xhci", "qemu-xhci" -> pcie;
                case "none", "qusb1", "qusb2" -> 0;
                default -> PciConnect.PCI;
            };
            case "scsi" -> switch (model) {
                case "", "ncr53c90" -> 0;
                case "virtio-scsi", "virtio-non-transitional" -> pcie;
                default -> PciConnect.PCI;
            };
            case "virtio-serial" -> "virtio-transitional".equals(model) ? PciConnect.PCI : pcie;
            default -> 0;
        };
    }

    /** A virtio device: conventional PCI when transitional, else of PCIe kind. */
    private int virtio(String model) {
        return "virtio-transitional".equals(model) ? PciConnect.PCI : pcie;
    }

    private int element(XmlElement e) {
        String model = e.attribute("model");
        switch (e.name()) {
            case "filesystem" -> {
                XmlElement driver = e.child("driver");
                String type = driver == null ? null : driver.attribute("type");
                if ("loop".equals(type) || "nbd".equals(type) || "ploop".equals(type)) {
                    return 0;
                }
                return "virtiofs".equals(type) ? pcie : virtio(model);
            }
            case "hostdev" -> {
                String mode = e.attribute("mode");
                String type = e.attribute("type");
                if (mode != null && !mode.equals("subsystem")) {
                    return 0;
                }
                if ("scsi_host".equals(type)) {
                    return virtio(model);
                }
                if ("mdev".equals(type) || pcie == PciConnect.PCI) {
                    return "mdev".equals(type) || "pci".equals(type) ? pcie : 0;
                }
                if (!"pci".equals(type)) {
                    return 0;
                }
                // Placed by the document: libvirt trusts it as PCIe; otherwise as the host's device is.
                PciAddress placed = PciAddress.of(GuestDevices.addressOf(e));
                if (placed != null && placed.present()) {
                    return pcie;
                }
                XmlElement source = e.child("source");
                XmlElement host = source == null ? null : source.child("address");
                if (host == null) {
                    return pcie;
                }
                try {
                    return hosts.pcie(PciAddress.number(host.attribute("domain")), PciAddress.number(host.attribute("bus")),
                            PciAddress.number(host.attribute("slot")), PciAddress.number(host.attribute("function")))
                            ? pcie : PciConnect.PCI;
                } catch (NumberFormatException ex) {
                    return pcie;
                }
            }
            case "rng", "vsock" -> {
                return virtio(model);
            }
            case "watchdog" -> {
                return "i6300esb".equals(model) ? PciConnect.PCI : 0;
            }
            case "shmem" -> {
                return PciConnect.PCI;
            }
            case "iommu" -> {
                return "virtio".equals(model) ? pcie | PciConnect.INTEGRATED : 0;
            }
            case "memory" -> {
                return "virtio-pmem".equals(model) || "virtio-mem".equals(model) ? pcie : 0;
            }
            default -> {
                return 0;
            }
        }
    }
}
