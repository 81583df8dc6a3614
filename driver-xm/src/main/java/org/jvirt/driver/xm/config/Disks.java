package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The {@code disk} list, one {@code SOURCE,DEVICE,MODE} string a disk
 * ({@code phy:/dev/vg/guest,xvda,w}, {@code file:/srv/boot.iso,hdc:cdrom,r},
 * {@code tap:aio:/srv/guest.img,xvdb,w}), and xend 3.0.2's {@code cdrom} setting.
 * <ul>
 * <li>SOURCE is {@code DRIVER:PATH}, {@code tap:TYPE:PATH} (and {@code tap2:}) for blktap, or empty
 *     for a CD-ROM drive without a medium; a path without a driver is {@code phy}, as libvirt's later
 *     reader took it. {@code phy} sources are block devices, all others files.</li>
 * <li>DEVICE is the guest's name for it, {@code :cdrom} appended for a CD-ROM; xend 3.0.2's
 *     {@code ioemu:} prefix is dropped. Its bus is {@code xen} for {@code xvd*} and in paravirtual
 *     guests, else {@code scsi} for {@code sd*}, else {@code ide}.</li>
 * <li>MODE is {@code r} (or {@code ro}) read-only, {@code w} (or {@code rw}) read-write,
 *     {@code w!} (or {@code !}) shared read-write.</li>
 * </ul>
 * Version differences, as libvirt 0.4.4's: xend 3.0.2 (version 1) kept an HVM guest's CD-ROM out
 * of the list, in {@code cdrom = PATH} (always {@code hdc}), and wrote its other disks with
 * {@code ioemu:}; later xends list the CD-ROM as {@code hdc:cdrom}. HVM floppies are not in the
 * list in any version (xend kept them in the image) and are not written. Stateless.
 */
final class Disks {
    private static final System.Logger LOG = System.getLogger(Disks.class.getName());

    private Disks() {
    }

    static List<XmlElement> read(XmSettings s, boolean hvm, int version) {
        List<XmlElement> out = new ArrayList<>();
        List<String> entries = s.strings("disk");
        for (int i = 0; i < entries.size(); i++) {
            out.add(DiskEntry.parse(entries.get(i), hvm, s.position("disk", i), i).element());
        }
        if (hvm && version == 1) {
            String cdrom = s.string("cdrom");
            if (cdrom != null) {
                out.add(Xml.element("disk", "type", "file", "device", "cdrom")
                        .child(Xml.empty("driver", "name", "file"))
                        .child(Xml.empty("source", "file", cdrom))
                        .child(Xml.empty("target", "dev", "hdc", "bus", "ide"))
                        .child(Xml.empty("readonly")).build());
            }
        }
        return out;
    }

    /** {@code cdrom} (version 1, HVM: the first CD-ROM's file), then {@code disk}. */
    static void write(DomainDefinition def, boolean hvm, int version, Map<String, XmValue> out) {
        List<String> entries = new ArrayList<>();
        for (DiskDevice disk : def.devices(DiskDevice.class)) {
            if (hvm && disk.device().equals("floppy")) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: floppy {1} is not written: xm files have no HVM floppies",
                        def.name(), disk.targetDev());
                continue;
            }
            if (hvm && version == 1 && disk.device().equals("cdrom")) {
                continue;
            }
            entries.add(entry(def, disk, hvm, version));
        }
        if (!entries.isEmpty()) {
            out.put("disk", XmValue.strings(entries));
        }
    }

    /** xend 3.0.2's {@code cdrom}: the first CD-ROM's file of an HVM guest. */
    static void writeCdrom(DomainDefinition def, boolean hvm, int version, Map<String, XmValue> out) {
        if (hvm && version == 1) {
            def.devices(DiskDevice.class).stream()
                    .filter(d -> d.device().equals("cdrom") && d.type().equals("file") && d.source() != null)
                    .findFirst().ifPresent(d -> out.put("cdrom", XmValue.of(d.source())));
        }
    }

    private static String entry(DomainDefinition def, DiskDevice disk, boolean hvm, int version) {
        boolean cdrom = disk.device().equals("cdrom");
        StringBuilder entry = new StringBuilder();
        if (disk.source() != null) {
            entry.append(prefix(def, disk)).append(disk.source());
        } else if (!cdrom) {
            // libvirt's own checks refuse such a disk first, unless rules other than XmRules let it by.
            throw XmErrors.definition(ErrorCode.NO_SOURCE, def.name(),
                    "missing source information for disk '" + disk.targetDev() + "'");
        }
        entry.append(',');
        if (hvm && version == 1) {
            entry.append("ioemu:");
        }
        entry.append(disk.targetDev());
        if (cdrom) {
            entry.append(":cdrom");
        }
        entry.append(disk.readOnly() ? ",r" : disk.shareable() ? ",!" : ",w");
        return entry.toString();
    }

    /** {@code DRIVER:}, {@code tap:TYPE:} (raw is blktap's {@code aio}), or {@code phy:}/{@code file:} by type. */
    private static String prefix(DomainDefinition def, DiskDevice disk) {
        if (!disk.type().equals("file") && !disk.type().equals("block")) {
            throw XmErrors.unsupported(def.name(), "unsupported disk type '" + disk.type() + "' for disk '"
                    + disk.targetDev() + "': xm disks are files or block devices");
        }
        String driver = disk.driverName();
        if (driver == null) {
            return disk.type().equals("block") ? "phy:" : "file:";
        }
        if (driver.equals("tap") || driver.equals("tap2")) {
            String format = disk.driverType();
            return driver + ":" + (format == null || format.equals("raw") ? "aio" : format) + ":";
        }
        return driver + ":";
    }
}
