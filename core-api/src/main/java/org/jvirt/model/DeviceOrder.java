package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jvirt.model.xml.XmlElement;

/**
 * Where libvirt puts a disk or controller among the others of its kind as it reads them
 * (virDomainDiskInsert, virDomainControllerInsertPreAlloced, the video part of
 * virDomainDefParseXML): disks by drive index within their bus, controllers by index within their
 * type, a USB companion after its master, the primary video adapter first. Other devices keep
 * document order (the definition groups kinds in libvirt's order). Stateless.
 */
final class DeviceOrder {
    private DeviceOrder() {
    }

    /**
     * {@code devices} with disks, controllers and videos inserted one by one, in document order, as
     * libvirt's parser does; {@code busAsWritten} gives a disk's {@code <target bus=>} as written
     * (null when absent: libvirt compares the buses before it gives disks their default one).
     */
    static List<Device> asRead(List<Device> devices, Function<Device, String> busAsWritten) {
        List<DiskDevice> disks = new ArrayList<>();
        List<ControllerDevice> controllers = new ArrayList<>();
        List<VideoDevice> videos = new ArrayList<>();
        List<Device> out = new ArrayList<>(devices.size());
        for (Device d : devices) {
            if (d instanceof DiskDevice disk) {
                insert(disks, disk, busAsWritten);
            } else if (d instanceof ControllerDevice c) {
                insert(controllers, c);
            } else if (d instanceof VideoDevice v) {
                videos.add(v.primary() ? 0 : videos.size(), v);
            } else {
                out.add(d);
            }
        }
        if (disks.isEmpty() && controllers.isEmpty() && videos.isEmpty()) {
            return devices;
        }
        out.addAll(disks);
        out.addAll(controllers);
        out.addAll(videos);
        return out;
    }

    private static void insert(List<DiskDevice> disks, DiskDevice disk,
                               Function<Device, String> busAsWritten) {
        int at = -1;
        int index = DiskPostParse.diskIndex(disk.targetDev());
        String bus = busAsWritten.apply(disk);
        for (int i = disks.size() - 1; i >= 0; i--) {
            DiskDevice other = disks.get(i);
            if (!Objects.equals(busAsWritten.apply(other), bus)) {
                continue;
            }
            if (DiskPostParse.diskIndex(other.targetDev()) > index) {
                at = i;
            } else if (at == -1) {
                at = i + 1;
            }
        }
        disks.add(at == -1 ? disks.size() : at, disk);
    }

    private static void insert(List<ControllerDevice> controllers, ControllerDevice added) {
        int at = -1;
        int index = added.index() == null ? -1 : added.index();
        for (int i = controllers.size() - 1; i >= 0; i--) {
            ControllerDevice other = controllers.get(i);
            if (!other.type().equals(added.type())) {
                continue;
            }
            if (added.index() == null) {
                at = i + 1;
                break;
            }
            int otherIndex = other.index() == null ? -1 : other.index();
            if (otherIndex > index) {
                at = i;
            } else if (!isCompanion(added) && isCompanion(other) && Objects.equals(other.index(), added.index())) {
                // A master goes before its companions.
                at = i;
            } else if (at == -1) {
                at = i + 1;
            }
        }
        controllers.add(at == -1 ? controllers.size() : at, added);
    }

    /** A USB companion controller names its master with {@code <master startport=>}. */
    private static boolean isCompanion(ControllerDevice c) {
        for (XmlElement e : c.unknowns().elementsAt("")) {
            if (e.name().equals("master")) {
                return true;
            }
        }
        return false;
    }
}
