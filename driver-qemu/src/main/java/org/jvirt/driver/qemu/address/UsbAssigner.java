package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's qemuDomainAssignUSBAddresses: the USB ports of each controller (2 on UHCI, 6 on EHCI, 3
 * on OHCI, 4 on xHCI unless it says {@code ports=}) and of each hub (8); hubs added when the USB
 * devices outnumber the ports; the ports the document chose taken first, with libvirt's refusals;
 * then hubs, then the other USB devices (host devices, disks, CCID controllers, inputs, serial ports,
 * sound, redirected devices), each on the first free port of the first bus, deeper hubs after.
 * Stateless; each call works on its own devices.
 */
final class UsbAssigner {
    private static final int HUB_PORTS = 8;
    private static final int MAX_DEPTH = 4;

    /** A controller's root hub or a hub's ports: which are taken, and the hubs plugged into them. */
    private static final class Hub {
        final boolean[] taken;
        final Hub[] hubs;

        Hub(int ports) {
            taken = new boolean[ports];
            hubs = new Hub[ports];
        }
    }

    private UsbAssigner() {
    }

    static void assign(GuestDevices devices) {
        List<Integer> users = usbDevices(devices, false);
        int ports = 0;
        boolean hasUsb = false;
        for (int i : devices.controllers("usb")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            ports += ports(c);
            hasUsb |= !"none".equals(c.model());
        }
        ports += hubs(devices).size() * HUB_PORTS;
        if (!users.isEmpty() && !hasUsb) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                    .format("USB is disabled for this domain, but USB devices are present in the domain XML"));
        }
        if (users.size() > ports) {
            int needed = (users.size() - ports + 1 + HUB_PORTS - 2) / (HUB_PORTS - 1);
            for (int n = 0; n < needed; n++) {
                devices.add(new UnknownDevice(XmlElement.builder("hub").attribute("type", "usb").build()));
            }
        }
        List<Hub> buses = new ArrayList<>();
        for (int i : devices.controllers("usb")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            int n = ports(c);
            if (n == 0) {
                continue;
            }
            while (buses.size() <= c.index()) {
                buses.add(null);
            }
            if (buses.get(c.index()) != null) {
                throw xml("Duplicate USB controllers with index " + c.index());
            }
            buses.set(c.index(), new Hub(n));
        }
        for (int i : hubs(devices)) {
            DeviceAddress a = devices.address(i);
            if (a != null && "usb".equals(a.type()) && valid(a)) {
                addHub(buses, a);
            }
        }
        for (int i : usbDevices(devices, true)) {
            DeviceAddress a = devices.address(i);
            if (a != null && "usb".equals(a.type()) && valid(a)) {
                reserve(buses, a);
            }
        }
        for (int i : hubs(devices)) {
            DeviceAddress a = devices.address(i);
            if (a != null && "usb".equals(a.type()) && valid(a)) {
                continue;
            }
            DeviceAddress given = assignOne(buses, a);
            devices.setAddress(i, given);
            addHub(buses, given);
        }
        for (int i : usbDevices(devices, true)) {
            DeviceAddress a = devices.address(i);
            if (a != null && !"usb".equals(a.type()) || a != null && valid(a)) {
                continue;
            }
            devices.setAddress(i, assignOne(buses, a));
        }
    }

    /** virDomainUSBAddressControllerModelToPorts. */
    private static int ports(ControllerDevice c) {
        String model = c.model() == null ? "" : c.model();
        String given = c.unknowns().attributesAt("").get("ports");
        return switch (model) {
            case "", "piix3-uhci", "piix4-uhci", "vt82c686b-uhci" -> 2;
            case "ehci", "ich9-ehci1" -> 6;
            case "pci-ohci" -> 3;
            case "nec-xhci", "qemu-xhci" -> given == null ? 4 : (int) PciAddress.number(given);
            case "qusb1", "qusb2" -> given == null ? 8 : (int) PciAddress.number(given);
            default -> 0;
        };
    }

    private static List<Integer> hubs(GuestDevices devices) {
        List<Integer> out = new ArrayList<>();
        for (int i : devices.indexesOf("hub")) {
            if ("usb".equals(((UnknownDevice) devices.get(i)).element().attribute("type"))) {
                out.add(i);
            }
        }
        return out;
    }

    /** virDomainUSBDeviceDefForeach's devices, in its order. */
    private static List<Integer> usbDevices(GuestDevices devices, boolean skipHubs) {
        List<Integer> out = new ArrayList<>();
        if (!skipHubs) {
            out.addAll(hubs(devices));
        }
        for (int i : devices.indexesOf("hostdev")) {
            if ("usb".equals(((UnknownDevice) devices.get(i)).element().attribute("type"))) {
                out.add(i);
            }
        }
        for (int i : devices.indexesOf("disk")) {
            if ("usb".equals(((DiskDevice) devices.get(i)).targetBus())) {
                out.add(i);
            }
        }
        out.addAll(devices.controllers("ccid"));
        for (int i : devices.indexesOf("input")) {
            if ("usb".equals(((InputDevice) devices.get(i)).bus())) {
                out.add(i);
            }
        }
        for (int i : devices.indexesOf("serial")) {
            if ("usb-serial".equals(((CharDevice) devices.get(i)).targetType())) {
                out.add(i);
            }
        }
        for (int i : devices.indexesOf("sound")) {
            if ("usb".equals(((SoundDevice) devices.get(i)).model())) {
                out.add(i);
            }
        }
        for (int i : devices.indexesOf("redirdev")) {
            Device d = devices.get(i);
            if ("usb".equals(((UnknownDevice) d).element().attribute("bus"))) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean valid(DeviceAddress a) {
        String port = a.attribute("port");
        return port != null && !port.isEmpty() && !port.startsWith("0");
    }

    private static int[] path(DeviceAddress a) {
        String[] parts = a.attribute("port").split("\\.");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static int bus(DeviceAddress a) {
        String bus = a.attribute("bus");
        return bus == null ? 0 : Integer.parseInt(bus);
    }

    /** virDomainUSBAddressFindPort: the hub whose port the address names, refused as libvirt refuses. */
    private static Hub findPort(List<Hub> buses, DeviceAddress a) {
        int bus = bus(a);
        String portText = a.attribute("port");
        if (bus >= buses.size() || buses.get(bus) == null) {
            throw xml("Missing USB bus " + bus);
        }
        Hub hub = buses.get(bus);
        int[] path = path(a);
        for (int i = 0; i < path.length - 1; i++) {
            int index = path[i] - 1;
            if (hub.hubs.length <= index) {
                throw xml("port " + path[i] + " out of range in USB address bus: " + bus + " port: " + portText);
            }
            hub = hub.hubs[index];
            if (hub == null) {
                throw xml("there is no hub at port " + path[i] + " in USB address bus: " + bus + " port: "
                        + portText);
            }
        }
        if (path[path.length - 1] - 1 >= hub.taken.length) {
            throw xml("requested USB port " + portText + " not present on USB bus " + bus);
        }
        return hub;
    }

    private static void reserve(List<Hub> buses, DeviceAddress a) {
        Hub hub = findPort(buses, a);
        int[] path = path(a);
        int port = path[path.length - 1] - 1;
        if (hub.taken[port]) {
            throw xml("Duplicate USB address bus " + bus(a) + " port " + a.attribute("port"));
        }
        hub.taken[port] = true;
    }

    private static void addHub(List<Hub> buses, DeviceAddress a) {
        Hub hub = findPort(buses, a);
        int[] path = path(a);
        int port = path[path.length - 1] - 1;
        if (hub.hubs[port] != null) {
            throw xml("Duplicate USB hub on bus " + bus(a) + " port " + a.attribute("port"));
        }
        hub.taken[port] = true;
        hub.hubs[port] = new Hub(HUB_PORTS);
    }

    /** virDomainUSBAddressAssign: the first free port on the bus the address names, else on any bus. */
    private static DeviceAddress assignOne(List<Hub> buses, DeviceAddress a) {
        if (a != null && "usb".equals(a.type())) {
            int bus = bus(a);
            if (bus >= buses.size() || buses.get(bus) == null) {
                throw xml("USB bus " + bus + " requested but no controller with that index is present");
            }
            DeviceAddress found = fromBus(buses, bus);
            if (found != null) {
                return found;
            }
        } else {
            for (int bus = 0; bus < buses.size(); bus++) {
                DeviceAddress found = fromBus(buses, bus);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                ErrorCode.INTERNAL_ERROR.format("No free USB ports"));
    }

    private static DeviceAddress fromBus(List<Hub> buses, int bus) {
        Hub hub = buses.get(bus);
        if (hub == null) {
            return null;
        }
        List<Integer> path = new ArrayList<>();
        if (!freePort(hub, path, 0)) {
            return null;
        }
        StringBuilder port = new StringBuilder();
        for (int p : path) {
            port.append(port.length() == 0 ? "" : ".").append(p);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("bus", Integer.toString(bus));
        attributes.put("port", port.toString());
        DeviceAddress address = new DeviceAddress("usb", attributes);
        reserve(buses, address);
        return address;
    }

    /** virDomainUSBAddressFindFreePort: a free port of this hub, else one of the hubs plugged into it. */
    private static boolean freePort(Hub hub, List<Integer> path, int level) {
        for (int p = 0; p < hub.taken.length; p++) {
            if (!hub.taken[p]) {
                path.add(p + 1);
                return true;
            }
        }
        if (level >= MAX_DEPTH - 1) {
            return false;
        }
        for (int p = 0; p < hub.hubs.length; p++) {
            if (hub.hubs[p] == null) {
                continue;
            }
            path.add(p + 1);
            if (freePort(hub.hubs[p], path, level + 1)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static VirtException xml(String detail) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, ErrorCode.XML_ERROR.format(detail));
    }
}
