package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.InterfaceDevice;

/**
 * What the QEMU driver refuses to start or hot-plug, as libvirt's {@code qemu_validate.c}: each
 * element or value the command line cannot honour, with CONFIG_UNSUPPORTED naming it, XML_ERROR for a
 * value that makes no sense, NO_SOURCE for a disk without one (all in error domain QEMU).
 *
 * <p>A definition is checked in the order its command line is built, so that of several faults the
 * one reported is the first the command line would meet: the domain, clock, lifecycle and boot, then
 * the devices, family by family in document order (other controllers after the disks, whose own errors
 * say more). What passes {@link #definition} the builders take as given. Stateless.
 */
public final class QemuValidate {
    /** The image formats QEMU opens with a format driver of the same name. */
    static final Set<String> IMAGE_FORMATS = Set.of("raw", "qcow2", "qcow", "qed", "vmdk", "vdi", "vpc", "vhdx");
    /** libvirt's cache modes, each of which the disk's -blockdev nodes and device can express. */
    static final Set<String> CACHE_MODES = Set.of("default", "none", "writethrough", "writeback", "directsync",
            "unsafe");

    private QemuValidate() {
    }

    /**
     * Checks a definition completed by post-parse before its command line is built.
     *
     * @throws org.jvirt.api.VirtException the first fault: CONFIG_UNSUPPORTED naming what cannot be
     *         honoured, XML_ERROR or NO_SOURCE; the model's own CONFIG_UNSUPPORTED for an element it does
     *         not model
     */
    public static void definition(DomainDefinition def, EmulatorInfo emu) {
        HonouredElements.strip(def).requireModelled("qemu", "start");
        Guest g = new Guest(def, emu, null);
        domain(g);
        CpuMemoryValidate.check(g);
        ClockCommand.validate(g);
        lifecycle(g);
        PowerCommand.validate(g);
        boot(g);
        IommuCommand.validate(g);
        DeviceValidate.controllerAddresses(g);
        DeviceValidate.pciBuses(g);
        HubCommand.validate(g);
        disks(g);
        DeviceValidate.otherControllers(g);
        interfaces(g);
        SmartcardCommand.validate(g);
        CharDeviceValidate.check(g);
        TpmCommand.validate(g);
        DeviceValidate.inputs(g);
        DeviceValidate.sounds(g);
        GraphicsValidate.check(g);
        VideoValidate.check(g);
        WatchdogCommand.validate(g);
        RedirdevCommand.validate(g);
        BalloonCommand.validate(g);
        RngCommand.validate(g);
        PanicCommand.validate(g);
        ShmemCommand.validate(g);
        VsockCommand.validate(g);
        DeviceValidate.unknownDevices(g);
        SecurityLabels.validate(g);
        NamespaceCommand.validate(g);
    }

