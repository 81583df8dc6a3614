package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.opt;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.InterfaceDevice;

/**
 * Turns a domain definition into a QEMU command line, as libvirt's {@code qemu_command.c} does:
 * always {@code -nodefaults}, QMP on a unix socket, every device explicit. The definition is first
 * checked by {@link QemuValidate}, which refuses with CONFIG_UNSUPPORTED (or XML_ERROR, NO_SOURCE)
 * everything the command line cannot honour, before any process starts.
 *
 * <p>This class builds the whole command and its machine-wide part (machine, accelerator, CPU, SMP,
 * memory, clock, lifecycle, boot, PCIe root ports), in the order libvirt writes it; each device family
 * is its own class ({@link DiskCommand}, {@link InterfaceCommand}, {@link CharDeviceCommand},
 * {@link DeviceCommand}). Stateless; {@link #build} is a pure function of its arguments and the time.
 */
public final class QemuCommandBuilder {
    /** How many spare PCIe root ports a PCIe machine gets, for hot-plugging. */
    public static final int SPARE_ROOT_PORTS = 4;

    /**
     * The {@code -device} properties placing a device at PCI address {@code a}, with a leading comma
     * ({@code ,bus=pci.1,addr=0x0}); empty for no address.
     *
     * @param pcie whether the root bus is PCIe's {@code pcie.0}
     */
    public static String pciProps(DeviceAddress a, boolean pcie) {
        return QemuOptions.pciProps(a, pcie);
    }

    /**
     * The id of the {@code n}th (from 1) spare root port of a PCIe machine: numbered after the PCI
     * controllers the definition has, which keep their own {@code pci.<index>}.
     */
    public static String spareRootPort(DomainDefinition def, int n) {
        return "pci." + (highestPciIndex(def) + n);
    }

    private static int highestPciIndex(DomainDefinition def) {
        int max = 0;
        for (ControllerDevice c : def.devices(ControllerDevice.class)) {
            if (c.type().equals("pci") && c.index() != null) {
                max = Math.max(max, c.index());
            }
        }
        return max;
    }

    private final Guest g;
    private final Clock clock;
    private final CommandLine out = new CommandLine();

    private QemuCommandBuilder(Guest g, Clock clock) {
        this.g = g;
        this.clock = clock;
    }

    /**
     * Builds the command line of a definition completed by {@link org.jvirt.driver.qemu.domain.QemuRules}
     * (through {@link org.jvirt.model.PostParse}).
     *
     * @param accel {@code tcg} or {@code kvm}
     * @param privateDir the domain's private directory, where QEMU finds its master key and listens for
     *                   QMP ({@link #monitorSocket}, {@link #masterKey})
     * @param incoming true to start waiting for an incoming migration ({@code -incoming defer})
     * @throws org.jvirt.api.VirtException CONFIG_UNSUPPORTED naming what cannot be honoured
     *         ({@link QemuValidate#definition})
     */
    public static QemuCommand build(DomainDefinition def, EmulatorInfo emu, String accel, Path privateDir,
                                    boolean incoming) {
        return build(def, emu, accel, privateDir, incoming, Clock.systemDefaultZone());
    }

    /**
     * {@link #build} reading the time of a variable guest clock ({@code <clock offset='variable'>})
     * from {@code clock}, in its zone for {@code basis='localtime'}: the one input of a command line
     * that is not in the definition.
     */
    static QemuCommand build(DomainDefinition def, EmulatorInfo emu, String accel, Path privateDir, boolean incoming,
                             Clock clock) {
        DomainDefinition prepared = prepare(def, privateDir);
        QemuValidate.definition(prepared, emu);
        QemuCommandBuilder b = new QemuCommandBuilder(new Guest(prepared, emu, accel), clock);
        b.all(privateDir, incoming);
        return b.out.toCommand(prepared.cpuset());
    }

    /**
     * {@code def} as libvirt prepares a domain before its command line: a virtio unix channel without a
     * path gets one ({@link ChannelPaths}), a VNC or SPICE socket listen without a socket one
     * ({@link GraphicsSockets}). The live definition of a started domain is this one.
     *
     * @param privateDir the domain's private directory ({@link #build}'s)
     */
    public static DomainDefinition prepare(DomainDefinition def, Path privateDir) {
        return GraphicsSockets.assign(ChannelPaths.assign(def, ChannelPaths.channelDir(privateDir)), privateDir);
    }

    /**
     * Everything QEMU needs for one disk: blockdev nodes and the device. Shared by start and
     * hot-plug, so that both name and configure a disk alike.
     *
     * @param domain the domain's name, which errors carry
     * @param machine the machine type the disk goes on
     * @param pcie whether that machine's root bus is PCIe
     * @param virtioIndex the number of its {@code virtio-disk} id, when on the virtio bus
     * @throws org.jvirt.api.VirtException what {@link QemuValidate#disk} refuses
     */
    public static DiskPlan planDisk(String domain, DiskDevice d, String machine, boolean pcie, int virtioIndex) {
        return planDisk(domain, d, machine, pcie, virtioIndex, "virtio-scsi");
    }

