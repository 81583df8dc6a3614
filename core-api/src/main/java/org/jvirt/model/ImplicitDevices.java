package org.jvirt.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * The devices libvirt adds to a definition that implies them ({@code virDomainDefAddImplicitDevices}):
 * a console paired with the first serial port, the controllers that disks on controller buses sit
 * on, a video adapter for graphics; and the numbering libvirt gives what the document left out
 * (controller indexes, character device ports). Stateless.
 *
 * @since 1.0
 */
final class ImplicitDevices {
    private ImplicitDevices() {
    }

    /** virDomainAssignControllerIndexes: each controller without an index gets the lowest unused of its type. */
    static List<Device> controllerIndexes(List<Device> devices) {
        List<Device> out = new ArrayList<>(devices.size());
        Map<String, Set<Integer>> used = new TreeMap<>();
        for (Device d : devices) {
            if (d instanceof ControllerDevice c && c.index() != null) {
                used.computeIfAbsent(c.type(), t -> new HashSet<>()).add(c.index());
            }
        }
        for (Device d : devices) {
            if (d instanceof ControllerDevice c && c.index() == null) {
                Set<Integer> taken = used.computeIfAbsent(c.type(), t -> new HashSet<>());
                int index = 0;
                while (taken.contains(index)) {
                    index++;
                }
                taken.add(index);
                out.add(c.withIndex(index));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /** virDomainDefRejectDuplicateControllers: two controllers of one type (USB aside) with one index. */
    static void rejectDuplicateControllers(List<Device> devices) {
        Set<String> seen = new HashSet<>();
        for (Device d : devices) {
            if (d instanceof ControllerDevice c && !c.type().equals("usb") && !seen.add(c.type() + "/" + c.index())) {
                throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: Multiple '" + c.type()
                        + "' controllers with index '" + c.index() + "'");
            }
        }
    }

    /**
     * virDomainChrDefPostParse's numbering: a serial or parallel port without a port takes the next
     * one after the highest of its kind; a console's port is its place among the consoles, whatever
     * it says (virDomainDefParseXML sets it so).
     */
    static List<Device> characterPorts(List<Device> devices) {
        List<Device> out = new ArrayList<>(devices);
        int consoles = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof CharDevice c && c.kind().equals("console")) {
                int port = consoles++;
                if (!Integer.valueOf(port).equals(c.targetPort())) {
                    out.set(i, c.toBuilder().target(c.targetType(), port).build());
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof CharDevice c && c.targetPort() == null && !c.kind().equals("channel")) {
                int max = -1;
                for (Device d : out) {
                    if (d instanceof CharDevice other && other.kind().equals(c.kind()) && other.targetPort() != null) {
                        max = Math.max(max, other.targetPort());
                    }
                }
                out.set(i, c.toBuilder().target(c.targetType(), max + 1).build());
            }
        }
        return out;
    }

    /** The serial targets a console is made for (virDomainDefAddConsoleCompat); a PCI, USB or debug port gets none. */
    private static final Set<String> CONSOLE_SERIAL_TARGETS = new HashSet<>(Arrays.asList(null, "isa-serial",
            "spapr-vio-serial", "system-serial", "sclp-serial"));

    /**
     * virDomainDefAddConsoleCompat: in an HVM guest the first console, if a serial one, is the first
     * serial port seen from the other side — a serial port is made from it when there is none — and
     * a guest whose first serial port is a plain one gets such a console, first among the consoles.
     * libvirt writes that console with the serial port's host side (virDomainDefFormatInternal);
     * the model keeps it so.
     */
    static List<Device> consoleCompat(List<Device> devices, DomainDefinition def) {
        List<CharDevice> consoles = new ArrayList<>();
        CharDevice serial = null;
        for (Device d : devices) {
            if (d instanceof CharDevice c) {
                if (c.kind().equals("console")) {
                    consoles.add(c);
                } else if (c.kind().equals("serial") && serial == null) {
                    serial = c;
                }
            }
        }
        for (int i = 1; i < consoles.size(); i++) {
            if ("serial".equals(consoles.get(i).targetType())) {
                throw DomainErrors.unsupported("Only the first console can be a serial port");
            }
        }
        if (def.os() == null || !"hvm".equals(def.os().type())) {
            return devices;
        }
        List<Device> out = new ArrayList<>(devices);
        CharDevice first = consoles.isEmpty() ? null : consoles.get(0);
        if (first != null && (first.targetType() == null || first.targetType().equals("serial"))) {
            if (serial == null) {
                serial = as(first, "serial").target(null, 0).build();
                out.add(serial);
            }
            out.set(out.indexOf(first), aliasOf(serial));
        } else if (serial != null && CONSOLE_SERIAL_TARGETS.contains(serial.targetType())) {
            out.add(first == null ? out.size() : out.indexOf(first), aliasOf(serial));
        }
        return out;
    }

    /** The console that aliases {@code serial}: its host side, a serial target with its port. */
    private static CharDevice aliasOf(CharDevice serial) {
        // libvirt writes such a console's target as type and port alone (virDomainChrTargetDefFormat).
        return as(serial, "console").target("serial", serial.targetPort())
                .unknowns(serial.unknowns().without("target")).build();
    }

    /** A builder for {@code c}'s host side and address as a device of another kind. */
    static CharDevice.Builder as(CharDevice c, String kind) {
        return CharDevice.builder(kind).type(c.type()).sources(c.sources()).protocol(c.protocol())
                .address(c.address()).unknowns(c.unknowns());
    }

    /**
     * virDomainDefAddImplicitControllers: each disk on a controller bus needs the controllers of that
     * bus up to the one its address names; a virtio console or channel needs its virtio-serial
     * controller; a smartcard its CCID controller (and a CCID address, when it has none).
     */
    static List<Device> controllers(List<Device> devices) {
        Map<String, Integer> maxIndex = new TreeMap<>();
        for (Device d : devices) {
            if (d instanceof DiskDevice disk && disk.address() != null && "drive".equals(disk.address().type())) {
                String controller = disk.address().attributes().get("controller");
                if (DiskPostParse.DRIVE_BUSES.contains(disk.targetBus()) && controller != null) {
                    maxIndex.merge(disk.targetBus(), Integer.parseInt(controller), Math::max);
                }
            }
        }
        List<Device> out = devices;
        if (!maxIndex.isEmpty()) {
            // One pass, not one copy and scan a controller: a disk named hdzzzz implies 118,000 of them.
            Set<String> present = new HashSet<>();
            for (Device d : devices) {
                if (d instanceof ControllerDevice c && c.index() != null) {
                    present.add(c.type() + "/" + c.index());
                }
            }
            out = new ArrayList<>(devices);
            for (String type : List.of("scsi", "fdc", "ide", "sata")) {
                Integer max = maxIndex.get(type);
                for (int index = 0; max != null && index <= max; index++) {
                    if (present.add(type + "/" + index)) {
                        out.add(ControllerDevice.of(type, index));
                    }
                }
            }
        }
        for (Device d : List.copyOf(out)) {
            if (d instanceof CharDevice c && "virtio".equals(c.targetType())
                    && (c.kind().equals("channel") || c.kind().equals("console"))) {
                out = withController(out, "virtio-serial", controllerOf(c.address(), "virtio-serial"));
            }
        }
        return ScsiHostdevs.controllers(smartcards(out));
    }

    /** virDomainDefMaybeAddSmartcardController: CCID addresses for smartcards without one, and their controllers. */
    private static List<Device> smartcards(List<Device> devices) {
        List<Device> out = devices;
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i) instanceof UnknownDevice u) || !u.element().name().equals("smartcard")) {
                continue;
            }
            XmlElement address = u.element().child("address");
            int controller = 0;
            if (address == null) {
                int slot = -1;
                for (Device d : out) {
                    if (d instanceof UnknownDevice other && other.element().name().equals("smartcard")) {
                        XmlElement a = other.element().child("address");
                        if (a != null && "ccid".equals(a.attribute("type")) && "0".equals(a.attribute("controller"))) {
                            slot = Math.max(slot, Integer.parseInt(a.attribute("slot")));
                        }
                    }
                }
                XmlElement ccid = XmlElement.builder("address").attribute("type", "ccid").attribute("controller", "0")
                        .attribute("slot", Integer.toString(slot + 1)).build();
                out = new ArrayList<>(out);
                out.set(i, new UnknownDevice(u.element().toBuilder().child(ccid).build()));
            } else if ("ccid".equals(address.attribute("type"))) {
                controller = Integer.parseInt(address.attribute("controller"));
            }
            out = withController(out, "ccid", controller);
        }
        return out;
    }

    /** The controller index an address names for {@code type}, 0 when it names none. */
    private static int controllerOf(DeviceAddress address, String type) {
        if (address == null || !type.equals(address.type())) {
            return 0;
        }
        return Integer.parseInt(address.attributes().getOrDefault("controller", "0"));
    }

    /**
     * virDomainDefMaybeAddController: {@code devices} with a controller of {@code type} and {@code index},
     * added after the others (virDomainDefAddController appends; only the parser inserts in order).
     */
    private static List<Device> withController(List<Device> devices, String type, int index) {
        if (hasController(devices, type, index)) {
            return devices;
        }
        List<Device> out = new ArrayList<>(devices);
        out.add(ControllerDevice.of(type, index));
        return out;
    }

    static boolean hasController(List<Device> devices, String type, int index) {
        for (Device d : devices) {
            if (d instanceof ControllerDevice c && c.type().equals(type) && c.index() != null && c.index() == index) {
                return true;
            }
        }
        return false;
    }

    /** virDomainDefAddImplicitVideo: graphics without any video adapter get one, of the driver's default model. */
    static List<Device> video(List<Device> devices) {
        boolean graphics = false;
        for (Device d : devices) {
            if (d instanceof VideoDevice) {
                return devices;
            }
            graphics |= d instanceof GraphicsDevice;
        }
        if (!graphics) {
            return devices;
        }
        List<Device> out = new ArrayList<>(devices);
        out.add(VideoDevice.of(null));
        return out;
    }
}
