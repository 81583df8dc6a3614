package org.jvirt.driver.xm.config;

import java.util.Set;
import java.util.regex.Pattern;
import org.jvirt.driver.xm.cfg.XmPosition;
import org.jvirt.model.xml.XmlElement;

/**
 * One entry of the {@code disk} list, read ({@link Disks} says the format).
 *
 * @param driver the driver: {@code phy}, {@code file}, {@code tap}, {@code tap2}...
 * @param format blktap's driver type ({@code aio}, {@code qcow}...), or null
 * @param source the path, or null for a CD-ROM drive without a medium
 * @param target the guest's device name
 * @param cdrom whether it is a CD-ROM
 * @param readOnly whether it is read-only
 * @param shared whether it is shared read-write
 * @param hvm whether the guest is fully virtualised, which decides the bus
 */
record DiskEntry(String driver, String format, String source, String target, boolean cdrom, boolean readOnly,
                 boolean shared, boolean hvm) {
    private static final Set<String> READ_ONLY = Set.of("r", "ro");
    private static final Set<String> SHARED = Set.of("w!", "!");
    private static final Set<String> READ_WRITE = Set.of("w", "rw");
    /**
     * A disk name of more letters than any Xen had (xend's blkdev_name_to_number knew hd[a-t],
     * sd[a-z], xvd[a-p]; later Xens xvd to three letters): each letter multiplies the controllers the
     * name implies, and {@code hdzzzz} would be a guest of a hundred thousand IDE controllers.
     */
    private static final Pattern TOO_MANY_LETTERS = Pattern.compile("(hd|sd|vd|xvd|ubd)[a-z]{4,}[0-9]*");

    /** Reads entry {@code index} (from 0), at {@code at}. */
    static DiskEntry parse(String entry, boolean hvm, XmPosition at, int index) {
        int first = entry.indexOf(',');
        int second = first < 0 ? -1 : entry.indexOf(',', first + 1);
        if (second < 0) {
            throw XmErrors.entry(at, "disk", index, entry,
                    "is not SOURCE,DEVICE,MODE (such as 'phy:/dev/vg/guest,xvda,w')");
        }
        String source = entry.substring(0, first).strip();
        String device = entry.substring(first + 1, second).strip();
        String mode = entry.substring(second + 1).strip();
        String driver = "phy";
        String format = null;
        if (source.isEmpty()) {
            source = null;
        } else {
            int colon = source.indexOf(':');
            if (colon >= 0) {
                driver = source.substring(0, colon);
                source = source.substring(colon + 1);
                if (driver.equals("tap") || driver.equals("tap2")) {
                    int sub = source.indexOf(':');
                    if (sub <= 0) {
                        throw XmErrors.entry(at, "disk", index, entry, "names no " + driver + " driver type (such as '"
                                + driver + ":aio:/srv/guest.img')");
                    }
                    format = source.substring(0, sub);
                    source = source.substring(sub + 1);
                }
            }
            if (driver.isEmpty() || source.isEmpty()) {
                throw XmErrors.entry(at, "disk", index, entry, "has no " + (driver.isEmpty() ? "driver" : "path")
                        + " in its source ('DRIVER:PATH')");
            }
        }
        if (device.startsWith("ioemu:")) {
            device = device.substring("ioemu:".length());
        }
        boolean cdrom = false;
        int suffix = device.indexOf(':');
        if (suffix >= 0) {
            cdrom = device.substring(suffix).equals(":cdrom");
            device = device.substring(0, suffix);
        }
        if (TOO_MANY_LETTERS.matcher(device).matches()) {
            throw XmErrors.entry(at, "disk", index, entry, "names device '" + device + "', which no Xen guest can have");
        }
        if (device.isEmpty()) {
            throw XmErrors.entry(at, "disk", index, entry, "names no device for the guest (such as 'xvda')");
        }
        if (source == null && !cdrom) {
            throw XmErrors.entry(at, "disk", index, entry, "has no source, which only a CD-ROM may lack");
        }
        if (!READ_ONLY.contains(mode) && !SHARED.contains(mode) && !READ_WRITE.contains(mode)) {
            throw XmErrors.entry(at, "disk", index, entry, "has mode '" + mode + "', none of r, w, w!");
        }
        return new DiskEntry(driver, format, source, device, cdrom, READ_ONLY.contains(mode), SHARED.contains(mode),
                hvm);
    }

    /** The {@code <disk>} libvirt 0.4.4 made of it. */
    XmlElement element() {
        boolean block = driver.equals("phy");
        String bus = target.startsWith("xvd") || !hvm ? "xen" : target.startsWith("sd") ? "scsi" : "ide";
        XmlElement.Builder disk = Xml.element("disk", "type", block ? "block" : "file", "device",
                cdrom ? "cdrom" : "disk");
        disk.child(Xml.empty("driver", "name", driver, "type", format));
        if (source != null) {
            disk.child(Xml.empty("source", block ? "dev" : "file", source));
        }
        disk.child(Xml.empty("target", "dev", target, "bus", bus));
        if (readOnly) {
            disk.child(Xml.empty("readonly"));
        } else if (shared) {
            disk.child(Xml.empty("shareable"));
        }
        return disk.build();
    }
}
