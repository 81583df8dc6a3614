package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Unknowns;
import org.jvirt.model.xml.XmlElement;

/**
 * What libvirt fills in on PCI controllers once their addresses are known (the end of
 * qemuDomainAssignPCIAddresses): the QEMU device each model is ({@code <model name=>}), and the
 * chassis and port numbers QEMU needs ({@code <target>}): a pci-bridge's chassisNr is its index, a
 * root or downstream port's chassis is its index and its port its slot and function. Written in
 * libvirt's form, after the model name. Stateless.
 */
final class PciControllers {
    private PciControllers() {
    }

    /** An attribute of the controller's {@code <target>}, or null. */
    static String target(ControllerDevice c, String name) {
        for (XmlElement e : c.unknowns().elementsAt("")) {
            if (e.name().equals("target")) {
                return e.attribute(name);
            }
        }
        return null;
    }

    /** qemuDomainPCIControllerSetDefaultModelName: the QEMU device of a PCI controller model, or null. */
    static String modelName(String model) {
        if (model == null) {
            return null;
        }
        return switch (model) {
            case "pci-bridge" -> "pci-bridge";
            case "dmi-to-pci-bridge" -> "i82801b11-bridge";
            case "pcie-to-pci-bridge" -> "pcie-pci-bridge";
            case "pcie-root-port" -> "pcie-root-port";
            case "pcie-switch-upstream-port" -> "x3130-upstream";
            case "pcie-switch-downstream-port" -> "xio3130-downstream";
            case "pci-expander-bus" -> "pxb";
            case "pcie-expander-bus" -> "pxb-pcie";
            default -> null;
        };
    }

    /** {@code c} with its model name and target numbers, as libvirt completes them. */
    static ControllerDevice complete(ControllerDevice c, int lowestFreeBusNr) {
        if (!c.type().equals("pci") || c.model() == null) {
            return c;
        }
        List<XmlElement> elements = new ArrayList<>(c.unknowns().elementsAt(""));
        XmlElement oldTarget = null;
        boolean hasModel = false;
        for (XmlElement e : elements) {
            hasModel |= e.name().equals("model");
            if (e.name().equals("target")) {
                oldTarget = e;
            }
        }
        String name = modelName(c.model());
        if (!hasModel && name != null) {
            elements.add(0, XmlElement.builder("model").attribute("name", name).build());
        }
        Map<String, String> t = oldTarget == null ? new LinkedHashMap<>() : new LinkedHashMap<>(oldTarget.attributes());
        PciAddress a = PciAddress.of(c.address());
        switch (c.model()) {
            case "pci-bridge" -> t.putIfAbsent("chassisNr", Integer.toString(c.index()));
            case "pcie-root-port" -> {
                t.putIfAbsent("chassis", Integer.toString(c.index()));
                if (a != null) {
                    t.putIfAbsent("port", "0x" + Integer.toHexString((a.slot() << 3) + a.function()));
                }
            }
            case "pcie-switch-downstream-port" -> {
                t.putIfAbsent("chassis", Integer.toString(c.index()));
                if (a != null) {
                    t.putIfAbsent("port", "0x" + Integer.toHexString(a.slot()));
                }
            }
            case "pci-expander-bus", "pcie-expander-bus" -> {
                if (!t.containsKey("busNr") && lowestFreeBusNr >= 0) {
                    t.put("busNr", Integer.toString(lowestFreeBusNr));
                }
            }
            default -> {
            }
        }
        XmlElement.Builder target = XmlElement.builder("target");
        for (String key : List.of("chassisNr", "chassis", "port", "busNr", "index", "hotplug")) {
            if (t.containsKey(key)) {
                target.attribute(key, t.get(key));
            }
        }
        if (oldTarget != null) {
            oldTarget.children().forEach(target::child);
        }
        XmlElement built = target.build();
        List<XmlElement> out = new ArrayList<>();
        boolean placed = false;
        for (XmlElement e : elements) {
            if (e.name().equals("target")) {
                if (!placed) {
                    out.add(built);
                    placed = true;
                }
                continue;
            }
            if (!placed && !e.name().equals("model")) {
                if (!t.isEmpty() || oldTarget != null) {
                    out.add(built);
                }
                placed = true;
            }
            out.add(e);
        }
        if (!placed && (!t.isEmpty() || oldTarget != null)) {
            out.add(built);
        }
        Unknowns.Builder u = Unknowns.builder();
        c.unknowns().attributesAt("").forEach((k, v) -> u.attribute("", k, v));
        out.forEach(e -> u.element("", e));
        Unknowns done = u.build();
        return done.equals(c.unknowns()) ? c : new ControllerDevice(c.type(), c.index(), c.model(), c.address(), done);
    }

    /** The end of qemuDomainAssignPCIAddresses: every PCI controller named and numbered, bridges checked. */
    static void completeAll(GuestDevices devices) {
        for (int i : devices.controllers("pci")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            boolean expander = "pci-expander-bus".equals(c.model()) || "pcie-expander-bus".equals(c.model());
            int busNr = -1;
            if (expander && PciControllers.target(c, "busNr") == null) {
                busNr = newBusNr(devices);
                if (busNr < 0) {
                    PciAddress a = devices.pci(i);
                    throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                            .format("No free busNr lower than current lowest busNr is available to auto-assign to "
                                    + "bus " + (a == null ? 0 : a.bus()) + ". Must be manually assigned"));
                }
            }
            c = complete(c, busNr);
            devices.set(i, c);
            PciAddress a = devices.pci(i);
            if ("pci-bridge".equals(c.model()) && a != null && c.index() <= a.bus()) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                        .format(String.format("PCI controller at index %d (0x%02x) has bus='0x%02x', but index must "
                                + "be larger than bus", c.index(), c.index(), a.bus())));
            }
        }
    }

    /** qemuDomainAddressFindNewBusNr: two below the lowest busNr in use, or -1 when that is 2 or less. */
    private static int newBusNr(GuestDevices devices) {
        int lowest = 256;
        for (int i : devices.controllers("pci")) {
            String busNr = PciControllers.target((ControllerDevice) devices.get(i), "busNr");
            if (busNr != null) {
                lowest = Math.min(lowest, (int) PciAddress.number(busNr));
            }
        }
        return lowest <= 2 ? -1 : lowest - 2;
    }
}
