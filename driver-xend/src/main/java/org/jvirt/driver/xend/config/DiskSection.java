package org.jvirt.driver.xend.config;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Disks. Each is a {@code (device (vbd ...))} — or {@code (device (tap ...))} for blktap — with
 * {@code (dev)}, the guest's name for it, {@code (uname)}, {@code driver:path} ({@code file:},
 * {@code phy:}, {@code tap:aio:}, {@code tap:qcow:}...), and {@code (mode)}: {@code w}, {@code r}
 * read-only, {@code w!} shareable. An HVM guest's names were {@code ioemu:hda} for xend 3.0.2, and
 * {@code hda:disk} or {@code hdc:cdrom} from 3.0.3; an empty CD-ROM has no uname. Floppies of an
 * HVM guest are its image's {@code (fda)} and {@code (fdb)}, and for xend 3.0.2 its CD-ROM is the
 * image's {@code (cdrom)}, always {@code hdc}.
 */
final class DiskSection {
    private static final System.Logger LOG = System.getLogger(DiskSection.class.getName());

    private DiskSection() {
    }

    /** Every disk of the document: the vbd and tap devices, then an HVM guest's floppies and old CD-ROM. */
    static List<XmlElement> read(SxpGuest g) {
        List<XmlElement> disks = new ArrayList<>();
        for (SexprList device : g.root.entries("device")) {
            if (device.lookup("device/vbd").isPresent()) {
                disks.add(blockDevice(g, device, "vbd"));
            } else if (device.lookup("device/tap").isPresent()) {
                disks.add(blockDevice(g, device, "tap"));
            }
        }
        if (g.hvm) {
            for (String floppy : List.of("fda", "fdb")) {
                String file = g.nonEmpty(g.image(floppy));
                if (file != null) {
                    disks.add(XmlElement.builder("disk").attribute("type", "file").attribute("device", "floppy")
                            .child(XmlElement.builder("source").attribute("file", file).build())
                            .child(target(floppy, "fdc")).build());
                }
            }
            String cdrom = g.version == 1 ? g.nonEmpty(g.image("cdrom")) : null;
            if (cdrom != null) {
                disks.add(XmlElement.builder("disk").attribute("type", "file").attribute("device", "cdrom")
                        .child(XmlElement.builder("driver").attribute("name", "file").build())
                        .child(XmlElement.builder("source").attribute("file", cdrom).build())
                        .child(target("hdc", "ide")).child(XmlElement.of("readonly")).build());
            }
        }
        return disks;
    }

    /** One {@code (device (vbd ...))} or {@code (device (tap ...))}, as libvirt 0.4.4's xend_parse_sexp_blockdevs read it. */
    private static XmlElement blockDevice(SxpGuest g, SexprList device, String kind) {
        String prefix = "device/" + kind + "/";
        String src = SxpGuest.text(device, prefix + "uname").orElse(null);
        String dst = SxpGuest.text(device, prefix + "dev").orElseThrow(
                () -> XendErrors.incomplete("dev of " + kind + " " + device));
        String mode = SxpGuest.text(device, prefix + "mode").orElse(null);
        boolean noSourceCdrom = false;
        if (src == null) {
            int colon = dst.indexOf(':');
            noSourceCdrom = g.hvm && colon >= 0 && dst.substring(colon).equals(":cdrom");
            if (!noSourceCdrom) {
                throw XendErrors.incomplete("src (uname) of " + kind + " '" + dst + "'");
            }
            dst = dst.substring(0, colon);
        }
        String driverName = null;
        String driverType = null;
        boolean block = false;
        if (!noSourceCdrom) {
            int colon = src.indexOf(':');
            if (colon < 0) {
                throw XendErrors.incorrect("cannot parse vbd filename '" + src + "', missing driver name");
            }
            driverName = src.substring(0, colon);
            src = src.substring(colon + 1);
            if (driverName.equals("tap")) {
                colon = src.indexOf(':');
                if (colon < 0) {
                    throw XendErrors.incorrect("cannot parse vbd filename 'tap:" + src + "', missing driver type");
                }
                driverType = src.substring(0, colon);
                src = src.substring(colon + 1);
            }
            // blktap could serve block devices too, but blkback does that better: only phy: is a block device.
            block = driverName.equals("phy");
        }
        if (dst.startsWith("ioemu:")) {
            dst = dst.substring("ioemu:".length());
        }
        boolean cdrom = false;
        if (g.version > 1) {
            // xend 3.0.3's dev:type names, where an unknown type is a disk too.
            int colon = dst.lastIndexOf(':');
            if (colon >= 0) {
                cdrom = dst.substring(colon).equals(":cdrom");
                dst = dst.substring(0, colon);
            }
        }
        XmlElement.Builder disk = XmlElement.builder("disk");
        if (noSourceCdrom) {
            disk.attribute("device", "cdrom");
        } else {
            disk.attribute("type", block ? "block" : "file").attribute("device", cdrom ? "cdrom" : "disk");
            XmlElement.Builder driver = XmlElement.builder("driver").attribute("name", driverName);
            if (driverType != null) {
                driver.attribute("type", driverType);
            }
            disk.child(driver.build()).child(XmlElement.builder("source").attribute(block ? "dev" : "file", src).build());
        }
        String bus = dst.startsWith("xvd") || !g.hvm ? "xen" : dst.startsWith("sd") ? "scsi" : "ide";
        disk.child(target(dst, bus));
        if ("r".equals(mode)) {
            disk.child(XmlElement.of("readonly"));
        } else if ("w!".equals(mode)) {
            disk.child(XmlElement.of("shareable"));
        }
        return disk.build();
    }

