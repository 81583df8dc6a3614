package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.addressNumber;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The controllers' {@code -device}s, as libvirt's qemuBuildControllersCommandLine writes them: PCI
 * bridges and ports first, then USB, SCSI, IDE, SATA and virtio-serial controllers, each type in
 * index order; the machine's built-in ones (PCI roots, i440fx's IDE, q35's first SATA) have none.
 * Stateless.
 */
final class ControllerCommand {
    /** The controller types with a {@code -device}, in libvirt's order. */
    private static final List<String> ORDER = List.of("pci", "usb", "scsi", "ide", "sata", "virtio-serial");

    /** QEMU's device for each USB controller model. */
    static final Map<String, String> USB_DEVICES = Map.ofEntries(Map.entry("piix3-uhci", "piix3-usb-uhci"),
            Map.entry("piix4-uhci", "piix4-usb-uhci"), Map.entry("ehci", "usb-ehci"),
            Map.entry("ich9-ehci1", "ich9-usb-ehci1"), Map.entry("ich9-uhci1", "ich9-usb-uhci1"),
            Map.entry("ich9-uhci2", "ich9-usb-uhci2"), Map.entry("ich9-uhci3", "ich9-usb-uhci3"),
            Map.entry("vt82c686b-uhci", "vt82c686b-usb-uhci"), Map.entry("pci-ohci", "pci-ohci"),
            Map.entry("nec-xhci", "nec-usb-xhci"), Map.entry("qemu-xhci", "qemu-xhci"));

    /** QEMU's device for each SCSI controller model (virtio-scsi's transitional variants aside). */
    static final Map<String, String> SCSI_DEVICES = Map.of("virtio-scsi", "virtio-scsi-pci", "lsilogic", "lsi",
            "lsisas1068", "mptsas1068", "lsisas1078", "megasas", "vmpvscsi", "pvscsi", "am53c974", "am53c974",
            "dc390", "dc-390", "virtio-transitional", "virtio-scsi-pci-transitional",
            "virtio-non-transitional", "virtio-scsi-pci-non-transitional");

    /** The {@code <driver>} attributes of a virtio-scsi controller and QEMU's property for each, in libvirt's order. */
    private static final String[][] VIRTIO_SCSI_OPTIONS = {{"queues", "num_queues"}, {"cmd_per_lun", "cmd_per_lun"},
        {"max_sectors", "max_sectors"}, {"ioeventfd", "ioeventfd"}};

    /** QEMU's device for each PCI controller model, when its {@code <model name>} does not say. */
    static final Map<String, String> PCI_DEVICES = Map.of("pci-bridge", "pci-bridge",
            "dmi-to-pci-bridge", "i82801b11-bridge", "pcie-root-port", "pcie-root-port",
            "pcie-switch-upstream-port", "x3130-upstream", "pcie-switch-downstream-port", "xio3130-downstream",
            "pci-expander-bus", "pxb", "pcie-expander-bus", "pxb-pcie", "pcie-to-pci-bridge", "pcie-pci-bridge");

    private ControllerCommand() {
    }

    /** Whether the driver can give QEMU this controller (QemuValidate refuses the others). */
    static boolean emulated(ControllerDevice c, String machine) {
        int index = c.index() == null ? 0 : c.index();
        return switch (c.type()) {
            case "pci" -> c.model() == null || c.model().equals("pci-root") || c.model().equals("pcie-root")
                    || PCI_DEVICES.containsKey(c.model());
            case "usb" -> c.model() == null || c.model().equals("none") || USB_DEVICES.containsKey(c.model());
            // IDE 0 is the PC's own (at 00:01.1); on q35, IDE disks go on the built-in AHCI's ports
            case "ide" -> index == 0 && c.model() == null && !Machines.isArmVirt(machine)
                    && (c.address() == null || at(c.address(), 0, 1, 1));
            case "sata" -> index == 0 && c.model() == null && Machines.isQ35(machine)
                    && (c.address() == null || at(c.address(), 0, 0x1f, 2));
            case "scsi" -> c.model() == null || SCSI_DEVICES.containsKey(c.model());
            case "virtio-serial" -> c.model() == null;
            // the floppy controller: the PC's own, or the isa-fdc the floppies bring on q35 (DiskCommand)
            case "fdc" -> index == 0 && (Machines.isPc(machine) || Machines.isQ35(machine));
            default -> false;
        };
    }

    static void add(Guest g, CommandLine out) {
        DomainDefinition def = g.def();
        pciHole64(g, out);
        for (String type : ORDER) {
            for (ControllerDevice c : def.devices(ControllerDevice.class)) {
                if (!c.type().equals(type)) {
                    continue;
                }
                Map<String, Object> props = props(g, c);
                if (props != null) {
                    DeviceProps.address(props, c.address(), def);
                    out.device(props);
                }
            }
        }
    }