    /**
     * Checks one disk as a start or a hot-plug places it on {@code machine}: its type, device, driver,
     * format, cache, source, bus and address.
     *
     * @param domain the domain's name, which the error carries
     * @throws org.jvirt.api.VirtException CONFIG_UNSUPPORTED, XML_ERROR or NO_SOURCE
     */
    public static void disk(String domain, DiskDevice d, String machine) {
        String where = "disk '" + d.targetDev() + "'";
        if (!d.type().equals("file") && !d.type().equals("block")) {
            throw Unsupported.config(domain, where + ": disk type '" + d.type()
                    + "' is not supported by the QEMU driver, only 'file' and 'block'");
        }
        if (!Set.of("disk", "cdrom", "floppy").contains(d.device())) {
            throw Unsupported.config(domain, where + ": device '" + d.device()
                    + "' is not supported, only 'disk', 'cdrom' and 'floppy'");
        }
        if (d.device().equals("floppy") != d.targetBus().equals("fdc")) {
            throw Unsupported.config(domain, where + ": a floppy drive goes on the 'fdc' bus, and only a floppy drive");
        }
        if (d.driverName() != null && !d.driverName().equals("qemu")) {
            throw Unsupported.config(domain, where + ": driver name '" + d.driverName() + "' is not supported, only 'qemu'");
        }
        String format = d.driverType() == null ? "raw" : d.driverType();
        if (!IMAGE_FORMATS.contains(format)) {
            throw Unsupported.config(domain, where + ": image format '" + format + "' is not supported (supported: "
                    + String.join(", ", new TreeSet<>(IMAGE_FORMATS)) + ")");
        }
        String cache = d.driverCache() == null ? "default" : d.driverCache();
        if (!CACHE_MODES.contains(cache)) {
            throw Unsupported.config(domain, where + ": cache mode '" + cache + "' is not supported");
        }
        boolean cdrom = d.device().equals("cdrom");
        if (d.source() == null && !cdrom) {
            throw Unsupported.noSource(domain, where + " has no source; only a CD-ROM may be empty");
        }
        DiskValidate.options(domain, where, d);
        switch (d.targetBus()) {
            case "virtio" -> {
                if (d.address() != null) {
                    DeviceValidate.virtioType(domain, where, d.address(), machine);
                }
                if (cdrom) {
                    throw Unsupported.config(domain, where + ": a CD-ROM cannot be on the virtio bus");
                }
                targetIndex(domain, d.targetDev());
                DeviceValidate.pciAddress(d.address());
            }
            case "ide" -> {
                if (Machines.isArmVirt(machine)) {
                    throw Unsupported.config(domain, where + ": machine '" + machine + "' has no IDE bus");
                }
                driveAddress(domain, where, d);
                int[] drive = DiskCommand.driveAddress(d);
                if (Machines.isQ35(machine)) {
                    if (drive[0] * 2 + drive[2] > 5) {
                        throw Unsupported.config(domain, where + ": q35 has six SATA ports, hda to hdf");
                    }
                } else if (drive[0] > 1 || drive[2] > 1) {
                    throw Unsupported.config(domain, where + ": the PC has four IDE devices, hda to hdd");
                }
            }
            case "sata" -> {
                // the AHCI controller q35 has built in; a PC would need one added (-device ich9-ahci)
                if (!Machines.isQ35(machine)) {
                    throw Unsupported.config(domain, where + ": machine '" + machine + "' has no SATA controller of"
                            + " its own; the QEMU driver runs SATA disks on q35");
                }
                driveAddress(domain, where, d);
                int[] drive = DiskCommand.driveAddress(d);
                if (drive[0] != 0 || drive[1] != 0 || drive[2] > 5) {
                    throw Unsupported.config(domain, where + ": q35's SATA controller has six ports, units 0 to 5 of"
                            + " bus 0 and target 0");
                }
            }
            case "scsi" -> {
                driveAddress(domain, where, d);
                int[] drive = DiskCommand.driveAddress(d);
                if (drive[1] > 255 || drive[2] > 16383) {
                    throw Unsupported.config(domain, where + ": SCSI target " + drive[1] + " unit " + drive[2]
                            + " is out of virtio-scsi's range (target 0-255, unit 0-16383)");
                }
            }
            case "usb" -> {
                if (cdrom) {
                    throw Unsupported.config(domain, where + ": a CD-ROM cannot be on the usb bus");
                }
                if (d.address() != null && !"usb".equals(d.address().type())) {
                    throw Unsupported.config(domain, where + ": address type '" + d.address().type()
                            + "' is not supported on the usb bus, only 'usb'");
                }
            }
            case "fdc" -> {
                if (!Machines.isPc(machine) && !Machines.isQ35(machine)) {
                    throw Unsupported.config(domain, where + ": machine '" + machine + "' has no floppy controller");
                }
                driveAddress(domain, where, d);
                if (DiskCommand.driveAddress(d)[2] > 1) {
                    throw Unsupported.config(domain, where + ": the floppy controller has two drives, fda and fdb");
                }
            }
            default -> throw Unsupported.config(domain, where + ": disk bus '" + d.targetBus()
                    + "' is not supported by the QEMU driver (supported: virtio, ide, sata, scsi, usb, fdc)");
        }
        // Never met while an empty disk that is not a CD-ROM is refused above.
        if (d.source() == null && d.readOnly() && !cdrom) {
            throw Unsupported.config(domain, where + " is read-only but has no source");
        }
    }