    private static XmlElement target(String dev, String bus) {
        return XmlElement.builder("target").attribute("dev", dev).attribute("bus", bus).build();
    }

    /** An HVM image's {@code (fda)}, {@code (fdb)} and, for xend 3.0.2, {@code (cdrom)}. */
    static void writeImageDisks(DefGuest w, List<Sexpr> image) {
        for (String floppy : List.of("fda", "fdb")) {
            for (DiskDevice disk : w.def.devices(DiskDevice.class)) {
                if (disk.device().equals("floppy") && disk.targetDev().equals(floppy) && disk.type().equals("file")
                        && disk.source() != null) {
                    image.add(Sexpr.entry(floppy, disk.source()));
                    break;
                }
            }
        }
        if (w.version == 1) {
            for (DiskDevice disk : w.def.devices(DiskDevice.class)) {
                if (disk.device().equals("cdrom") && targetName(disk).equals("hdc") && disk.type().equals("file")
                        && disk.source() != null) {
                    image.add(Sexpr.entry("cdrom", disk.source()));
                    break;
                }
            }
        }
    }

    /** Every {@code (device (vbd ...))} and {@code (device (tap ...))} of the definition, in its order. */
    static void writeDevices(DefGuest w, List<Sexpr> vm) {
        for (DiskDevice disk : w.def.devices(DiskDevice.class)) {
            SexprList device = write(w, disk);
            if (device != null) {
                vm.add(Sexpr.node("device", device));
            }
        }
    }

    /** One disk as libvirt 0.4.4's virDomainParseXMLDiskDesc wrote it; null for what goes in the image. */
    private static SexprList write(DefGuest w, DiskDevice disk) {
        if (!disk.type().equals("file") && !disk.type().equals("block")) {
            throw XendErrors.unsupported("xend's disks are files or block devices, not <disk type='" + disk.type()
                    + "'> (" + disk.targetDev() + ")");
        }
        if (!List.of("disk", "cdrom", "floppy").contains(disk.device())) {
            throw XendErrors.unsupported("xend has no <disk device='" + disk.device() + "'> (" + disk.targetDev() + ")");
        }
        boolean noSourceCdrom = disk.source() == null && w.hvm && disk.device().equals("cdrom");
        if (disk.source() == null && !noSourceCdrom) {
            throw XendErrors.noSource("disk " + disk.targetDev());
        }
        if (w.hvm && disk.device().equals("floppy")) {
            // Every xend put an HVM guest's floppies in its image.
            return null;
        }
        boolean cdrom = w.hvm && disk.device().equals("cdrom");
        if (cdrom && w.version == 1) {
            // xend 3.0.2 put the CD-ROM in the image; it had no place for another one.
            if (!targetName(disk).equals("hdc") || disk.source() == null || !disk.type().equals("file")) {
                LOG.log(Level.WARNING, "domain ''{0}'': xend 3.0.2 has no place for CD-ROM {1}; it is left out",
                        w.name(), disk.targetDev());
            }
            return null;
        }
        boolean tap = "tap".equals(disk.driverName());
        List<Sexpr> vbd = new ArrayList<>();
        vbd.add(Sexpr.atom(tap ? "tap" : "vbd"));
        vbd.add(Sexpr.entry("dev", dev(w, disk, cdrom)));
        if (!noSourceCdrom) {
            vbd.add(Sexpr.entry("uname", uname(disk)));
        }
        // A CD-ROM is read-only whatever the definition says, as libvirt has it since 0.5 (virDomainDiskDefParseXML).
        boolean readOnly = disk.readOnly() || disk.device().equals("cdrom");
        vbd.add(Sexpr.entry("mode", readOnly ? "r" : disk.shareable() ? "w!" : "w"));
        return Sexpr.list(vbd);
    }

    /** The guest's name for the disk: {@code ioemu:hda} (HVM, xend 3.0.2), {@code hda:disk} (HVM), or as written. */
    private static String dev(DefGuest w, DiskDevice disk, boolean cdrom) {
        if (!w.hvm) {
            return disk.targetDev();
        }
        String name = targetName(disk);
        return w.version == 1 ? "ioemu:" + name : name + (cdrom ? ":cdrom" : ":disk");
    }

    /** The target name without the {@code ioemu:} prefix a definition of libvirt 0.4's time may still carry. */
    private static String targetName(DiskDevice disk) {
        String dev = disk.targetDev();
        return dev.startsWith("ioemu:") ? dev.substring("ioemu:".length()) : dev;
    }

    /** {@code driver:path}: the driver named (blktap's with its type), else {@code file:} or {@code phy:} by the disk's type. */
    private static String uname(DiskDevice disk) {
        String driver = disk.driverName();
        if ("tap".equals(driver)) {
            // blktap's raw driver is aio, which libvirt 9 reads as format raw; later libvirt wrote it back so.
            String format = disk.driverType();
            return "tap:" + (format == null || format.equals("raw") ? "aio" : format) + ":" + disk.source();
        } else if (driver != null) {
            return driver + ":" + disk.source();
        } else if (disk.type().equals("file")) {
            return "file:" + disk.source();
        }
        return "phy:" + (disk.source().startsWith("/") ? "" : "/dev/") + disk.source();
    }
}
