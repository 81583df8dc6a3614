package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainClock;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Turns a domain definition into a QEMU command line, as libvirt's {@code qemu_command.c} does:
 * always {@code -nodefaults}, QMP on a unix socket, every device explicit. Everything it cannot
 * honour is refused with CONFIG_UNSUPPORTED naming the element or value, before any process
 * starts. Stateless; {@link #build} is a pure function of its arguments.
 */
public final class QemuCommandBuilder {
    /** How many spare PCIe root ports a PCIe machine gets, for hot-plugging. */
    public static final int SPARE_ROOT_PORTS = 4;

    private static final Set<String> IMAGE_FORMATS = Set.of("raw", "qcow2", "qcow", "qed", "vmdk", "vdi", "vpc",
            "vhdx");
    private static final Set<String> CACHE_MODES = Set.of("default", "none", "writethrough", "writeback",
            "directsync", "unsafe");
    private static final Map<String, String> NIC_MODELS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139", "ne2k_pci", "ne2k_pci", "pcnet", "pcnet", "vmxnet3", "vmxnet3",
            "usb-net", "usb-net", "i82559er", "i82559er");
    private static final Set<String> FEATURES = Set.of("acpi", "apic", "pae");

    private final DomainDefinition def;
    private final EmulatorInfo emu;
    private final String accel;
    private final String name;
    private final Clock clock;
    private final List<String> argv = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, QemuCommand.DiskIds> disks = new LinkedHashMap<>();
    private final Map<String, QemuCommand.NicIds> nics = new LinkedHashMap<>();
    private final Map<String, String> chardevs = new LinkedHashMap<>();
    private final Set<String> usedIds = new HashSet<>();
    private boolean vncAutoport;
    private boolean usb;

    private QemuCommandBuilder(DomainDefinition def, EmulatorInfo emu, String accel, Clock clock) {
        this.def = def;
        this.emu = emu;
        this.accel = accel;
        this.name = def.name();
        this.clock = clock;
    }

    /**
     * Builds the command line of a definition completed by {@link org.jvirt.driver.qemu.domain.QemuRules} (through
     * {@link org.jvirt.model.PostParse}).
     *
     * @param accel {@code tcg} or {@code kvm}
     * @param monitor the QMP socket QEMU is to listen on
     * @param incoming true to start waiting for an incoming migration ({@code -incoming defer})
     * @throws org.jvirt.api.VirtException CONFIG_UNSUPPORTED naming what cannot be honoured
     */
    public static QemuCommand build(DomainDefinition def, EmulatorInfo emu, String accel, Path monitor,
                                    boolean incoming) {
        return build(def, emu, accel, monitor, incoming, Clock.systemDefaultZone());
    }

    /**
     * {@link #build} reading the time of a variable guest clock ({@code <clock offset='variable'>})
     * from {@code clock}, in its zone for {@code basis='localtime'}: the one input of a command line
     * that is not in the definition.
     */
    static QemuCommand build(DomainDefinition def, EmulatorInfo emu, String accel, Path monitor, boolean incoming,
                             Clock clock) {
        def.requireModelled("qemu", "start");
        QemuCommandBuilder b = new QemuCommandBuilder(def, emu, accel, clock);
        b.all(monitor, incoming);
        return new QemuCommand(b.argv, b.env, def.cpuset(), b.disks, b.nics, b.chardevs, b.vncAutoport);
    }

    // ---- machine families -----------------------------------------------------------------------

    /** The i440FX PC, which has IDE built in and a hot-pluggable PCI bus. */
    static boolean isPc(String machine) {
        return machine.equals("pc") || machine.startsWith("pc-i440fx") || machine.equals("isapc");
    }

    static boolean isQ35(String machine) {
        return machine.equals("q35") || machine.startsWith("pc-q35");
    }

    static boolean isArmVirt(String machine) {
        return machine.equals("virt") || machine.startsWith("virt-");
    }

    private String machine() {
        return def.os().machine();
    }

    private boolean x86() {
        String a = def.os().arch();
        return a.equals("x86_64") || a.equals("i686") || a.equals("i386");
    }

    /** Whether devices go on a PCIe root bus (q35, Arm virt), where hot-plug needs root ports. */
    private boolean pcie() {
        return isQ35(machine()) || isArmVirt(machine());
    }

    // ---- the whole command ----------------------------------------------------------------------

    private void all(Path monitor, boolean incoming) {
        domainLevel();
        arg(def.emulator() == null ? emu.binary() : def.emulator());
        arg("-name", "guest=" + opt(name) + ",debug-threads=on");
        arg("-S");
        arg("-chardev", "socket,id=charmonitor,path=" + opt(monitor.toString()) + ",server=on,wait=off");
        arg("-mon", "chardev=charmonitor,id=monitor,mode=control");
        machineAndAccel();
        cpu();
        arg("-m", "size=" + def.memoryKiB() + "k");
        smp();
        arg("-uuid", def.uuid().toString());
        arg("-no-user-config");
        arg("-nodefaults");
        clock();
        lifecycle();
        boot();
        if (pcie()) {
            for (int i = 1; i <= SPARE_ROOT_PORTS; i++) {
                arg("-device", "pcie-root-port,port=0x" + Integer.toHexString(0x10 + i - 1) + ",chassis=" + i
                        + ",id=pci." + i + ",bus=pcie.0");
            }
        }
        controllers();
        disks();
        refuseOtherControllers();
        interfaces();
        charDevices();
        inputs();
        sounds();
        graphics();
        video();
        balloon();
        if (incoming) {
            arg("-incoming", "defer");
        }
        arg("-msg", "timestamp=on");
    }

    private void domainLevel() {
        DomainOs os = def.os();
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
        if (!def.vcpuPlacement().equals("static")) {
            throw Unsupported.config(name, "vcpu placement '" + def.vcpuPlacement() + "' is not supported, only 'static'");
        }
        if (def.cpuset() != null && !def.cpuset().matches("[0-9,^-]+")) {
            throw Unsupported.invalid(name, "invalid vcpu cpuset '" + def.cpuset() + "'");
        }
        if (def.memoryKiB() < 1024) {
            throw Unsupported.config(name, "memory of " + def.memoryKiB() + " KiB is too small, QEMU needs at least 1 MiB");
        }
        String arch = os.arch();
        if (!archMatches(arch, emu.arch())) {
            throw Unsupported.config(name, "emulator " + emu.binary() + " runs " + emu.arch() + " guests, not " + arch);
        }
        for (XmlElement f : def.features()) {
            if (!FEATURES.contains(f.name())) {
                throw Unsupported.config(name, "feature <" + f.name() + "/> is not supported by the QEMU driver"
                        + " (supported: acpi, apic, pae)");
            }
            if (!f.attributes().isEmpty() || !f.children().isEmpty()) {
                throw Unsupported.config(name, "feature <" + f.name() + "/> with attributes or content is not supported");
            }
            if (!x86() && !f.name().equals("acpi")) {
                throw Unsupported.config(name, "feature <" + f.name() + "/> exists only on x86 guests, not " + arch);
            }
        }
        EmulatorInfo.Machine m = emu.machine(machine());
        if (m != null && def.vcpus() > m.maxCpus() && m.maxCpus() > 0) {
            throw Unsupported.config(name, "machine type '" + machine() + "' supports at most " + m.maxCpus()
                    + " vCPUs, not " + def.vcpus());
        }
    }

    static boolean archMatches(String guest, String target) {
        if (guest.equals(target)) {
            return true;
        }
        return switch (guest) {
            case "i686", "i386" -> target.equals("x86_64") || target.equals("i386");
            case "armv7l", "armv6l", "arm" -> target.equals("arm") || target.equals("aarch64");
            case "ppc64le" -> target.equals("ppc64");
            default -> false;
        };
    }

    private void machineAndAccel() {
        StringBuilder m = new StringBuilder(machine());
        if (x86() || isArmVirt(machine())) {
            m.append(",usb=off");
        }
        m.append(",dump-guest-core=off");
        if ((x86() || isArmVirt(machine())) && !machine().equals("isapc")) {
            m.append(",acpi=").append(def.hasFeature("acpi") ? "on" : "off");
        }
        arg("-machine", m.toString());
        arg("-accel", accel);
    }

    private void cpu() {
        String arch = def.os().arch();
        if (arch.equals("aarch64")) {
            // QEMU's default CPU of the virt machine is 32-bit; an aarch64 guest needs a 64-bit one.
            arg("-cpu", accel.equals("kvm") ? "host" : "max");
        } else if (x86() && !def.hasFeature("apic")) {
            String model = arch.equals("x86_64") ? "qemu64" : "qemu32";
            arg("-cpu", model + ",-apic,-x2apic" + (def.hasFeature("pae") || arch.equals("x86_64") ? "" : ",-pae"));
        } else if (arch.equals("i686") && !def.hasFeature("pae")) {
            arg("-cpu", "qemu32,-pae");
        }
    }

    private void smp() {
        int max = def.vcpus();
        int cur = def.currentVcpus();
        StringBuilder s = new StringBuilder(Integer.toString(cur));
        if (cur != max) {
            s.append(",maxcpus=").append(max);
        }
        s.append(",sockets=").append(max).append(",dies=1,cores=1,threads=1");
        arg("-smp", s.toString());
    }

    private void clock() {
        DomainClock c = def.clock();
        if (!c.timers().isEmpty()) {
            throw Unsupported.config(name, "clock <timer> elements are not supported by the QEMU driver");
        }
        Map<String, String> a = c.attributes();
        switch (c.offset()) {
            case "utc" -> {
                onlyAttributes(a, Set.of(), "clock offset 'utc'");
                arg("-rtc", "base=utc");
            }
            case "localtime" -> {
                onlyAttributes(a, Set.of(), "clock offset 'localtime'");
                arg("-rtc", "base=localtime");
            }
            case "timezone" -> {
                onlyAttributes(a, Set.of("timezone"), "clock offset 'timezone'");
                String tz = a.get("timezone");
                if (tz == null || !tz.matches("[A-Za-z0-9_+/-]+")) {
                    throw Unsupported.invalid(name, "clock offset 'timezone' needs a valid timezone attribute");
                }
                env.put("TZ", tz);
                arg("-rtc", "base=localtime");
            }
            case "variable" -> {
                onlyAttributes(a, Set.of("adjustment", "basis"), "clock offset 'variable'");
                long adjustment;
                try {
                    adjustment = Long.parseLong(a.getOrDefault("adjustment", "0"));
                } catch (NumberFormatException e) {
                    throw Unsupported.invalid(name, "invalid clock adjustment '" + a.get("adjustment") + "'");
                }
                String basis = a.getOrDefault("basis", "utc");
                if (!basis.equals("utc") && !basis.equals("localtime")) {
                    throw Unsupported.config(name, "clock basis '" + basis + "' is not supported");
                }
                LocalDateTime base = basis.equals("utc")
                        ? LocalDateTime.ofInstant(clock.instant().plusSeconds(adjustment), ZoneOffset.UTC)
                        : LocalDateTime.now(clock).plusSeconds(adjustment);
                arg("-rtc", "base=" + base.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
            }
            default -> throw Unsupported.config(name, "clock offset '" + c.offset() + "' is not supported");
        }
    }

    private void onlyAttributes(Map<String, String> a, Set<String> allowed, String what) {
        for (String k : a.keySet()) {
            if (!allowed.contains(k)) {
                throw Unsupported.config(name, "attribute '" + k + "' of " + what + " is not supported");
            }
        }
    }

    private void lifecycle() {
        switch (def.onPoweroff()) {
            case "destroy" -> { }
            case "restart", "preserve" -> arg("-no-shutdown");
            default -> throw Unsupported.config(name, "on_poweroff action '" + def.onPoweroff() + "' is not supported");
        }
        switch (def.onReboot()) {
            case "restart" -> { }
            case "destroy" -> arg("-no-reboot");
            default -> throw Unsupported.config(name, "on_reboot action '" + def.onReboot() + "' is not supported");
        }
        switch (def.onCrash()) {
            case "destroy", "restart", "preserve", "coredump-destroy", "coredump-restart" -> { }
            default -> throw Unsupported.config(name, "on_crash action '" + def.onCrash() + "' is not supported");
        }
    }

    private void boot() {
        DomainOs os = def.os();
        if (os.loader() != null) {
            arg("-bios", os.loader());
        }
        if (os.kernel() != null) {
            arg("-kernel", os.kernel());
            if (os.initrd() != null) {
                arg("-initrd", os.initrd());
            }
            if (os.cmdline() != null) {
                arg("-append", os.cmdline());
            }
        } else if (os.initrd() != null || os.cmdline() != null) {
            throw Unsupported.config(name, "<initrd> and <cmdline> need a <kernel>");
        }
        for (String dev : os.bootDevices()) {
            if (!Set.of("hd", "cdrom", "network", "fd").contains(dev)) {
                throw Unsupported.config(name, "boot device '" + dev + "' is not supported");
            }
        }
        if (!os.bootDevices().isEmpty()) {
            arg("-boot", "strict=on");
        }
    }

    /** The bootindex of the first device of a kind in {@code <os><boot>}'s order, or 0. */
    private int bootIndex(String kind, boolean firstOfKind) {
        if (!firstOfKind || def.os().kernel() != null) {
            return 0;
        }
        int i = def.os().bootDevices().indexOf(kind);
        return i < 0 ? 0 : i + 1;
    }

    // ---- disks ----------------------------------------------------------------------------------

    private void disks() {
        boolean firstHd = true;
        boolean firstCd = true;
        int virtioIndex = 0;
        for (DiskDevice d : def.devices(DiskDevice.class)) {
            if (d.targetBus().equals("scsi") && !hasController("scsi", 0)) {
                throw Unsupported.config(name, "disk '" + d.targetDev() + "' needs a <controller type='scsi' index='0'>");
            }
            boolean cdrom = d.device().equals("cdrom");
            int boot = cdrom ? bootIndex("cdrom", firstCd) : bootIndex("hd", firstHd);
            if (cdrom) {
                firstCd = false;
            } else {
                firstHd = false;
            }
            diskArgs(d, boot, virtioIndex);
            if (d.targetBus().equals("virtio")) {
                virtioIndex++;
            }
        }
    }

    private void diskArgs(DiskDevice d, int bootIndex, int virtioIndex) {
        DiskPlan p = planDisk(def.name(), d, machine(), pcie(), virtioIndex);
        String where = "disk '" + d.targetDev() + "'";
        if (!unique("disk:" + d.targetDev())) {
            throw Unsupported.invalid(name, "two disks have the target '" + d.targetDev() + "'");
        }
        if (p.blockdevFile != null) {
            arg("-blockdev", Json.write(p.blockdevFile));
            arg("-blockdev", Json.write(p.blockdevFormat));
        }
        StringBuilder dev = new StringBuilder(p.deviceDriver);
        if (p.ids.node() != null) {
            dev.append(",drive=").append(p.ids.node());
        }
        dev.append(p.busProps);
        dev.append(",id=").append(p.ids.device());
        if (bootIndex > 0) {
            dev.append(",bootindex=").append(bootIndex);
        }
        if (d.serial() != null) {
            if (!d.serial().matches("[A-Za-z0-9 ._+-]{1,36}")) {
                throw Unsupported.invalid(name, where + " has an invalid serial '" + d.serial() + "'");
            }
            dev.append(",serial=").append(opt(d.serial()));
        }
        if (d.shareable()) {
            dev.append(",share-rw=on");
        }
        p.writeCache.ifPresent(wc -> dev.append(",write-cache=").append(wc));
        arg("-device", dev.toString());
        disks.put(d.targetDev(), p.ids);
    }

    /**
     * Everything QEMU needs for one disk: blockdev nodes and the device. Shared by start and
     * hot-plug, so that both name and configure a disk alike.
     */
    public static DiskPlan planDisk(String domain, DiskDevice d, String machine, boolean pcie, int virtioIndex) {
        String where = "disk '" + d.targetDev() + "'";
        if (!d.type().equals("file") && !d.type().equals("block")) {
            throw Unsupported.config(domain, where + ": disk type '" + d.type()
                    + "' is not supported by the QEMU driver, only 'file' and 'block'");
        }
        if (!d.device().equals("disk") && !d.device().equals("cdrom")) {
            throw Unsupported.config(domain, where + ": device '" + d.device()
                    + "' is not supported, only 'disk' and 'cdrom'");
        }
        if (d.driverName() != null && !d.driverName().equals("qemu")) {
            throw Unsupported.config(domain, where + ": driver name '" + d.driverName() + "' is not supported, only 'qemu'");
        }
        String format = d.driverType() == null ? "raw" : d.driverType();
        if (!IMAGE_FORMATS.contains(format)) {
            throw Unsupported.config(domain, where + ": image format '" + format + "' is not supported (supported: "
                    + String.join(", ", new java.util.TreeSet<>(IMAGE_FORMATS)) + ")");
        }
        String cache = d.driverCache() == null ? "default" : d.driverCache();
        if (!CACHE_MODES.contains(cache)) {
            throw Unsupported.config(domain, where + ": cache mode '" + cache + "' is not supported");
        }
        boolean cdrom = d.device().equals("cdrom");
        if (d.source() == null && !cdrom) {
            throw Unsupported.noSource(domain, where + " has no source; only a CD-ROM may be empty");
        }
        String driver;
        String bus;
        String devId;
        switch (d.targetBus()) {
            case "virtio" -> {
                if (d.address() != null) {
                    checkAddress(domain, where, d.address());
                }
                if (cdrom) {
                    throw Unsupported.config(domain, where + ": a CD-ROM cannot be on the virtio bus");
                }
                driver = "virtio-blk-pci";
                targetIndex(domain, d.targetDev());
                devId = "virtio-disk" + virtioIndex;
                bus = pciProps(d.address(), pcie);
            }
            case "ide" -> {
                if (isArmVirt(machine)) {
                    throw Unsupported.config(domain, where + ": machine '" + machine + "' has no IDE bus");
                }
                driver = cdrom ? "ide-cd" : "ide-hd";
                int[] drive = driveAddress(domain, where, d);
                int index = drive[0] * 2 + drive[2];
                if (isQ35(machine)) {
                    if (index > 5) {
                        throw Unsupported.config(domain, where + ": q35 has six SATA ports, hda to hdf");
                    }
                    bus = ",bus=ide." + index;
                    devId = "sata0-0-" + index;
                } else {
                    if (drive[0] > 1 || drive[2] > 1) {
                        throw Unsupported.config(domain, where + ": the PC has four IDE devices, hda to hdd");
                    }
                    bus = ",bus=ide." + drive[0] + ",unit=" + drive[2];
                    devId = "ide0-" + drive[0] + "-" + drive[2];
                }
            }
            case "scsi" -> {
                driver = cdrom ? "scsi-cd" : "scsi-hd";
                int[] drive = driveAddress(domain, where, d);
                if (drive[1] > 255 || drive[2] > 16383) {
                    throw Unsupported.config(domain, where + ": SCSI target " + drive[1] + " unit " + drive[2]
                            + " is out of virtio-scsi's range (target 0-255, unit 0-16383)");
                }
                // As libvirt addresses virtio-scsi disks: channel from the bus, scsi-id from the target, lun from the unit.
                bus = ",bus=scsi0.0,channel=" + drive[0] + ",scsi-id=" + drive[1] + ",lun=" + drive[2];
                devId = "scsi0-" + drive[0] + "-" + drive[1] + "-" + drive[2];
            }
            default -> throw Unsupported.config(domain, where + ": disk bus '" + d.targetBus()
                    + "' is not supported by the QEMU driver (supported: virtio, ide, scsi)");
        }
        Map<String, Object> file = null;
        Map<String, Object> fmt = null;
        String node = null;
        String fileNode = null;
        if (d.source() != null) {
            node = "fmt-" + d.targetDev();
            fileNode = "file-" + d.targetDev();
            file = new LinkedHashMap<>();
            file.put("driver", d.type().equals("block") ? "host_device" : "file");
            file.put("filename", d.source());
            file.put("node-name", fileNode);
            boolean direct = cache.equals("none") || cache.equals("directsync");
            boolean noFlush = cache.equals("unsafe");
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
            fmt.put("driver", format);
            fmt.put("file", fileNode);
        } else if (d.readOnly() && !cdrom) {
            throw Unsupported.config(domain, where + " is read-only but has no source");
        }
        java.util.Optional<String> wc = cache.equals("writethrough") || cache.equals("directsync")
                ? java.util.Optional.of("off") : java.util.Optional.empty();
        return new DiskPlan(new QemuCommand.DiskIds(devId, node, fileNode), file, fmt, driver, bus, wc);
    }

    /**
     * The QEMU side of one disk.
     *
     * @param ids the ids the driver keeps
     * @param blockdevFile the protocol node, or null for an empty CD-ROM
     * @param blockdevFormat the format node, or null for an empty CD-ROM
     * @param deviceDriver the {@code -device} driver
     * @param busProps the device's bus properties, each with a leading comma
     * @param writeCache the device's {@code write-cache} value, when set
     */
    public record DiskPlan(QemuCommand.DiskIds ids, Map<String, Object> blockdevFile, Map<String, Object> blockdevFormat,
                           String deviceDriver, String busProps, java.util.Optional<String> writeCache) {
    }

    /**
     * A disk's drive address as {bus, target, unit} on controller 0: the one the definition's
     * post-parse gives every IDE and SCSI disk, or for a definition built without it, the one
     * post-parse would give (IDE: two buses of two units; SCSI: wide, unit 7 left to the controller).
     */
    private static int[] driveAddress(String domain, String where, DiskDevice d) {
        DeviceAddress a = d.address();
        if (a == null) {
            int index = targetIndex(domain, d.targetDev());
            if (d.targetBus().equals("ide")) {
                return new int[] {index / 2, 0, index % 2};
            }
            if (index >= 15) {
                throw Unsupported.config(domain, where + ": only SCSI controller 0 is supported, sda to sdo");
            }
            return new int[] {0, 0, index < 7 ? index : index + 1};
        }
        if (!"drive".equals(a.type())) {
            throw Unsupported.config(domain, where + ": address type '" + a.type()
                    + "' is not supported on the " + d.targetBus() + " bus, only 'drive'");
        }
        if (hex(a.attribute("controller")) != 0) {
            throw Unsupported.config(domain, where + ": only " + d.targetBus() + " controller 0 is supported, not "
                    + a.attribute("controller") + (d.targetBus().equals("ide")
                    ? " (the machine has four IDE devices, hda to hdd)" : ""));
        }
        int target = (int) hex(a.attribute("target"));
        if (d.targetBus().equals("ide") && target != 0) {
            throw Unsupported.config(domain, where + ": IDE drive addresses have target 0, not " + target);
        }
        return new int[] {(int) hex(a.attribute("bus")), target, (int) hex(a.attribute("unit"))};
    }

    private static void checkAddress(String domain, String where, DeviceAddress a) {
        String type = a.type();
        if (!"pci".equals(type)) {
            throw Unsupported.config(domain, where + ": address type '" + type
                    + "' is not supported by the QEMU driver, only 'pci'");
        }
    }

    private static String pciProps(DeviceAddress a, boolean pcie) {
        if (a == null) {
            return "";
        }
        long dom = hex(a.attribute("domain"));
        long bus = hex(a.attribute("bus"));
        long slot = hex(a.attribute("slot"));
        long fn = hex(a.attribute("function"));
        if (dom != 0 || bus != 0 || slot < 1 || slot > 31 || fn < 0 || fn > 7) {
            throw Unsupported.config(null, "PCI address " + a.attributes()
                    + " is not supported: only domain 0, bus 0, slots 1 to 31");
        }
        return ",bus=" + (pcie ? "pcie.0" : "pci.0") + ",addr=0x" + Long.toHexString(slot)
                + (fn == 0 ? "" : "." + fn);
    }

    private String pciAddress(DeviceAddress a) {
        return pciProps(a, pcie());
    }

    private static long hex(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** hda → 0, hdb → 1, vdaa → 26: the index of a target name's letters. */
    static int targetIndex(String domain, String dev) {
        String prefix = dev.length() > 2 ? dev.substring(0, 2) : dev;
        if (!(prefix.equals("hd") || prefix.equals("sd") || prefix.equals("vd")) || dev.length() < 3) {
            throw Unsupported.invalid(domain, "disk target '" + dev + "' is not a disk name (hdX, sdX, vdX)");
        }
        String letters = dev.substring(2);
        if (!letters.matches("[a-z]{1,3}")) {
            throw Unsupported.invalid(domain, "disk target '" + dev + "' is not a disk name (hdX, sdX, vdX)");
        }
        int idx = 0;
        for (char c : letters.toCharArray()) {
            idx = idx * 26 + (c - 'a' + 1);
        }
        return idx - 1;
    }

    // ---- network --------------------------------------------------------------------------------

    private void interfaces() {
        int i = 0;
        boolean first = true;
        for (InterfaceDevice nic : def.devices(InterfaceDevice.class)) {
            NicPlan p = planInterface(name, nic, i, def.os().arch(), emuTypes(), pcie());
            if (nics.containsKey(nic.mac())) {
                throw Unsupported.invalid(name, "two interfaces have the MAC address " + nic.mac());
            }
            if (p.needsUsb) {
                usb();
            }
            arg("-netdev", p.netdev);
            String dev = p.device;
            int boot = bootIndex("network", first);
            first = false;
            if (boot > 0) {
                dev += ",bootindex=" + boot;
            }
            arg("-device", dev + pciAddress(nic.address()));
            nics.put(nic.mac(), p.ids);
            i++;
        }
    }

    private Set<String> emuTypes() {
        return emu.deviceTypes();
    }

    /**
     * Everything QEMU needs for one interface, shared by start and hot-plug.
     *
     * @param index the interface's number ({@code net0}, {@code hostnet0})
     */
    public static NicPlan planInterface(String domain, InterfaceDevice nic, int index, String arch, Set<String> types,
                                        boolean pcie) {
        String where = "interface " + nic.mac();
        if (nic.script() != null) {
            throw Unsupported.config(domain, where + ": <script> is not supported by the QEMU driver");
        }
        if (nic.ip() != null) {
            throw Unsupported.config(domain, where + ": <ip> is not supported by the QEMU driver");
        }
        if (nic.address() != null) {
            checkAddress(domain, where, nic.address());
        }
        String netdevId = "hostnet" + index;
        String netdev = switch (nic.type()) {
            case "user" -> {
                if (nic.sourceBridge() != null || nic.sourceNetwork() != null || nic.targetDev() != null) {
                    throw Unsupported.config(domain, where + ": a user-mode interface takes no source or target");
                }
                yield "user,id=" + netdevId;
            }
            case "bridge" -> {
                if (nic.sourceBridge() == null) {
                    throw Unsupported.invalid(domain, where + ": a bridge interface needs <source bridge=...>");
                }
                if (!nic.sourceBridge().matches("[A-Za-z0-9_.:-]{1,15}")) {
                    throw Unsupported.invalid(domain, where + ": invalid bridge name '" + nic.sourceBridge() + "'");
                }
                if (!java.nio.file.Files.isDirectory(Path.of("/sys/class/net", nic.sourceBridge(), "bridge"))) {
                    throw Unsupported.config(domain, where + ": there is no bridge '" + nic.sourceBridge()
                            + "' on this host");
                }
                yield "bridge,id=" + netdevId + ",br=" + nic.sourceBridge();
            }
            case "ethernet" -> {
                if (nic.targetDev() != null && !nic.targetDev().matches("[A-Za-z0-9_.-]{1,15}")) {
                    throw Unsupported.invalid(domain, where + ": invalid tap device name '" + nic.targetDev() + "'");
                }
                yield "tap,id=" + netdevId + (nic.targetDev() == null ? "" : ",ifname=" + nic.targetDev())
                        + ",script=no,downscript=no";
            }
            default -> throw Unsupported.config(domain, where + ": interface type '" + nic.type()
                    + "' is not supported by the QEMU driver (supported: user, bridge, ethernet)");
        };
        String model = nic.model();
        if (model == null) {
            model = arch.equals("x86_64") || arch.equals("i686") ? "rtl8139" : "virtio";
        }
        String driver = NIC_MODELS.get(model);
        if (driver == null) {
            throw Unsupported.config(domain, where + ": NIC model '" + model + "' is not supported (supported: "
                    + String.join(", ", new java.util.TreeSet<>(NIC_MODELS.keySet())) + ")");
        }
        if (!types.isEmpty() && !types.contains(driver)) {
            throw Unsupported.config(domain, where + ": NIC model '" + model + "' (" + driver
                    + ") is not available in this QEMU");
        }
        boolean usbNic = driver.equals("usb-net");
        String device = driver + ",netdev=" + netdevId + ",id=net" + index + ",mac=" + nic.mac()
                + (usbNic ? ",bus=usb.0" : "");
        return new NicPlan(new QemuCommand.NicIds("net" + index, netdevId), netdev, device, usbNic);
    }

    /**
     * The QEMU side of one interface.
     *
     * @param ids the ids the driver keeps
     * @param netdev the {@code -netdev} value
     * @param device the {@code -device} value (without bus address)
     * @param needsUsb whether the device sits on USB
     */
    public record NicPlan(QemuCommand.NicIds ids, String netdev, String device, boolean needsUsb) {
    }

    // ---- character devices ----------------------------------------------------------------------

    private void charDevices() {
        int serialIndex = 0;
        int parallelIndex = 0;
        int consoleIndex = 0;
        boolean virtioSerial = hasController("virtio-serial", 0);
        List<CharDevice> serials = def.devices(CharDevice.class).stream()
                .filter(c -> c.kind().equals("serial")).toList();
        for (CharDevice c : def.devices(CharDevice.class)) {
            String where = "<" + c.kind() + ">";
            if (c.address() != null) {
                throw Unsupported.config(name, where + ": device addresses are not supported for character devices");
            }
            switch (c.kind()) {
                case "serial" -> {
                    String id = "charserial" + serialIndex;
                    arg("-chardev", chardev(c, id));
                    String tt = c.targetType();
                    if (isArmVirt(machine())) {
                        if (tt != null && !tt.equals("system-serial")) {
                            throw Unsupported.config(name, where + ": target type '" + tt
                                    + "' is not supported on machine virt, only 'system-serial'");
                        }
                        if (serialIndex > 0) {
                            throw Unsupported.config(name, where + ": machine virt has one serial port");
                        }
                        arg("-serial", "chardev:" + id);
                    } else if (x86()) {
                        if (tt != null && !tt.equals("isa-serial")) {
                            throw Unsupported.config(name, where + ": target type '" + tt
                                    + "' is not supported, only 'isa-serial'");
                        }
                        if (serialIndex > 3) {
                            throw Unsupported.config(name, where + ": at most four ISA serial ports");
                        }
                        arg("-device", "isa-serial,chardev=" + id + ",id=serial" + serialIndex);
                    } else {
                        throw Unsupported.config(name, where + ": serial ports are not supported on machine " + machine());
                    }
                    chardevs.put("serial" + serialIndex, id);
                    serialIndex++;
                }
                case "console" -> {
                    String tt = c.targetType() == null ? "serial" : c.targetType();
                    if (tt.equals("serial")) {
                        int port = c.targetPort() == null ? 0 : c.targetPort();
                        if (port < serials.size()) {
                            // libvirt's console of a serial port is that very port.
                            if (!sameBackend(serials.get(port), c)) {
                                throw Unsupported.config(name, where + ": a serial console must have the same source"
                                        + " as serial port " + port);
                            }
                            chardevs.put("console" + consoleIndex, "charserial" + port);
                        } else {
                            throw Unsupported.config(name, where + ": a console of target type 'serial' needs a"
                                    + " matching <serial> port " + port);
                        }
                    } else if (tt.equals("virtio")) {
                        if (!virtioSerial) {
                            arg("-device", "virtio-serial-pci,id=virtio-serial0");
                            virtioSerial = true;
                        }
                        String id = "charconsole" + consoleIndex;
                        arg("-chardev", chardev(c, id));
                        arg("-device", "virtconsole,chardev=" + id + ",id=console" + consoleIndex);
                        chardevs.put("console" + consoleIndex, id);
                    } else {
                        throw Unsupported.config(name, where + ": console target type '" + tt
                                + "' is not supported (supported: serial, virtio)");
                    }
                    consoleIndex++;
                }
                case "parallel" -> {
                    if (!x86()) {
                        throw Unsupported.config(name, where + ": parallel ports exist only on x86 machines");
                    }
                    if (parallelIndex > 2) {
                        throw Unsupported.config(name, where + ": at most three parallel ports");
                    }
                    String id = "charparallel" + parallelIndex;
                    arg("-chardev", chardev(c, id));
                    arg("-device", "isa-parallel,chardev=" + id + ",id=parallel" + parallelIndex);
                    chardevs.put("parallel" + parallelIndex, id);
                    parallelIndex++;
                }
                default -> throw Unsupported.config(name, where + ": <" + c.kind()
                        + "> devices are not supported by the QEMU driver");
            }
        }
    }

    private static boolean sameBackend(CharDevice a, CharDevice b) {
        return a.type().equals(b.type()) && (b.sources().isEmpty() || a.sources().equals(b.sources()));
    }

    private String chardev(CharDevice c, String id) {
        String where = "<" + c.kind() + " type='" + c.type() + "'>";
        CharSource src = c.sources().isEmpty() ? null : c.sources().get(0);
        if (c.sources().size() > 1 && !c.type().equals("udp")) {
            throw Unsupported.config(name, where + ": only one <source> is supported");
        }
        if (c.protocol() != null && !c.type().equals("tcp")) {
            throw Unsupported.config(name, where + ": <protocol> applies only to tcp devices");
        }
        return switch (c.type()) {
            case "pty" -> "pty,id=" + id;
            case "null" -> "null,id=" + id;
            case "file" -> "file,id=" + id + ",path=" + opt(path(c, src, where));
            case "pipe" -> "pipe,id=" + id + ",path=" + opt(path(c, src, where));
            case "dev" -> (c.kind().equals("parallel") ? "parallel" : "serial") + ",id=" + id + ",path="
                    + opt(path(c, src, where));
            case "unix" -> {
                String mode = src == null || src.mode() == null ? "bind" : src.mode();
                yield "socket,id=" + id + ",path=" + opt(path(c, src, where)) + server(mode, where);
            }
            case "tcp" -> {
                if (src == null || src.service() == null) {
                    throw Unsupported.invalid(name, where + " needs <source host= service=>");
                }
                String mode = src.mode() == null ? "bind" : src.mode();
                String proto = c.protocol() == null ? "raw" : c.protocol();
                if (!proto.equals("raw") && !proto.equals("telnet")) {
                    throw Unsupported.config(name, where + ": protocol '" + proto + "' is not supported (raw, telnet)");
                }
                yield "socket,id=" + id + ",host=" + opt(src.host() == null ? "127.0.0.1" : src.host()) + ",port="
                        + opt(src.service()) + server(mode, where) + (proto.equals("telnet") ? ",telnet=on" : "");
            }
            case "udp" -> {
                CharSource connect = null;
                CharSource bind = null;
                for (CharSource s : c.sources()) {
                    if ("bind".equals(s.mode())) {
                        bind = s;
                    } else {
                        connect = s;
                    }
                }
                if (connect == null || connect.service() == null) {
                    throw Unsupported.invalid(name, where + " needs <source mode='connect' service=>");
                }
                yield "udp,id=" + id + ",host=" + opt(connect.host() == null ? "127.0.0.1" : connect.host())
                        + ",port=" + opt(connect.service())
                        + (bind == null ? "" : ",localaddr=" + opt(bind.host() == null ? "" : bind.host())
                        + ",localport=" + opt(bind.service() == null ? "0" : bind.service()));
            }
            default -> throw Unsupported.config(name, where + ": character device type '" + c.type()
                    + "' is not supported by the QEMU driver (supported: pty, file, unix, tcp, udp, pipe, dev, null)");
        };
    }

    private String path(CharDevice c, CharSource src, String where) {
        if (src == null || src.path() == null) {
            throw Unsupported.invalid(name, where + " needs <source path=...>");
        }
        return src.path();
    }

    private String server(String mode, String where) {
        return switch (mode) {
            case "bind" -> ",server=on,wait=off";
            case "connect" -> ",server=off";
            default -> throw Unsupported.invalid(name, where + ": source mode '" + mode + "' is neither bind nor connect");
        };
    }

    // ---- input, sound, graphics, balloon ----------------------------------------------------------

    private void inputs() {
        int i = 0;
        for (InputDevice in : def.devices(InputDevice.class)) {
            String type = in.type() == null ? "mouse" : in.type();
            String bus = in.bus() == null ? (x86() ? "ps2" : "usb") : in.bus();
            String where = "input '" + type + "' on bus '" + bus + "'";
            if (in.address() != null) {
                throw Unsupported.config(name, where + ": device addresses are not supported for input devices");
            }
            switch (bus) {
                case "ps2" -> {
                    if (!x86() || !(type.equals("mouse") || type.equals("keyboard"))) {
                        throw Unsupported.config(name, where + " is not supported: PS/2 has a mouse and a keyboard,"
                                + " on x86 only");
                    }
                    // The PC's i8042 controller is always there.
                }
                case "usb" -> {
                    String drv = switch (type) {
                        case "mouse" -> "usb-mouse";
                        case "tablet" -> "usb-tablet";
                        case "keyboard" -> "usb-kbd";
                        default -> throw Unsupported.config(name, where + " is not supported");
                    };
                    usb();
                    arg("-device", drv + ",id=input" + i + ",bus=usb.0");
                }
                case "virtio" -> {
                    String drv = switch (type) {
                        case "mouse" -> "virtio-mouse-pci";
                        case "tablet" -> "virtio-tablet-pci";
                        case "keyboard" -> "virtio-keyboard-pci";
                        default -> throw Unsupported.config(name, where + " is not supported");
                    };
                    arg("-device", drv + ",id=input" + i);
                }
                default -> throw Unsupported.config(name, where + " is not supported (buses: ps2, usb, virtio)");
            }
            i++;
        }
    }

    private void usb() {
        if (!usb) {
            usb = true;
            arg("-device", (isPc(machine()) ? "piix3-usb-uhci" : "qemu-xhci") + ",id=usb");
        }
    }

    private void sounds() {
        int i = 0;
        for (SoundDevice s : def.devices(SoundDevice.class)) {
            if (s.address() != null) {
                throw Unsupported.config(name, "sound: device addresses are not supported");
            }
            if (i == 0) {
                arg("-audiodev", "none,id=audio1");
            }
            String model = s.model() == null ? "ich6" : s.model();
            switch (model) {
                case "es1370" -> arg("-device", "ES1370,id=sound" + i + ",audiodev=audio1");
                case "ac97" -> arg("-device", "AC97,id=sound" + i + ",audiodev=audio1");
                case "sb16" -> {
                    if (!x86()) {
                        throw Unsupported.config(name, "sound model 'sb16' exists only on x86");
                    }
                    arg("-device", "sb16,id=sound" + i + ",audiodev=audio1");
                }
                case "ich6", "ich9" -> {
                    arg("-device", (model.equals("ich6") ? "intel-hda" : "ich9-intel-hda") + ",id=sound" + i);
                    arg("-device", "hda-duplex,id=sound" + i + "-codec0,bus=sound" + i + ".0,cad=0,audiodev=audio1");
                }
                default -> throw Unsupported.config(name, "sound model '" + model
                        + "' is not supported (supported: ac97, es1370, ich6, ich9, sb16)");
            }
            i++;
        }
    }

    private void graphics() {
        List<GraphicsDevice> gs = def.devices(GraphicsDevice.class);
        if (gs.isEmpty()) {
            arg("-display", "none");
            return;
        }
        if (gs.size() > 1) {
            throw Unsupported.config(name, "only one <graphics> device is supported");
        }
        GraphicsDevice g = gs.get(0);
        if (!g.type().equals("vnc")) {
            throw Unsupported.config(name, "graphics type '" + g.type()
                    + "' is not supported by the QEMU driver, only 'vnc'");
        }
        if (g.address() != null) {
            throw Unsupported.config(name, "graphics: device addresses are not supported");
        }
        if (g.listens().size() > 1 || !g.listens().isEmpty() && !g.listens().get(0).type().equals("address")) {
            throw Unsupported.config(name, "VNC listens " + g.listens().stream().map(l -> l.type()).toList()
                    + " are not supported by the QEMU driver, only one of type 'address'");
        }
        String listen = g.listen() == null ? "127.0.0.1" : g.listen();
        if (!listen.matches("[0-9A-Fa-f:.]+")) {
            throw Unsupported.config(name, "VNC listen address '" + listen + "' is not supported, only IP addresses");
        }
        String host = listen.contains(":") ? "[" + listen + "]" : listen;
        boolean auto = Boolean.TRUE.equals(g.autoport()) || g.port() == null || g.port() == -1;
        StringBuilder v = new StringBuilder(host);
        if (auto) {
            // QEMU takes the first free display from :0 to :99, and query-vnc tells which.
            v.append(":0,to=99");
            vncAutoport = true;
        } else {
            if (g.port() < 5900 || g.port() > 65535) {
                throw Unsupported.invalid(name, "VNC port " + g.port() + " is out of range 5900-65535");
            }
            v.append(':').append(g.port() - 5900);
        }
        if (g.passwd() != null) {
            v.append(",password=on");
        }
        arg("-vnc", v.toString());
        if (g.keymap() != null) {
            if (!g.keymap().matches("[a-z-]{2,8}")) {
                throw Unsupported.invalid(name, "invalid VNC keymap '" + g.keymap() + "'");
            }
            arg("-k", g.keymap());
        }
    }

    // ---- controllers and video -------------------------------------------------------------------

    private boolean hasController(String type, int index) {
        return def.devices(ControllerDevice.class).stream()
                .anyMatch(c -> c.type().equals(type) && c.index() != null && c.index() == index);
    }

    /**
     * The controllers the driver emulates (post-parse lists one for each disk bus in use, and one for
     * virtio consoles): IDE 0 is the machine's own, SCSI 0 a virtio-scsi adapter, virtio-serial 0 the
     * virtio-serial adapter.
     */
    private void controllers() {
        for (ControllerDevice c : def.devices(ControllerDevice.class)) {
            if (supported(c) && c.type().equals("scsi")) {
                arg("-device", "virtio-scsi-pci,id=scsi0" + pciAddress(c.address()));
            } else if (supported(c) && c.type().equals("virtio-serial")) {
                arg("-device", "virtio-serial-pci,id=virtio-serial0" + pciAddress(c.address()));
            }
        }
    }

    private boolean supported(ControllerDevice c) {
        int index = c.index() == null ? 0 : c.index();
        return switch (c.type()) {
            case "ide" -> index == 0 && c.model() == null && !isArmVirt(machine()) && c.address() == null;
            case "scsi" -> index == 0 && (c.model() == null || c.model().equals("virtio-scsi"));
            case "virtio-serial" -> index == 0 && c.model() == null;
            default -> false;
        };
    }

    /** Any other controller is refused; after the disks, whose own errors say more. */
    private void refuseOtherControllers() {
        for (ControllerDevice c : def.devices(ControllerDevice.class)) {
            if (!supported(c)) {
                throw Unsupported.config(name, "<controller type='" + c.type() + "' index='" + c.index() + "'"
                        + (c.model() == null ? "" : " model='" + c.model() + "'") + "> is not supported by the QEMU"
                        + " driver (supported: the machine's own IDE controller 0, SCSI controller 0 of model"
                        + " virtio-scsi, virtio-serial controller 0)");
            }
        }
    }

    /** The video adapter: the definition's (post-parse gives graphics one), else none. */
    private void video() {
        List<VideoDevice> videos = def.devices(VideoDevice.class);
        if (videos.isEmpty()) {
            if (!def.devices(GraphicsDevice.class).isEmpty()) {
                // A definition not completed by QemuRules: the adapter post-parse would have added.
                arg("-device", (x86() ? "VGA" : "virtio-gpu-pci") + ",id=video0");
            }
            return;
        }
        if (videos.size() > 1) {
            throw Unsupported.config(name, "only one <video> device is supported by the QEMU driver");
        }
        VideoDevice v = videos.get(0);
        String type = v.modelType() == null ? (x86() ? "vga" : "virtio") : v.modelType();
        String device = switch (type) {
            case "vga" -> "VGA";
            case "virtio" -> "virtio-gpu-pci";
            case "cirrus" -> "cirrus-vga";
            case "bochs" -> "bochs-display";
            case "none" -> null;
            default -> throw Unsupported.config(name, "video model '" + type
                    + "' is not supported by the QEMU driver (supported: vga, virtio, cirrus, bochs, none)");
        };
        if (device != null) {
            String memory = type.equals("vga") && v.vram() != null ? ",vgamem_mb=" + v.vram() / 1024 : "";
            arg("-device", device + ",id=video0" + memory + pciAddress(v.address()));
        }
    }

    private void balloon() {
        for (MemballoonDevice b : def.devices(MemballoonDevice.class)) {
            String model = b.model() == null ? "virtio" : b.model();
            switch (model) {
                case "none" -> { }
                case "virtio" -> arg("-device", "virtio-balloon-pci,id=balloon0" + pciAddress(b.address()));
                default -> throw Unsupported.config(name, "memballoon model '" + model
                        + "' is not supported (supported: virtio, none)");
            }
        }
        for (var d : def.devices()) {
            if (d instanceof UnknownDevice u) {
                throw Unsupported.config(name, "device <" + u.elementName() + "> is not supported by the QEMU driver");
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void arg(String... words) {
        for (String w : words) {
            argv.add(w);
        }
    }

    private boolean unique(String id) {
        return usedIds.add(id);
    }

    /** Escapes a value for QEMU's option syntax, where a comma is written twice. */
    static String opt(String value) {
        return value.replace(",", ",,");
    }
}