    /** The controller's properties before its address, or null when it has no {@code -device}. */
    private static Map<String, Object> props(Guest g, ControllerDevice c) {
        DomainDefinition def = g.def();
        int index = c.index() == null ? 0 : c.index();
        String alias = DeviceProps.controllerAlias(def, c.type(), index);
        Map<String, Object> p = new LinkedHashMap<>();
        switch (c.type()) {
            case "pci" -> {
                if (c.model() == null || c.model().equals("pci-root") || c.model().equals("pcie-root")) {
                    return null;
                }
                XmlElement target = child(c, "target");
                XmlElement model = child(c, "model");
                p.put("driver", model != null && model.attribute("name") != null ? model.attribute("name")
                        : PCI_DEVICES.get(c.model()));
                switch (c.model()) {
                    case "pci-bridge" -> p.put("chassis_nr", number(target, "chassisNr", index));
                    case "pci-expander-bus", "pcie-expander-bus" -> p.put("bus_nr", number(target, "busNr", index));
                    case "pcie-root-port", "pcie-switch-downstream-port" -> {
                        p.put("port", number(target, "port", defaultPort(c)));
                        p.put("chassis", number(target, "chassis", index));
                    }
                    default -> { }
                }
                p.put("id", alias);
                if (target != null && target.attribute("hotplug") != null) {
                    p.put("hotplug", target.attribute("hotplug").equals("on"));
                }
            }
            case "usb" -> {
                String model = c.model() == null ? (Machines.isPc(def.os().machine()) ? "piix3-uhci" : "qemu-xhci")
                        : c.model();
                if (model.equals("none")) {
                    return null;
                }
                p.put("driver", USB_DEVICES.get(model));
                String ports = c.unknowns().attributesAt("").get("ports");
                if (ports != null) {
                    p.put("p2", Integer.parseInt(ports));
                    p.put("p3", Integer.parseInt(ports));
                }
                XmlElement master = child(c, "master");
                if (master != null) {
                    p.put("masterbus", alias + ".0");
                    p.put("firstport", (int) addressNumber(master.attribute("startport")));
                } else {
                    p.put("id", alias);
                }
            }
            case "scsi" -> {
                p.put("driver", DeviceProps.virtio(SCSI_DEVICES.get(c.model() == null ? "virtio-scsi" : c.model()),
                        c.address()));
                XmlElement driverElement = child(c, "driver");
                Map<String, String> driver = driverElement == null ? Map.of() : driverElement.attributes();
                if (driver.get("iothread") != null) {
                    p.put("iothread", "iothread" + driver.get("iothread"));
                }
                p.put("id", alias);
                for (String[] option : VIRTIO_SCSI_OPTIONS) {
                    String value = driver.get(option[0]);
                    if (value != null) {
                        p.put(option[1], option[0].equals("ioeventfd") ? (Object) value.equals("on")
                                : (Object) Integer.parseInt(value));
                    }
                }
            }
            case "virtio-serial" -> {
                p.put("driver", DeviceProps.virtio("virtio-serial-pci", c.address()));
                p.put("id", alias);
                Map<String, String> attrs = c.unknowns().attributesAt("");
                if (attrs.get("ports") != null) {
                    p.put("max_ports", Integer.parseInt(attrs.get("ports")));
                }
                if (attrs.get("vectors") != null) {
                    p.put("vectors", Integer.parseInt(attrs.get("vectors")));
                }
            }
            default -> {
                return null; // the machine's own IDE and SATA controllers
            }
        }
        return p;
    }

    /**
     * The size of the PCI root's 64-bit window ({@code <pcihole64>}), a global property of the machine's
     * host bridge, in KiB as libvirt writes it.
     */
    private static void pciHole64(Guest g, CommandLine out) {
        for (ControllerDevice c : g.def().devices(ControllerDevice.class)) {
            XmlElement hole = c.type().equals("pci") ? child(c, "pcihole64") : null;
            if (hole != null) {
                String bridge = Machines.isQ35(g.machine()) ? "q35-pcihost" : "i440FX-pcihost";
                out.arg("-global", bridge + ".pci-hole64-size=" + pciHole64KiB(hole) + "K");
            }
        }
    }

    /** A {@code <pcihole64>}'s size in KiB (its unit KiB unless it says; b, KiB, MiB, GiB, TiB and SI units). */
    static long pciHole64KiB(XmlElement hole) {
        long value = Long.parseLong(hole.text().strip());
        String unit = hole.attribute("unit") == null ? "KiB" : hole.attribute("unit");
        long bytes = switch (unit) {
            case "b", "bytes" -> value;
            case "KB" -> value * 1000;
            case "k", "KiB" -> value * 1024;
            case "MB" -> value * 1000_000;
            case "M", "MiB" -> value << 20;
            case "GB" -> value * 1000_000_000L;
            case "G", "GiB" -> value << 30;
            case "T", "TiB" -> value << 40;
            default -> throw new IllegalStateException("pcihole64 unit '" + unit + "' was not validated");
        };
        return (bytes + 1023) / 1024;
    }

    private static boolean at(org.jvirt.model.DeviceAddress a, long bus, long slot, long function) {
        return "pci".equals(a.type()) && addressNumber(a.attribute("domain")) == 0
                && addressNumber(a.attribute("bus")) == bus && addressNumber(a.attribute("slot")) == slot
                && addressNumber(a.attribute("function")) == function;
    }

    /** libvirt's port for a root port without a {@code <target port>}: its slot and function. */
    private static int defaultPort(ControllerDevice c) {
        if (c.address() == null || !"pci".equals(c.address().type())) {
            return 0;
        }
        return (int) (addressNumber(c.address().attribute("slot")) << 3 | addressNumber(c.address().attribute("function")));
    }

    private static int number(XmlElement e, String attribute, int fallback) {
        String v = e == null ? null : e.attribute(attribute);
        return v == null ? fallback : (int) addressNumber(v);
    }

    /** A child element of the controller the model keeps unparsed ({@code <model>}, {@code <target>}, {@code <master>}). */
    private static XmlElement child(ControllerDevice c, String name) {
        for (XmlElement e : c.unknowns().elementsAt("")) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
