package org.jvirt.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * SCSI host devices as libvirt places them (virDomainHostdevDefPostParse,
 * virDomainHostdevAssignAddress, virDomainDefMaybeAddHostdevSCSIcontroller): one without an
 * address takes the first free unit (bus 0, target 0) of the first controller with one, never a
 * unit a SCSI disk holds; and every SCSI controller up to the highest one they name exists, of
 * the model of the controller the last of them sits on. Stateless.
 */
final class ScsiHostdevs {
    private ScsiHostdevs() {
    }

    /** {@code devices} with addresses for SCSI host devices; {@code unitsPerBus} is the driver's (7 narrow, 16 wide). */
    static List<Device> addresses(List<Device> devices, int unitsPerBus) {
        Set<String> used = new HashSet<>();
        Set<String> disks = new HashSet<>();
        for (Device d : devices) {
            if (d instanceof DiskDevice disk && "scsi".equals(disk.targetBus()) && isDrive(disk.address())) {
                disks.add(key(disk.address().attributes().get("controller"), disk.address().attributes().get("bus"),
                        disk.address().attributes().get("target"), disk.address().attributes().get("unit")));
            }
            XmlElement a = scsiHostdev(d) == null ? null : scsiHostdev(d).child("address");
            if (a != null && "drive".equals(a.attribute("type"))) {
                used.add(key(a.attribute("controller"), a.attribute("bus"), a.attribute("target"), a.attribute("unit")));
            }
        }
        used.addAll(disks);
        List<Device> out = new ArrayList<>(devices);
        for (int i = 0; i < out.size(); i++) {
            XmlElement hostdev = scsiHostdev(out.get(i));
            if (hostdev == null) {
                continue;
            }
            XmlElement address = hostdev.child("address");
            if (address == null) {
                address = free(used, unitsPerBus);
                out.set(i, new UnknownDevice(hostdev.toBuilder().child(address).build()));
            }
            if ("drive".equals(address.attribute("type"))) {
                String key = key(address.attribute("controller"), address.attribute("bus"), address.attribute("target"),
                        address.attribute("unit"));
                if (disks.contains(key)) {
                    throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: SCSI host address "
                            + "controller='" + address.attribute("controller") + "' bus='" + address.attribute("bus")
                            + "' target='" + address.attribute("target") + "' unit='" + address.attribute("unit")
                            + "' in use by a SCSI disk");
                }
            }
        }
        return out;
    }

    /**
     * virDomainDiskDefAssignAddress: the drive address a SCSI disk's name implies may not be one a
     * SCSI host device names (libvirt's message lacks its last quote; so does this one).
     */
    static void requireFree(List<Device> devices, DeviceAddress implied, String dev) {
        Map<String, String> a = implied.attributes();
        String key = key(a.get("controller"), a.get("bus"), a.get("target"), a.get("unit"));
        for (Device d : devices) {
            XmlElement hostdev = scsiHostdev(d);
            XmlElement h = hostdev == null ? null : hostdev.child("address");
            if (h != null && "drive".equals(h.attribute("type"))
                    && key.equals(key(h.attribute("controller"), h.attribute("bus"), h.attribute("target"),
                    h.attribute("unit")))) {
                throw DomainErrors.unsupported("using disk target name '" + dev + "' conflicts with SCSI host device address controller='"
                        + a.get("controller") + "' bus='0' target='0' unit='" + a.get("unit"));
            }
        }
    }

    /**
     * The SCSI controllers the host devices need, appended as libvirt appends them. libvirt asks
     * twice: while parsing, when a host device without an address yet counts as on controller 0,
     * and after post-parse has given it one.
     */
    static List<Device> controllers(List<Device> devices) {
        int max = -1;
        String model = null;
        for (Device d : devices) {
            XmlElement hostdev = scsiHostdev(d);
            if (hostdev == null) {
                continue;
            }
            XmlElement a = hostdev.child("address");
            if (a != null && !"drive".equals(a.attribute("type"))) {
                continue;
            }
            int controller = a == null ? 0 : controllerOf(a);
            if (controller < 0) {
                continue; // not a number: the address rules refuse it in libvirt's words
            }
            if (controller > max) {
                max = controller;
                for (Device c : devices) {
                    if (c instanceof ControllerDevice cd && cd.type().equals("scsi") && cd.index() != null
                            && cd.index() == controller && cd.model() != null) {
                        model = cd.model();
                    }
                }
            }
        }
        List<Device> out = devices;
        for (int index = 0; index <= max; index++) {
            if (!ImplicitDevices.hasController(out, "scsi", index)) {
                out = new ArrayList<>(out);
                out.add(new ControllerDevice("scsi", index, model, null, null));
            }
        }
        return out;
    }

    /** The controller a drive address names (0 when it names none), or -1 when that is no unsigned int. */
    private static int controllerOf(XmlElement address) {
        String text = address.attribute("controller");
        Long value = text == null ? Long.valueOf(0) : CNumbers.strToUip(text);
        return value == null || value > Integer.MAX_VALUE ? -1 : value.intValue();
    }

    /** The element of a subsystem SCSI host device, or null. */
    private static XmlElement scsiHostdev(Device d) {
        if (d instanceof UnknownDevice u && u.element().name().equals("hostdev")
                && "scsi".equals(u.element().attribute("type"))
                && "subsystem".equals(u.element().attribute("mode"))) {
            return u.element();
        }
        return null;
    }

    private static XmlElement free(Set<String> used, int unitsPerBus) {
        for (int controller = 0; ; controller++) {
            for (int unit = 0; unit < unitsPerBus; unit++) {
                String key = key(Integer.toString(controller), "0", "0", Integer.toString(unit));
                if (used.add(key)) {
                    return XmlElement.builder("address").attribute("type", "drive")
                            .attribute("controller", Integer.toString(controller)).attribute("bus", "0")
                            .attribute("target", "0").attribute("unit", Integer.toString(unit)).build();
                }
            }
        }
    }

    private static boolean isDrive(DeviceAddress a) {
        return a != null && "drive".equals(a.type());
    }

    private static String key(String controller, String bus, String target, String unit) {
        return controller + ":" + bus + ":" + target + ":" + unit;
    }
}
