package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's reading of a disk (virDomainDiskDefParseXML, virDomainDiskDefPostParse,
 * virDomainDiskDefAssignAddress): its name, format, media and the drive address its name implies,
 * and what the model keeps of it as elements — tray, snapshot, network hosts, backing chain.
 * Stateless.
 */
final class DiskPostParse {
    static final Set<String> DRIVE_BUSES = Set.of("ide", "scsi", "fdc", "sata");
    /** virStorageFileFormat's names (its "none" aside, which a document cannot name). */
    private static final Set<String> STORAGE_FORMATS = Set.of("raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc",
            "vdi", "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");

    private DiskPostParse() {
    }

    /**
     * virDomainDiskDefPostParse: Xen's old "ioemu:" prefix goes, a CD-ROM is read-only, and a disk on
     * a controller-based bus gets the drive address its target name implies.
     */
    static DiskDevice apply(DiskDevice disk, DomainDefinition def, DomainRules rules) {
        DiskDevice.Builder b = null;
        String dev = disk.targetDev();
        if (dev.startsWith("ioemu:")) {
            dev = dev.substring("ioemu:".length());
            b = disk.toBuilder().target(dev, disk.targetBus());
        }
        String format = disk.driverType();
        if ("aio".equals(format)) {
            // Xen's old name for raw.
            b = (b == null ? disk.toBuilder() : b).driver(disk.driverName(), "raw", disk.driverCache());
        } else if (format != null && !STORAGE_FORMATS.contains(format)) {
            throw DomainErrors.unsupported("unknown driver format value '" + format + "'");
        }
        if (disk.device().equals("cdrom") && !disk.readOnly()) {
            b = (b == null ? disk.toBuilder() : b).readOnly(true);
        }
        if (disk.source() == null && !Preserved.at(disk.unknowns(), "source") && !disk.type().equals("file")) {
            // virDomainDiskDefParseXML: a disk without a source is a file that is not there.
            b = (b == null ? disk.toBuilder() : b).type("file");
        }
        Unknowns u = diskUnknowns(disk, disk.readOnly() || disk.device().equals("cdrom"));
        if (u != disk.unknowns()) {
            b = (b == null ? disk.toBuilder() : b).unknowns(u);
        }
        if (disk.address() == null) {
            // virDomainDiskDefAssignAddress: every disk without an address needs a disk name, and one on
            // a controller bus gets the drive address it implies.
            if (diskIndex(dev) < 0) {
                throw DomainErrors.xml("Unknown disk name '" + dev + "' and no address specified");
            }
            if (DRIVE_BUSES.contains(disk.targetBus())) {
                DeviceAddress implied = driveAddress(disk.targetBus(), dev, rules.wideScsi());
                if (disk.targetBus().equals("scsi")) {
                    ScsiHostdevs.requireFree(def.devices(), implied, dev);
                }
                b = (b == null ? disk.toBuilder() : b).address(implied);
            }
        }
        return b == null ? disk : b.build();
    }

    /** The default port of each network storage protocol that has one (virStorageSourceNetworkDefaultPort). */
    private static final Map<String, String> DEFAULT_PORTS = Map.of("http", "80", "https", "443", "ftp", "21",
            "ftps", "990", "tftp", "69", "sheepdog", "7000", "nbd", "10809", "ssh", "22", "iscsi", "3260",
            "gluster", "24007");