    /**
     * Checks one network interface as a start or a hot-plug creates it: its type and source, host
     * bridge, tap name, model (and that {@code types} has its device, unless empty) and address.
     *
     * @param domain the domain's name, which the error carries
     * @param arch the guest architecture, whose default model the interface may get
     * @param types the emulator's QOM types, or empty not to check them
     * @throws org.jvirt.api.VirtException CONFIG_UNSUPPORTED or XML_ERROR
     */
    public static void nic(String domain, InterfaceDevice nic, String arch, Set<String> types) {
        String where = "interface " + nic.mac();
        if (nic.script() != null) {
            throw Unsupported.config(domain, where + ": <script> is not supported by the QEMU driver");
        }
        if (nic.ip() != null) {
            throw Unsupported.config(domain, where + ": <ip> is not supported by the QEMU driver");
        }
        boolean usbNic = "usb-net".equals(nic.model());
        boolean virtioMmio = nic.address() != null && "virtio-mmio".equals(nic.address().type())
                && InterfaceCommand.model(nic, arch).equals("virtio") && (arch.equals("aarch64") || arch.equals("armv7l"));
        if (nic.address() != null && !(usbNic && "usb".equals(nic.address().type())) && !virtioMmio) {
            DeviceValidate.pciType(domain, where, nic.address());
        }
        if (usbNic && nic.address() != null && "usb".equals(nic.address().type())
                && !"0".equals(nic.address().attribute("bus"))) {
            throw Unsupported.config(domain, where + ": only USB bus 0 is supported");
        }
        switch (nic.type()) {
            case "user" -> {
                if (nic.sourceBridge() != null || nic.sourceNetwork() != null || nic.targetDev() != null) {
                    throw Unsupported.config(domain, where + ": a user-mode interface takes no source or target");
                }
            }
            case "bridge" -> {
                if (nic.sourceBridge() == null) {
                    throw Unsupported.invalid(domain, where + ": a bridge interface needs <source bridge=...>");
                }
                if (!nic.sourceBridge().matches("[A-Za-z0-9_.:-]{1,15}")) {
                    throw Unsupported.invalid(domain, where + ": invalid bridge name '" + nic.sourceBridge() + "'");
                }
                if (!Files.isDirectory(Path.of("/sys/class/net", nic.sourceBridge(), "bridge"))) {
                    throw Unsupported.config(domain, where + ": there is no bridge '" + nic.sourceBridge()
                            + "' on this host");
                }
            }
            case "ethernet" -> {
                if (nic.targetDev() != null && !nic.targetDev().matches("[A-Za-z0-9_.-]{1,15}")) {
                    throw Unsupported.invalid(domain, where + ": invalid tap device name '" + nic.targetDev() + "'");
                }
            }
            case "client", "server", "mcast", "udp" -> {
                // their source is a host address and port (InterfaceOptions.validate)
            }
            default -> throw Unsupported.config(domain, where + ": interface type '" + nic.type()
                    + "' is not supported by the QEMU driver (supported: user, bridge, ethernet, client, server,"
                    + " mcast, udp)");
        }
        String model = InterfaceCommand.model(nic, arch);
        InterfaceOptions.validate(domain, where, nic, model);
        String driver = InterfaceCommand.NIC_MODELS.get(model);
        if (driver == null) {
            throw Unsupported.config(domain, where + ": NIC model '" + model + "' is not supported (supported: "
                    + String.join(", ", new TreeSet<>(InterfaceCommand.NIC_MODELS.keySet())) + ")");
        }
        if (!types.isEmpty() && !types.contains(driver)) {
            throw Unsupported.config(domain, where + ": NIC model '" + model + "' (" + driver
                    + ") is not available in this QEMU");
        }
    }

    // ---- the domain -------------------------------------------------------------------------------

    private static void domain(Guest g) {
        DomainDefinition def = g.def();
        DomainOs os = def.os();
        String name = g.name();
        if (!"hvm".equals(os.type())) {
            throw Unsupported.config(name, "os type '" + os.type() + "' is not supported by the QEMU driver, only 'hvm'");
        }
        if (!def.type().equals("qemu") && !def.type().equals("kvm")) {
            throw Unsupported.config(name, "domain type '" + def.type()
                    + "' is not supported by the QEMU driver, only 'qemu' and 'kvm'");
        }
        if (def.bootloader() != null) {
            throw Unsupported.config(name, "<bootloader> is not supported by the QEMU driver");
        }
        if (os.root() != null) {
            throw Unsupported.config(name, "<os><root> is not supported by the QEMU driver");
        }
        if (!def.vcpuPlacement().equals("static") && !def.vcpuPlacement().equals("auto")) {
            throw Unsupported.config(name, "vcpu placement '" + def.vcpuPlacement() + "' is not supported, only 'static'");
        }
        if (def.cpuset() != null && !def.cpuset().matches("[0-9,^-]+")) {
            throw Unsupported.invalid(name, "invalid vcpu cpuset '" + def.cpuset() + "'");
        }
        if (def.memoryKiB() < 1024) {
            throw Unsupported.config(name, "memory of " + def.memoryKiB() + " KiB is too small, QEMU needs at least 1 MiB");
        }
        String arch = os.arch();
        EmulatorInfo emu = g.emu();
        FeatureCommand.validate(g);
        EmulatorInfo.Machine m = emu.machine(g.machine());
        if (m != null && def.vcpus() > m.maxCpus() && m.maxCpus() > 0) {
            throw Unsupported.config(name, "machine type '" + g.machine() + "' supports at most " + m.maxCpus()
                    + " vCPUs, not " + def.vcpus());
        }
    }

