package org.jvirt.driver.qemu.address;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's QEMU driver's post-parse of one controller (qemuDomainControllerDefPostParse): the USB
 * model a controller without one gets (piix3-uhci, qemu-xhci on aarch64 and POWER, none on s390
 * without an address), the SCSI model (lsilogic, ibmvscsi on pSeries, virtio-scsi on s390), and the
 * refusals: Xen USB controllers, xHCI controllers with more than 15 ports, PCI controllers the
 * machine type cannot have or bound to a NUMA node the guest lacks. Stateless.
 */
public final class ControllerModels {
    private ControllerModels() {
    }

    /** {@code c} with the model libvirt gives it; the same object when it keeps its own. */
    public static ControllerDevice apply(ControllerDevice c, DomainDefinition def) {
        Chipset chipset = Chipset.of(def);
        switch (c.type()) {
            case "scsi" -> {
                return c.model() != null ? c : with(c, scsiModel(chipset));
            }
            case "usb" -> {
                ControllerDevice done = c.model() != null ? c : with(c, usbModel(c, chipset));
                usbChecks(done, def);
                return done;
            }
            case "pci" -> {
                pci(c, chipset);
                numaNode(c, def);
                return c;
            }
            default -> {
                return c;
            }
        }
    }

    /** The USB model a controller without one gets: piix3-uhci, xHCI on aarch64 and POWER, none on s390. */
    private static String usbModel(ControllerDevice c, Chipset chipset) {
        if (chipset.arch().startsWith("s390")) {
            return c.address() == null ? "none" : "piix3-uhci";
        }
        if (chipset.arch().startsWith("ppc64") || chipset.arch().equals("aarch64")) {
            return "qemu-xhci";
        }
        return "piix3-uhci";
    }

    /** Xen's USB controllers, and more ports than an xHCI controller has (15), are refused. */
    private static void usbChecks(ControllerDevice c, DomainDefinition def) {
        String model = c.model();
        if ("qusb1".equals(model) || "qusb2".equals(model)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                    .format("USB controller model type 'qusb1' or 'qusb2' is not supported in " + def.type()));
        }
        String ports = c.unknowns().attributesAt("").get("ports");
        if (("nec-xhci".equals(model) || "qemu-xhci".equals(model)) && ports != null) {
            long count;
            try {
                count = PciAddress.number(ports);
            } catch (NumberFormatException e) {
                return;
            }
            if (count > 15) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                        .format("'" + model + "' controller only supports up to '15' ports"));
            }
        }
    }

    /** qemuDomainGetSCSIControllerModel for QEMU 7.2, which has lsi and virtio-scsi. */
    static String scsiModel(Chipset chipset) {
        if (chipset.arch().startsWith("ppc64") && chipset.machine().startsWith("pseries")) {
            return "ibmvscsi";
        }
        return chipset.arch().startsWith("s390") ? "virtio-scsi" : "lsilogic";
    }

    private static void pci(ControllerDevice c, Chipset chipset) {
        boolean pseries = chipset.arch().startsWith("ppc64") && chipset.machine().startsWith("pseries");
        String model = c.model() == null ? "" : c.model();
        if (!pseries && (model.equals("pci-root") || model.equals("pcie-root")) && c.index() != null
                && c.index() != 0) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.QEMU,
                    ErrorCode.XML_ERROR.format("pci-root and pcie-root controllers should have index 0"));
        }
        if (model.equals("pci-expander-bus") && !chipset.i440fx()) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                    .format("pci-expander-bus controllers are only supported on 440fx-based machinetypes"));
        }
        if (model.equals("pcie-expander-bus") && !chipset.q35() && !chipset.armVirt()) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                    .format("pcie-expander-bus controllers are not supported with this machine type"));
        }
    }

    /** A PCI controller's NUMA node ({@code <target><node>}) must be one of the guest's NUMA cells. */
    private static void numaNode(ControllerDevice c, DomainDefinition def) {
        Integer node = null;
        for (XmlElement e : c.unknowns().elementsAt("")) {
            XmlElement n = e.name().equals("target") ? e.child("node") : null;
            if (n != null && n.text().strip().matches("[0-9]+")) {
                node = Integer.valueOf(n.text().strip());
            }
        }
        if (node == null) {
            return;
        }
        int cells = 0;
        for (XmlElement e : def.unknowns().elementsAt("")) {
            XmlElement numa = e.name().equals("cpu") ? e.child("numa") : null;
            if (numa != null) {
                cells = (int) numa.children().stream().filter(x -> x.name().equals("cell")).count();
            }
        }
        if (node >= cells) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.QEMU, ErrorCode.XML_ERROR.format(c.model()
                    + " with index " + c.index() + " is configured for a NUMA node (" + node
                    + ") not present in the domain's <cpu><numa> array (" + cells + ")"));
        }
    }

    private static ControllerDevice with(ControllerDevice c, String model) {
        return new ControllerDevice(c.type(), c.index(), model, c.address(), c.unknowns());
    }
}
