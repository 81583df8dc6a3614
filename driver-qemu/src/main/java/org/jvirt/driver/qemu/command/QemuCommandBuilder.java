package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.opt;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;

/**
 * Turns a domain definition into a QEMU command line, as libvirt's {@code qemu_command.c} does:
 * always {@code -nodefaults}, QMP on a unix socket, every device explicit. The definition is first
 * checked by {@link QemuValidate}, which refuses with CONFIG_UNSUPPORTED (or XML_ERROR, NO_SOURCE)
 * everything the command line cannot honour, before any process starts.
 *
 * <p>This class builds the whole command and its machine-wide part (machine, accelerator, clock,
 * lifecycle, boot), in the order libvirt writes it; CPU and vCPUs are {@link CpuCommand}'s, memory
 * {@link MemoryCommand}'s, guest NUMA nodes {@link NumaCommand}'s, I/O threads {@link IOThreadCommand}'s,
 * each device family is its own class ({@link DiskCommand}, {@link InterfaceCommand},
 * {@link CharDeviceCommand}, {@link DeviceCommand}, {@link RngCommand} and the other families of devices
 * the model keeps as elements), and so is each machine-wide family
 * ({@link FeatureCommand}, {@link ClockCommand}, {@link PowerCommand}, {@link BootCommand},
 * {@link FirmwareCommand}, {@link SmbiosCommand}, {@link NamespaceCommand}). Stateless; {@link #build} is a
 * pure function of its arguments and the time.
 */
