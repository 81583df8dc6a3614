package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.opt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;

/**
 * Disks on the command line, as libvirt's {@code qemuBuildDiskCommandLine}: for each disk with a
 * source, a protocol {@code -blockdev} node ({@code file-vda}) under a format node ({@code fmt-vda}),
 * then the {@code -device} on its bus (virtio-blk, IDE/SATA, virtio-scsi) that uses the format node.
 * Start and hot-plug share {@link #plan}, so that both name and configure a disk alike.
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class DiskCommand {
    private DiskCommand() {
    }

    /** Every disk, in document order; the first disk and first CD-ROM take their place in the boot order. */
    static void add(Guest g, CommandLine out) {
        boolean firstHd = true;
        boolean firstCd = true;
        int virtioIndex = 0;
        for (DiskDevice d : g.def().devices(DiskDevice.class)) {
            boolean cdrom = d.device().equals("cdrom");
            int boot = cdrom ? g.bootIndex("cdrom", firstCd) : g.bootIndex("hd", firstHd);
            if (cdrom) {
                firstCd = false;
            } else {
                firstHd = false;
            }
            add(d, plan(d, g.machine(), g.pcie(), virtioIndex, QemuCommandBuilder.scsiModel(g.def())), boot, out);
            if (d.targetBus().equals("virtio")) {
                virtioIndex++;
            }
        }
    }

    private static void add(DiskDevice d, QemuCommandBuilder.DiskPlan p, int bootIndex, CommandLine out) {
        if (p.blockdevFile() != null) {
            out.arg("-blockdev", Json.write(p.blockdevFile()));
            out.arg("-blockdev", Json.write(p.blockdevFormat()));
        }
        StringBuilder dev = new StringBuilder(p.deviceDriver());
        if (p.ids().node() != null) {
            dev.append(",drive=").append(p.ids().node());
        }
        dev.append(p.busProps());
        dev.append(",id=").append(p.ids().device());
        if (bootIndex > 0) {
            dev.append(",bootindex=").append(bootIndex);
        }
        if (d.serial() != null) {
            dev.append(",serial=").append(opt(d.serial()));
        }
        if (d.shareable()) {
            dev.append(",share-rw=on");
        }
        p.writeCache().ifPresent(wc -> dev.append(",write-cache=").append(wc));
        out.arg("-device", dev.toString());
        out.disks.put(d.targetDev(), p.ids());
    }

    /**
     * The QEMU side of a disk {@link QemuValidate#disk} accepted.
     *
     * @param virtioIndex the number of its {@code virtio-disk} id, when on the virtio bus
     */
    static QemuCommandBuilder.DiskPlan plan(DiskDevice d, String machine, boolean pcie, int virtioIndex,
            String scsiModel) {
        String cache = d.driverCache() == null ? "default" : d.driverCache();
        boolean cdrom = d.device().equals("cdrom");
        String driver;
        String bus;
        String devId;
        switch (d.targetBus()) {
            case "virtio" -> {
                driver = "virtio-blk-pci";
                devId = "virtio-disk" + virtioIndex;
                bus = QemuOptions.pciProps(d.address(), pcie);
            }
            case "ide" -> {
                driver = cdrom ? "ide-cd" : "ide-hd";
                int[] drive = driveAddress(d);
                int index = drive[0] * 2 + drive[2];
                if (Machines.isQ35(machine)) {
                    bus = ",bus=ide." + index;
                    devId = "sata0-0-" + index;
                } else {
                    bus = ",bus=ide." + drive[0] + ",unit=" + drive[2];
                    devId = "ide0-" + drive[0] + "-" + drive[2];
                }
            }
            case "scsi" -> {
                driver = cdrom ? "scsi-cd" : "scsi-hd";
                int[] drive = driveAddress(d);
                // As libvirt addresses them: on LSI the unit is the SCSI id; on virtio-scsi the channel comes
                // from the bus, the scsi-id from the target, the lun from the unit.
                bus = "lsilogic".equals(scsiModel) ? ",bus=scsi0.0,scsi-id=" + drive[2]
                        : ",bus=scsi0.0,channel=" + drive[0] + ",scsi-id=" + drive[1] + ",lun=" + drive[2];
                devId = "scsi0-" + drive[0] + "-" + drive[1] + "-" + drive[2];
            }
            default -> throw new IllegalStateException("disk bus '" + d.targetBus() + "' was not validated");
        }
        Map<String, Object> file = null;
        Map<String, Object> fmt = null;
        String node = null;
        String fileNode = null;
        if (d.source() != null) {
            node = "fmt-" + d.targetDev();
            fileNode = "file-" + d.targetDev();
            // QEMU's cache modes are no option of their own since -blockdev: libvirt's modes map onto
            // O_DIRECT, ignoring flushes and the device's write cache.
            boolean direct = cache.equals("none") || cache.equals("directsync");
            boolean noFlush = cache.equals("unsafe");
            file = new LinkedHashMap<>();
            file.put("driver", d.type().equals("block") ? "host_device" : "file");
            file.put("filename", d.source());
            file.put("node-name", fileNode);
            if (direct || noFlush) {
                file.put("cache", Json.object("direct", direct, "no-flush", noFlush));
            }
            file.put("auto-read-only", true);
            file.put("discard", "unmap");
            fmt = new LinkedHashMap<>();
            fmt.put("node-name", node);
            fmt.put("read-only", d.readOnly() || cdrom);
            if (direct || noFlush) {
                fmt.put("cache", Json.object("direct", direct, "no-flush", noFlush));
            }
            fmt.put("driver", d.driverType() == null ? "raw" : d.driverType());
            fmt.put("file", fileNode);
        }
        Optional<String> wc = cache.equals("writethrough") || cache.equals("directsync")
                ? Optional.of("off") : Optional.empty();
        return new QemuCommandBuilder.DiskPlan(new QemuCommand.DiskIds(devId, node, fileNode), file, fmt, driver, bus,
                wc);
    }

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
            return new int[] {0, 0, index < 7 ? index : index + 1};
        }
        return new int[] {(int) QemuOptions.addressNumber(a.attribute("bus")),
                (int) QemuOptions.addressNumber(a.attribute("target")),
                (int) QemuOptions.addressNumber(a.attribute("unit"))};
    }

    /** hda → 0, hdb → 1, vdaa → 26: the index of a target name's letters; -1 for no disk name. */
    static int targetIndex(String dev) {
        String prefix = dev.length() > 2 ? dev.substring(0, 2) : dev;
        if (!(prefix.equals("hd") || prefix.equals("sd") || prefix.equals("vd")) || dev.length() < 3) {
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