    /**
     * What virDomainDiskDefPostParse and the disk formatter settle of what the model keeps unread:
     * a tray is written only when a floppy or CD-ROM's is open; a read-only disk is never
     * snapshotted, which goes without saying; a mirror is not read, a backing chain as
     * {@link BackingChains} reads it; an iSCSI target without a LUN means LUN 0; a TCP
     * host of a network source has its protocol's default port.
     */
    private static Unknowns diskUnknowns(DiskDevice disk, boolean readOnly) {
        Unknowns u = disk.unknowns();
        String tray = u.attributesAt("target").get("tray");
        if (tray != null && (tray.equals("closed") || !disk.device().equals("floppy") && !disk.device().equals("cdrom"))) {
            u = u.withoutAttribute("target", "tray");
        }
        if (readOnly && "no".equals(u.attributesAt("").get("snapshot"))) {
            u = u.withoutAttribute("", "snapshot");
        }
        List<XmlElement> own = u.elementsAt("");
        if (own.stream().anyMatch(e -> e.name().equals("mirror") || e.name().equals("backingStore"))) {
            // A block job's mirror belongs to a running guest; the backing chain is read as libvirt reads it.
            List<XmlElement> read = new ArrayList<>(own.size());
            for (XmlElement e : own) {
                if (e.name().equals("backingStore")) {
                    read.add(BackingChains.read(e));
                } else if (!e.name().equals("mirror")) {
                    read.add(e);
                }
            }
            u = u.withElementsAt("", read);
        }
        if (disk.type().equals("network")) {
            String protocol = u.attributesAt("source").get("protocol");
            String name = u.attributesAt("source").get("name");
            if ("iscsi".equals(protocol) && name != null && name.indexOf('/') < 0) {
                u = u.withAttributeValue("source", "name", name + "/0");
            }
            String port = protocol == null ? null : DEFAULT_PORTS.get(protocol);
            List<XmlElement> children = u.elementsAt("source");
            if (port != null && children.stream().anyMatch(h -> h.name().equals("host"))) {
                List<XmlElement> hosts = new ArrayList<>(children);
                hosts.replaceAll(h -> h.name().equals("host") && h.attribute("port") == null
                        && (h.attribute("transport") == null || h.attribute("transport").equals("tcp"))
                        ? Elements.withAttributeAfter(h, "port", port, "name") : h);
                u = u.withElementsAt("source", hosts);
            }
        }
        return u;
    }

    /** virDomainDiskDefAssignAddress: the drive address of a disk named {@code dev} on {@code bus}. */
    static DeviceAddress driveAddress(String bus, String dev, boolean wideScsi) {
        int idx = diskIndex(dev);
        if (idx < 0) {
            throw DomainErrors.xml("Unknown disk name '" + dev + "' and no address specified");
        }
        int controller;
        int busNumber = 0;
        int unit;
        switch (bus) {
            case "scsi" -> {
                if (wideScsi) {
                    // 16 units per bus, 1 bus per controller; unit 7 is the controller itself.
                    controller = idx / 15;
                    unit = idx % 15;
                    if (unit >= 7) {
                        unit++;
                    }
                } else {
                    controller = idx / 7;
                    unit = idx % 7;
                }
            }
            case "fdc" -> {
                controller = idx / 2;
                unit = idx % 2;
            }
            case "ide" -> {
                controller = idx / 4;
                busNumber = (idx % 4) / 2;
                unit = idx % 2;
            }
            default -> { // sata
                controller = idx / 6;
                unit = idx % 6;
            }
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("controller", Integer.toString(controller));
        a.put("bus", Integer.toString(busNumber));
        a.put("target", "0");
        a.put("unit", Integer.toString(unit));
        return new DeviceAddress("drive", a);
    }

    /**
     * virDiskNameToIndex: {@code hda} is 0, {@code sdb} 1, {@code vdaa} 26, a partition number
     * ({@code sda1}) ignored; -1 for a name that is no disk name (no known prefix, no letters, or
     * anything else after them).
     */
    static int diskIndex(String name) {
        String rest = null;
        for (String prefix : new String[] {"fd", "hd", "vd", "sd", "xvd", "ubd"}) {
            if (name.startsWith(prefix)) {
                rest = name.substring(prefix.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty() || rest.charAt(0) < 'a' || rest.charAt(0) > 'z') {
            return -1;
        }
        int idx = 0;
        int i = 0;
        for (; i < rest.length() && rest.charAt(i) >= 'a' && rest.charAt(i) <= 'z'; i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26 + (rest.charAt(i) - 'a');
        }
        for (int j = i; j < rest.length(); j++) {
            if (rest.charAt(j) < '0' || rest.charAt(j) > '9') {
                return -1;
            }
        }
        return idx;
    }
}
