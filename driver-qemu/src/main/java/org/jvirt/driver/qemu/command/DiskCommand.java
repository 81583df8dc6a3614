package org.jvirt.driver.qemu.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * Disks on the command line, as libvirt's {@code qemuBuildDiskCommandLine}: for each disk with a
 * source, a protocol {@code -blockdev} node ({@code libvirt-N-storage}) under a format node
 * ({@code libvirt-N-format}), then the {@code -device} on its bus (virtio-blk, IDE/SATA, SCSI, USB,
 * floppy) that uses the format node.
 * Start and hot-plug share {@link #plan}, so that both name and configure a disk alike.
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class DiskCommand {
    private DiskCommand() {
    }

    /**
     * Every disk, in document order: the floppy controller's boot order first, then each disk's nodes
     * and device. Block nodes are numbered as libvirt numbers them, {@code libvirt-N-storage} under
     * {@code libvirt-N-format}, counting down to 1 at the last disk.
     */
    static void add(Guest g, CommandLine out) {
        floppyController(g, out);
        List<DiskDevice> disks = g.def().devices(DiskDevice.class);
        // every disk takes a number, an empty CD-ROM too, as libvirt counts them
        int node = disks.size();
        boolean firstHd = true;
        boolean firstCd = true;
        for (DiskDevice d : disks) {
            int boot;
            switch (d.device()) {
                case "cdrom" -> {
                    boot = g.bootIndex("cdrom", firstCd);
                    firstCd = false;
                }
                case "floppy" -> {
                    // the floppy's place in the boot order is its controller's (floppyController)
                    boot = 0;
                }
                default -> {
                    boot = g.bootIndex("hd", firstHd);
                    firstHd = false;
                }
            }
            QemuCommandBuilder.DiskPlan p = plan(d, g.def(), g.pcie(), node, boot);
            if (p.blockdevFile() != null) {
                out.arg("-blockdev", Json.write(p.blockdevFile()));
                out.arg("-blockdev", Json.write(p.blockdevFormat()));
            }
            node--;
            out.device(p.device());
            out.disks.put(d.targetDev(), p.ids());
        }
    }

    /**
     * The floppy controller's boot order ({@code bootindexA} for drive A, {@code bootindexB} for B): a
     * global property of the PC's built-in {@code isa-fdc}, a {@code -device isa-fdc} on q35, which has
     * none built in.
     */
    private static void floppyController(Guest g, CommandLine out) {
        int bootA = 0;
        int bootB = 0;
        boolean any = false;
        boolean first = true;
        for (DiskDevice d : g.def().devices(DiskDevice.class)) {
            if (!d.targetBus().equals("fdc")) {
                continue;
            }
            any = true;
            int boot = g.bootIndex("fd", first);
            first = false;
            if (driveAddress(d)[2] == 0) {
                bootA = boot;
            } else {
                bootB = boot;
            }
        }
        if (!any) {
            return;
        }
        if (Machines.isQ35(g.machine())) {
            Map<String, Object> fdc = Json.object("driver", "isa-fdc");
            if (bootA > 0) {
                fdc.put("bootindexA", bootA);
            }
            if (bootB > 0) {
                fdc.put("bootindexB", bootB);
            }
            out.device(fdc);
            return;
        }
        if (bootA > 0) {
            out.arg("-global", "isa-fdc.bootindexA=" + bootA);
        }
        if (bootB > 0) {
            out.arg("-global", "isa-fdc.bootindexB=" + bootB);
        }
    }

    /**
     * The QEMU side of a disk {@link QemuValidate#disk} accepted, as libvirt's qemuBuildDiskDeviceProps
     * and its block nodes: the properties in libvirt's order.
     *
     * @param def the definition the disk is in (or goes into), whose controllers place it
     * @param nodeIndex the {@code N} of its {@code libvirt-N-storage} and {@code libvirt-N-format} nodes
     * @param bootIndex its place in the boot order, 0 for none
     */
    static QemuCommandBuilder.DiskPlan plan(DiskDevice d, DomainDefinition def, boolean pcie, int nodeIndex,
                                            int bootIndex) {
        String cache = d.driverCache() == null ? "default" : d.driverCache();
        DiskOptions o = DiskOptions.of(d);
        boolean cdrom = d.device().equals("cdrom");
        String id = alias(d, def);
        Map<String, Object> dev = new LinkedHashMap<>();
        String deviceId = null;
        switch (d.targetBus()) {
            case "virtio" -> {
                dev.put("driver", DeviceProps.virtio("virtio-blk-pci", d.address()));
                if (o.iothread() > 0) {
                    dev.put("iothread", "iothread" + o.iothread());
                }
                if (d.address() != null && "pci".equals(d.address().type())) {
                    DeviceProps.pciAddress(dev, d.address(), pcie ? "pcie.0" : "pci.0");
                }
            }
            case "ide", "sata" -> {
                dev.put("driver", cdrom ? "ide-cd" : "ide-hd");
                int[] drive = driveAddress(d);
                if (Machines.isQ35(def.os().machine())) {
                    dev.put("bus", "ide." + (drive[0] * 2 + drive[2]));
                } else {
                    dev.put("bus", "ide." + drive[0]);
                    dev.put("unit", drive[2]);
                }
            }
            case "scsi" -> {
                dev.put("driver", cdrom ? "scsi-cd" : "scsi-hd");
                int[] drive = driveAddress(d);
                int controller = driveController(d);
                dev.put("bus", "scsi" + controller + ".0");
                // As libvirt addresses them: on LSI the unit is the SCSI id; on the others the channel
                // comes from the bus, the scsi-id from the target, the lun from the unit.
                if ("lsilogic".equals(scsiModel(def, controller))) {
                    dev.put("scsi-id", drive[2]);
                } else {
                    dev.put("channel", drive[0]);
                    dev.put("scsi-id", drive[1]);
                    dev.put("lun", drive[2]);
                }
                deviceId = d.serial() != null ? d.serial() : "drive-" + id;
            }
            case "usb" -> {
                dev.put("driver", "usb-storage");
                DeviceProps.address(dev, d.address(), def);
                if (d.address() == null) {
                    dev.put("bus", "usb.0");
                }
            }
            case "fdc" -> {
                dev.put("driver", "floppy");
                dev.put("unit", driveAddress(d)[2]);
            }
            default -> throw new IllegalStateException("disk bus '" + d.targetBus() + "' was not validated");
        }
        if (deviceId != null) {
            dev.put("device_id", deviceId);
        }
        if (d.shareable()) {
            dev.put("share-rw", true);
        }
        Map<String, Object> file = null;
        Map<String, Object> fmt = null;
        String node = null;
        String fileNode = null;
        if (d.source() != null) {
            node = "libvirt-" + nodeIndex + "-format";
            fileNode = "libvirt-" + nodeIndex + "-storage";
            file = new LinkedHashMap<>();
            file.put("driver", d.type().equals("block") ? "host_device" : "file");
            file.put("filename", d.source());
            if (o.io() != null) {
                file.put("aio", o.io());
            }
            file.put("node-name", fileNode);
            // QEMU's cache modes are no option of their own since -blockdev: libvirt's modes map onto
            // O_DIRECT, ignoring flushes and the device's write cache, written when the disk names one.
            Map<String, Object> cacheProps = cache.equals("default") ? null
                    : Json.object("direct", cache.equals("none") || cache.equals("directsync"),
                    "no-flush", cache.equals("unsafe"));
            if (cacheProps != null) {
                file.put("cache", cacheProps);
            }
            file.put("auto-read-only", true);
            file.put("discard", "unmap");
            fmt = new LinkedHashMap<>();
            fmt.put("node-name", node);
            fmt.put("read-only", d.readOnly() || cdrom);
            if (cacheProps != null) {
                fmt.put("cache", cacheProps);
            }
            fmt.put("driver", d.driverType() == null ? "raw" : d.driverType());
            fmt.put("file", fileNode);
            dev.put("drive", node);
        }
        dev.put("id", id);
        if (bootIndex > 0) {
            dev.put("bootindex", bootIndex);
        }
        options(dev, d, o, cache);
        return new QemuCommandBuilder.DiskPlan(new QemuCommand.DiskIds(id, node, fileNode), file, fmt, dev);
    }

    /** The device properties after {@code bootindex}, in libvirt's order. */
    private static void options(Map<String, Object> dev, DiskDevice d, DiskOptions o, String cache) {
        if (o.blockio() != null) {
            putNumber(dev, "logical_block_size", o.blockio().attribute("logical_block_size"));
            putNumber(dev, "physical_block_size", o.blockio().attribute("physical_block_size"));
        }
        if (o.wwn() != null) {
            dev.put("wwn", Long.parseUnsignedLong(o.wwn().replaceFirst("^0[xX]", ""), 16));
        }
        if (o.vendor() != null) {
            dev.put("vendor", o.vendor());
        }
        if (o.product() != null) {
            dev.put("product", o.product());
        }
        if (d.targetBus().equals("usb")) {
            dev.put("removable", "on".equals(o.removable()));
        }
        if (!cache.equals("default")) {
            // libvirt's modes other than writethrough and directsync keep the guest's write cache
            boolean writeBack = !cache.equals("writethrough") && !cache.equals("directsync");
            dev.put("write-cache", writeBack ? "on" : "off");
        }
        if (o.geometry() != null) {
            putNumber(dev, "cyls", o.geometry().attribute("cyls"));
            putNumber(dev, "heads", o.geometry().attribute("heads"));
            putNumber(dev, "secs", o.geometry().attribute("secs"));
            if (o.geometry().attribute("trans") != null && !o.geometry().attribute("trans").equals("default")) {
                dev.put("bios-chs-trans", o.geometry().attribute("trans"));
            }
        }
        if (d.serial() != null) {
            // libvirt escapes spaces, which QEMU reads back as part of the serial
            dev.put("serial", d.serial().replace(" ", "\\ "));
        }
        String[] policies = o.qemuErrorPolicies();
        if (policies[0] != null) {
            dev.put("werror", policies[0]);
        }
        if (policies[1] != null) {
            dev.put("rerror", policies[1]);
        }
    }

    private static void putNumber(Map<String, Object> dev, String name, String value) {
        if (value != null) {
            dev.put(name, Long.parseLong(value));
        }
    }

    /**
     * A disk's QEMU id, as libvirt's qemuAssignDeviceDiskAlias: {@code virtio-disk}/{@code usb-disk} and
     * the index of its target name, {@code ide0-BUS-UNIT}, {@code sata0-0-UNIT} on q35,
     * {@code scsiC-0-UNIT} on an LSI controller and {@code scsiC-BUS-TARGET-UNIT} on the others,
     * {@code fdc0-0-UNIT}.
     */
    static String alias(DiskDevice d, DomainDefinition def) {
        int[] drive = driveAddress(d);
        return switch (d.targetBus()) {
            case "virtio" -> "virtio-disk" + targetIndex(d.targetDev());
            case "usb" -> "usb-disk" + targetIndex(d.targetDev());
            case "ide", "sata" -> Machines.isQ35(def.os().machine()) ? "sata0-0-" + (drive[0] * 2 + drive[2])
                    : "ide0-" + drive[0] + "-" + drive[2];
            case "scsi" -> {
                int controller = driveController(d);
                yield "lsilogic".equals(scsiModel(def, controller)) ? "scsi" + controller + "-0-" + drive[2]
                        : "scsi" + controller + "-" + drive[0] + "-" + drive[1] + "-" + drive[2];
            }
            case "fdc" -> "fdc0-0-" + drive[2];
            default -> throw new IllegalStateException("disk bus '" + d.targetBus() + "' was not validated");
        };
    }

    /** The model of SCSI controller {@code index} as the command line has it (virtio-scsi when it has none). */
    static String scsiModel(DomainDefinition def, int index) {
        for (ControllerDevice c : def.devices(ControllerDevice.class)) {
            if (c.type().equals("scsi") && c.index() != null && c.index() == index) {
                return c.model() == null ? "virtio-scsi" : c.model();
            }
        }
        return "virtio-scsi";
    }

    /** The controller of a disk's drive address, 0 without one. */
    static int driveController(DiskDevice d) {
        return d.address() == null ? 0 : (int) QemuOptions.addressNumber(d.address().attribute("controller"));
    }

    /**
     * The {@code block_set_io_throttle} arguments of a disk's {@code <iotune>}, which libvirt gives QEMU
     * once it runs rather than on the command line; null for a disk without one.
     *
     * @param deviceId the disk's QEMU id
     */
    static Map<String, Object> throttle(DiskDevice d, String deviceId) {
        XmlElement iotune = DiskOptions.of(d).iotune();
        if (iotune == null) {
            return null;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("id", deviceId);
        for (String[] names : THROTTLES) {
            XmlElement e = iotune.child(names[0]);
            Object value = e == null ? 0L : names[0].equals("group_name") ? e.text().strip() : Long.parseLong(e.text().strip());
            if (e != null || names.length > 2) {
                args.put(names[1], value);
            }
        }
        return args;
    }

    /** Whether {@code name} is one of libvirt's {@code <iotune>} elements. */
    static boolean isThrottle(String name) {
        for (String[] names : THROTTLES) {
            if (names[0].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * libvirt's {@code <iotune>} elements and the {@code block_set_io_throttle} argument of each; those
     * marked required QEMU wants even when zero.
     */
    private static final String[][] THROTTLES = {
        {"total_bytes_sec", "bps", "required"}, {"read_bytes_sec", "bps_rd", "required"},
        {"write_bytes_sec", "bps_wr", "required"}, {"total_iops_sec", "iops", "required"},
        {"read_iops_sec", "iops_rd", "required"}, {"write_iops_sec", "iops_wr", "required"},
        {"total_bytes_sec_max", "bps_max"}, {"read_bytes_sec_max", "bps_rd_max"},
        {"write_bytes_sec_max", "bps_wr_max"}, {"total_iops_sec_max", "iops_max"},
        {"read_iops_sec_max", "iops_rd_max"}, {"write_iops_sec_max", "iops_wr_max"},
        {"size_iops_sec", "iops_size"}, {"group_name", "group"},
        {"total_bytes_sec_max_length", "bps_max_length"}, {"read_bytes_sec_max_length", "bps_rd_max_length"},
        {"write_bytes_sec_max_length", "bps_wr_max_length"}, {"total_iops_sec_max_length", "iops_max_length"},
        {"read_iops_sec_max_length", "iops_rd_max_length"}, {"write_iops_sec_max_length", "iops_wr_max_length"},
    };

    /**
     * A disk's drive address as {bus, target, unit} on controller 0: the one the definition's
     * post-parse gives every IDE and SCSI disk, or for a disk without one (a hot-plugged disk, a
     * definition built without post-parse): IDE two buses of two units; SCSI the wide bus of controller
     * 0, unit 7 left to the controller (post-parse, as libvirt's QEMU driver, gives 7 units a controller).
     */
    static int[] driveAddress(DiskDevice d) {
        DeviceAddress a = d.address();
        if (a == null) {
            int index = targetIndex(d.targetDev());
            if (d.targetBus().equals("ide")) {
                return new int[] {index / 2, 0, index % 2};
            }
            if (d.targetBus().equals("fdc")) {
                return new int[] {0, 0, index};
            }
            return new int[] {0, 0, index < 7 ? index : index + 1};
        }
        return new int[] {(int) QemuOptions.addressNumber(a.attribute("bus")),
                (int) QemuOptions.addressNumber(a.attribute("target")),
                (int) QemuOptions.addressNumber(a.attribute("unit"))};
    }

    /** hda → 0, hdb → 1, vdaa → 26, fdb → 1: the index of a target name's letters; -1 for no disk name. */
    static int targetIndex(String dev) {
        String prefix = dev.length() > 2 ? dev.substring(0, 2) : dev;
        if (!(prefix.equals("hd") || prefix.equals("sd") || prefix.equals("vd") || prefix.equals("fd"))
                || dev.length() < 3) {
            return -1;
        }
        String letters = dev.substring(2);
        if (!letters.matches("[a-z]{1,3}")) {
            return -1;
        }
        int idx = 0;
        for (char c : letters.toCharArray()) {
            idx = idx * 26 + (c - 'a' + 1);
        }
        return idx - 1;
    }
}