public final class QemuCommandBuilder {
    /**
     * The {@code -device} / {@code device_add} properties placing a device at PCI address {@code a} of
     * the guest {@code def} ({@code bus}, {@code multifunction}, {@code addr}); empty for no address.
     */
    public static Map<String, Object> pciAddressProps(DeviceAddress a, DomainDefinition def) {
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        if (a != null && "pci".equals(a.type())) {
            DeviceProps.pciAddress(props, a, DeviceProps.pciBus(def, 0));
        }
        return props;
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
     * Everything QEMU needs for one disk: block nodes and the device. Shared by start and hot-plug, so
     * that both name and configure a disk alike.
     *
     * @param domain the domain's name, which errors carry
     * @param def the definition the disk goes into (its machine and controllers place it)
     * @param nodeIndex the {@code N} of the disk's {@code libvirt-N-storage}/{@code libvirt-N-format}
     *                  nodes, one no other disk of the guest has
     * @throws org.jvirt.api.VirtException what {@link QemuValidate#disk} refuses
     */
    public static DiskPlan planDisk(String domain, DiskDevice d, DomainDefinition def, int nodeIndex) {
        QemuValidate.disk(domain, d, def.os().machine());
        return DiskCommand.plan(d, def, Machines.isPcie(def.os().machine()), nodeIndex, 0);
    }

    /**
     * The {@code block_set_io_throttle} arguments of a disk's {@code <iotune>}, which QEMU is given once
     * it runs, as libvirt does; empty for a disk without one.
     *
     * @param deviceId the disk's QEMU id ({@link QemuCommand.DiskIds#device})
     */
    public static Optional<Map<String, Object>> diskThrottle(DiskDevice d, String deviceId) {
        return Optional.ofNullable(DiskCommand.throttle(d, deviceId));
    }

    /**
     * The QEMU side of one disk.
     *
     * @param ids the ids the driver keeps
     * @param blockdevFile the protocol node, or null for an empty CD-ROM
     * @param blockdevFormat the format node, or null for an empty CD-ROM
     * @param device the {@code -device} / {@code device_add} properties, {@code driver} first
     */
    public record DiskPlan(QemuCommand.DiskIds ids, Map<String, Object> blockdevFile, Map<String, Object> blockdevFormat,
                           Map<String, Object> device) {
    }

    /**
     * Everything QEMU needs for one interface, shared by start and hot-plug.
     *
     * @param domain the domain's name, which errors carry
     * @param index the interface's number ({@code net0}, {@code hostnet0})
     * @param def the definition the interface goes into (its architecture's default model, its machine's buses)
     * @param types the emulator's QOM types, or empty not to check that it has the NIC's device
     * @throws org.jvirt.api.VirtException what {@link QemuValidate#nic} refuses
     */
    public static NicPlan planInterface(String domain, InterfaceDevice nic, int index, DomainDefinition def,
                                        Set<String> types) {
        QemuValidate.nic(domain, nic, def.os().arch(), types);
        return InterfaceCommand.plan(nic, index, def, 0);
    }

    /**
     * The QEMU side of one interface.
     *
     * @param ids the ids the driver keeps
     * @param netdev the {@code -netdev} / {@code netdev_add} properties, {@code type} first
     * @param device the {@code -device} / {@code device_add} properties, {@code driver} first
     * @param needsUsb whether the device sits on USB
     */
    public record NicPlan(QemuCommand.NicIds ids, Map<String, Object> netdev, Map<String, Object> device,
                          boolean needsUsb) {
    }

    // ---- the whole command ----------------------------------------------------------------------

    /**
     * Where the file-backed memory of the domain whose private directory is {@code privateDir} lives
     * ({@code memory-backend-file}): the driver makes it before QEMU starts and removes it after.
     */
    public static Path memoryBackingDir(Path privateDir) {
        return MemoryCommand.memoryBackingDir(privateDir);
    }

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
        FirmwareCommand.blockdevs(g, out);
        machineAndAccel();
        CpuCommand.cpu(g, out);
        FirmwareCommand.loader(g, out);
        MemoryCommand.memory(g, out, privateDir);
        CpuCommand.smp(g, out);
        IOThreadCommand.add(g, out);
        NumaCommand.add(g, out, privateDir);
        out.arg("-uuid", def.uuid().toString());
        SmbiosCommand.add(g, out);
        if (def.devices(org.jvirt.model.GraphicsDevice.class).isEmpty()) {
            out.arg("-display", "none");
        }
        out.arg("-no-user-config");
        out.arg("-nodefaults");
        out.arg("-chardev", "socket,id=charmonitor,path=" + opt(monitorSocket(privateDir).toString())
                + ",server=on,wait=off");
        out.arg("-mon", "chardev=charmonitor,id=monitor,mode=control");
        ClockCommand.add(g, out, clock);
        // QEMU stays after the guest powers off, as libvirt 9 has it; what then happens the driver sets
        // over QMP once QEMU runs (lifecycleActions)
        out.arg("-no-shutdown");
        if (g.acpiCapable() && !def.hasFeature("acpi")) {
            out.arg("-no-acpi");
        }
        PowerCommand.add(g, out);
        BootCommand.add(g, out);
        IommuCommand.add(g, out);
        ControllerCommand.add(g, out);
        MemoryCommand.addModules(g, out, privateDir);
        HubCommand.add(g, out);
        SmartcardCommand.readers(g, out);
        DiskCommand.add(g, out);
        InterfaceCommand.add(g, out);
        SmartcardCommand.add(g, out);
        CharDeviceCommand.add(g, out);
        DeviceCommand.inputs(g, out);
        DeviceCommand.audio(g, out);
        GraphicsCommand.add(g, out);
        VideoCommand.add(g, out);
        DeviceCommand.sounds(g, out);
        WatchdogCommand.add(g, out);
        RedirdevCommand.add(g, out);
        if (incoming) {
            out.arg("-incoming", "defer");
        }
        BalloonCommand.add(g, out);
        RngCommand.add(g, out);
        NamespaceCommand.add(g, out);
        sandbox();
        PanicCommand.add(g, out);
        ShmemCommand.add(g, out);
        VsockCommand.add(g, out);
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
        m.append(FeatureCommand.machineProps(g));
        // dump-guest-core, then the memory backend, before the firmware's flash and the boot options
        m.append(MemoryCommand.machineParams(g));
        m.append(FirmwareCommand.machineProps(g));
        m.append(BootCommand.machineProps(g));
        String pcspk = DeviceCommand.pcspkAudiodev(g);
        if (pcspk != null) {
            m.append(",pcspk-audiodev=").append(pcspk);
        }
        out.arg("-machine", m.toString());
        out.arg("-accel", g.accel());
        FeatureCommand.globals(g, out);
    }

    /**
     * The vCPUs to plug into a started, still stopped QEMU: those {@code <vcpus>} enables at start but
     * marks hot-pluggable, as {@code device_add} properties ({@link CpuCommand#hotpluggedVcpus}).
     *
     * @param slots QEMU's {@code query-hotpluggable-cpus} answer
     */
    public static List<Map<String, Object>> hotpluggedVcpus(DomainDefinition def, List<Map<String, Object>> slots) {
        return CpuCommand.hotpluggedVcpus(def, slots);
    }

    /** Whether a definition has vCPUs to plug after QEMU starts ({@link #hotpluggedVcpus}). */
    public static boolean hasHotpluggedVcpus(DomainDefinition def) {
        return CpuCommand.coldPluggedVcpus(def) < def.currentVcpus();
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

    /** Whether the command line of {@code def} has the memory balloon {@code balloon0}, which QMP drives. */
    public static boolean hasBalloon(DomainDefinition def) {
        return BalloonCommand.builds(def);
    }

    /**
     * How often the balloon is to refresh the guest's memory statistics, which the driver sets over QMP
     * once QEMU runs, as libvirt does: the balloon's {@code <stats period>} in seconds; empty when it has
     * none (or no balloon).
     */
    public static java.util.OptionalInt balloonStatsPeriod(DomainDefinition def) {
        return BalloonCommand.statsPeriod(def);
    }
}