    /**
     * {@link #planDisk(String, DiskDevice, String, boolean, int)} for a guest whose SCSI controller 0 is
     * of {@code scsiModel} ({@link #scsiModel}), which decides how a SCSI disk is addressed.
     */
    public static DiskPlan planDisk(String domain, DiskDevice d, String machine, boolean pcie, int virtioIndex,
                                    String scsiModel) {
        QemuValidate.disk(domain, d, machine);
        return DiskCommand.plan(d, machine, pcie, virtioIndex, scsiModel);
    }

    /** The model of a definition's SCSI controller 0 as the command line has it: {@code lsilogic} or {@code virtio-scsi}. */
    public static String scsiModel(DomainDefinition def) {
        for (ControllerDevice c : def.devices(ControllerDevice.class)) {
            if (c.type().equals("scsi") && c.index() != null && c.index() == 0 && "lsilogic".equals(c.model())) {
                return "lsilogic";
            }
        }
        return "virtio-scsi";
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
                           String deviceDriver, String busProps, Optional<String> writeCache) {
    }

    /**
     * Everything QEMU needs for one interface, shared by start and hot-plug.
     *
     * @param domain the domain's name, which errors carry
     * @param index the interface's number ({@code net0}, {@code hostnet0})
     * @param arch the guest architecture, whose default model the interface may get
     * @param types the emulator's QOM types, or empty not to check that it has the NIC's device
     * @throws org.jvirt.api.VirtException what {@link QemuValidate#nic} refuses
     */
    public static NicPlan planInterface(String domain, InterfaceDevice nic, int index, String arch,
                                        Set<String> types) {
        QemuValidate.nic(domain, nic, arch, types);
        return InterfaceCommand.plan(nic, index, arch);
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

    // ---- the whole command ----------------------------------------------------------------------

    /** The QMP socket in a domain's private directory, as libvirt places it. */
    public static Path monitorSocket(Path privateDir) {
        return privateDir.resolve("monitor.sock");
    }

    /**
     * The master key in a domain's private directory: 32 random bytes the driver writes before QEMU
     * starts, with which QEMU would decrypt the secrets the driver hands it.
     */
    public static Path masterKey(Path privateDir) {
        return privateDir.resolve("master-key.aes");
    }

    /** The whole command, in the order of libvirt's qemuBuildCommandLine. */
    private void all(Path privateDir, boolean incoming) {
        DomainDefinition def = g.def();
        out.arg(def.emulator() == null ? g.emu().binary() : def.emulator());
        out.arg("-name", "guest=" + opt(g.name()) + ",debug-threads=on");
        // Stopped until the driver has read back what QEMU chose (ptys, VNC port) and says cont.
        out.arg("-S");
        out.arg("-object", Json.write(Json.object("qom-type", "secret", "id", "masterKey0", "format", "raw",
                "file", masterKey(privateDir).toString())));
        machineAndAccel();
        cpu();
        if (g.def().os().loader() != null) {
            out.arg("-bios", g.def().os().loader());
        }
        // QEMU's RAM in MiB: libvirt rounds the size up to whole MiB when it starts a guest.
        out.arg("-m", Long.toString((def.memoryKiB() + 1023) / 1024));
        out.arg("-overcommit", "mem-lock=off");
        smp();
        out.arg("-uuid", def.uuid().toString());
        if (def.devices(org.jvirt.model.GraphicsDevice.class).isEmpty()) {
            out.arg("-display", "none");
        }
        out.arg("-no-user-config");
        out.arg("-nodefaults");
        out.arg("-chardev", "socket,id=charmonitor,path=" + opt(monitorSocket(privateDir).toString())
                + ",server=on,wait=off");
        out.arg("-mon", "chardev=charmonitor,id=monitor,mode=control");
        clock();
        lifecycle();
        if (g.acpiCapable() && !def.hasFeature("acpi")) {
            out.arg("-no-acpi");
        }
        boot();
        ControllerCommand.add(g, out);
        DiskCommand.add(g, out);
        InterfaceCommand.add(g, out);
        CharDeviceCommand.add(g, out);
        DeviceCommand.inputs(g, out);
        DeviceCommand.audio(g, out);
        GraphicsCommand.add(g, out);
        VideoCommand.add(g, out);
        DeviceCommand.sounds(g, out);
        if (incoming) {
            out.arg("-incoming", "defer");
        }
        DeviceCommand.balloon(g, out);
        if (g.pcie()) {
            // PCIe has no hot-plug on the root bus: devices plugged later each take a root port. Last, so
            // that the slots QEMU picks for them are none the definition's devices have.
            for (int i = 1; i <= SPARE_ROOT_PORTS; i++) {
                int index = highestPciIndex(def) + i;
                out.arg("-device", "pcie-root-port,port=0x" + Integer.toHexString(0x10 + index - 1) + ",chassis="
                        + index + ",id=" + spareRootPort(def, i) + ",bus=pcie.0");
            }
        }
        sandbox();
        out.arg("-msg", "timestamp=on");
    }

    /**
     * libvirt's seccomp sandbox. QEMU may start no program — except qemu-bridge-helper, which a
     * {@code bridge} interface needs because the driver does not make taps itself (libvirt does).
     */
    private void sandbox() {
        boolean bridge = g.def().devices(InterfaceDevice.class).stream().anyMatch(n -> "bridge".equals(n.type()));
        out.arg("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=" + (bridge ? "allow" : "deny")
                + ",resourcecontrol=deny");
    }

    private void machineAndAccel() {
        // usb=off: -nodefaults aside, a machine could still make its own USB controller.
        StringBuilder m = new StringBuilder(g.machine()).append(",usb=off");
        for (org.jvirt.model.xml.XmlElement f : g.def().features()) {
            if (f.name().equals("gic") && f.attribute("version") != null) {
                m.append(",gic-version=").append(f.attribute("version"));
            }
        }
        m.append(",dump-guest-core=off");
        String pcspk = DeviceCommand.pcspkAudiodev(g);
        if (pcspk != null) {
            m.append(",pcspk-audiodev=").append(pcspk);
        }
        out.arg("-machine", m.toString());
        out.arg("-accel", g.accel());
    }

    private void cpu() {
        DomainDefinition def = g.def();
        String arch = g.arch();
        // The model libvirt settled at define (the machine's default when the definition named none).
        String defined = HonouredElements.cpuModel(def);
        if (arch.equals("aarch64") && defined == null) {
            // QEMU's default CPU of the virt machine is 32-bit; an aarch64 guest needs a 64-bit one.
            out.arg("-cpu", g.accel().equals("kvm") ? "host" : "max");
        } else if (g.x86() && !def.hasFeature("apic")) {
            String model = defined != null ? defined : arch.equals("x86_64") ? "qemu64" : "qemu32";
            out.arg("-cpu", model + ",-apic,-x2apic"
                    + (def.hasFeature("pae") || arch.equals("x86_64") ? "" : ",-pae"));
        } else if (arch.equals("i686") && !def.hasFeature("pae")) {
            out.arg("-cpu", (defined != null ? defined : "qemu32") + ",-pae");
        } else if (defined != null) {
            out.arg("-cpu", defined);
        }
    }

    private void smp() {
        int max = g.def().vcpus();
        int cur = g.def().currentVcpus();
        StringBuilder s = new StringBuilder(Integer.toString(cur));
        if (cur != max) {
            s.append(",maxcpus=").append(max);
        }
        s.append(",sockets=").append(max).append(",cores=1,threads=1");
        out.arg("-smp", s.toString());
    }

    private void clock() {
        Map<String, String> a = g.def().clock().attributes();
        switch (g.def().clock().offset()) {
            case "utc" -> out.arg("-rtc", "base=utc");
            case "localtime" -> out.arg("-rtc", "base=localtime");
            case "timezone" -> {
                // QEMU's localtime is the zone of its TZ.
                out.env.put("TZ", a.get("timezone"));
                out.arg("-rtc", "base=localtime");
            }
            case "variable" -> {
                long adjustment = Long.parseLong(a.getOrDefault("adjustment", "0"));
                LocalDateTime base = a.getOrDefault("basis", "utc").equals("utc")
                        ? LocalDateTime.ofInstant(clock.instant().plusSeconds(adjustment), ZoneOffset.UTC)
                        : LocalDateTime.now(clock).plusSeconds(adjustment);
                out.arg("-rtc", "base=" + base.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
            }
            default -> throw new IllegalStateException("clock offset was not validated");
        }
    }

    /**
     * QEMU stays after the guest powers off, as libvirt 9 has it; what then happens (QEMU exits for
     * {@code destroy}, a reboot is a power-off for {@code on_reboot='destroy'}) the driver sets over
     * QMP once QEMU runs ({@link #lifecycleActions}).
     */
    private void lifecycle() {
        out.arg("-no-shutdown");
    }

    /**
     * The {@code set-action} settings a started QEMU needs for the definition's lifecycle: with
     * {@code -no-shutdown} a powered-off guest's QEMU would stay.
     *
     * @return {@code shutdown} and {@code reboot} actions, each null when QEMU's default from the
     *         command line is right
     */
    public static Map<String, String> lifecycleActions(DomainDefinition def) {
        Map<String, String> actions = new java.util.LinkedHashMap<>();
        if (def.onPoweroff().equals("destroy")) {
            actions.put("shutdown", "poweroff");
        }
        if (def.onReboot().equals("destroy")) {
            actions.put("reboot", "shutdown");
        }
        return actions;
    }

    private void boot() {
        DomainOs os = g.def().os();
        out.arg("-boot", "strict=on");
        if (os.kernel() != null) {
            out.arg("-kernel", os.kernel());
            if (os.initrd() != null) {
                out.arg("-initrd", os.initrd());
            }
            if (os.cmdline() != null) {
                out.arg("-append", os.cmdline());
            }
        }
    }
}