    private static void lifecycle(Guest g) {
        DomainDefinition def = g.def();
        if (!Set.of("destroy", "restart", "preserve").contains(def.onPoweroff())) {
            throw Unsupported.config(g.name(), "on_poweroff action '" + def.onPoweroff() + "' is not supported");
        }
        if (!Set.of("restart", "destroy").contains(def.onReboot())) {
            throw Unsupported.config(g.name(), "on_reboot action '" + def.onReboot() + "' is not supported");
        }
        if (!Set.of("destroy", "restart", "preserve", "coredump-destroy", "coredump-restart").contains(def.onCrash())) {
            throw Unsupported.config(g.name(), "on_crash action '" + def.onCrash() + "' is not supported");
        }
    }

    private static void boot(Guest g) {
        BootCommand.validate(g);
        FirmwareCommand.validate(g);
        SmbiosCommand.validate(g);
    }

    // ---- devices ----------------------------------------------------------------------------------

    private static void disks(Guest g) {
        Set<String> targets = new HashSet<>();
        for (DiskDevice d : g.def().devices(DiskDevice.class)) {
            if (d.targetBus().equals("scsi") && !g.hasController("scsi", 0)) {
                throw Unsupported.config(g.name(), "disk '" + d.targetDev()
                        + "' needs a <controller type='scsi' index='0'>");
            }
            disk(g.name(), d, g.machine());
            if (!targets.add(d.targetDev())) {
                throw Unsupported.invalid(g.name(), "two disks have the target '" + d.targetDev() + "'");
            }
            if (d.serial() != null && !d.serial().matches("[A-Za-z0-9 ._+-]{1,36}")) {
                throw Unsupported.invalid(g.name(), "disk '" + d.targetDev() + "' has an invalid serial '"
                        + d.serial() + "'");
            }
        }
    }

    /**
     * A disk's drive address must be a drive address on controller 0 (IDE: target 0); without one,
     * its target name must be a disk name that one controller holds (SCSI: sda to sdo).
     */
    private static void driveAddress(String domain, String where, DiskDevice d) {
        DeviceAddress a = d.address();
        if (a == null) {
            int index = targetIndex(domain, d.targetDev());
            if (!d.targetBus().equals("ide") && index >= 15) {
                throw Unsupported.config(domain, where + ": only SCSI controller 0 is supported, sda to sdo");
            }
            return;
        }
        if (!"drive".equals(a.type())) {
            throw Unsupported.config(domain, where + ": address type '" + a.type()
                    + "' is not supported on the " + d.targetBus() + " bus, only 'drive'");
        }
        if (QemuOptions.addressNumber(a.attribute("controller")) != 0 && !d.targetBus().equals("scsi")) {
            throw Unsupported.config(domain, where + ": only " + d.targetBus() + " controller 0 is supported, not "
                    + a.attribute("controller") + (d.targetBus().equals("ide")
                    ? " (the machine has four IDE devices, hda to hdd)" : ""));
        }
        int target = (int) QemuOptions.addressNumber(a.attribute("target"));
        if (d.targetBus().equals("ide") && target != 0) {
            throw Unsupported.config(domain, where + ": IDE drive addresses have target 0, not " + target);
        }
    }

    /** {@link DiskCommand#targetIndex}, refusing a name that is none of hdX, sdX, vdX, fdX. */
    static int targetIndex(String domain, String dev) {
        int index = DiskCommand.targetIndex(dev);
        if (index < 0) {
            throw Unsupported.invalid(domain, "disk target '" + dev + "' is not a disk name (hdX, sdX, vdX, fdX)");
        }
        return index;
    }

    private static void interfaces(Guest g) {
        Set<String> macs = new HashSet<>();
        for (InterfaceDevice nic : g.def().devices(InterfaceDevice.class)) {
            nic(g.name(), nic, g.arch(), g.emu().deviceTypes());
            if (macs.contains(nic.mac())) {
                throw Unsupported.invalid(g.name(), "two interfaces have the MAC address " + nic.mac());
            }
            if (nic.address() != null && "pci".equals(nic.address().type())) {
                DeviceValidate.pciAddress(nic.address());
            }
            macs.add(nic.mac());
        }
    }
}
