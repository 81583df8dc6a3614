package org.jvirt.driver.qemu.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.address.AddressValidation;
import org.jvirt.driver.qemu.address.ControllerModels;
import org.jvirt.driver.qemu.address.DefaultControllers;
import org.jvirt.driver.qemu.address.QemuAddresses;
import org.jvirt.driver.qemu.probe.EmulatorCatalog;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.probe.KvmProbe;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.DomainRules;
import org.jvirt.model.InterfaceDevice;

/**
 * libvirt's QEMU driver's part of reading a domain ({@code virQEMUDriverDomainDefParserConfig}):
 * only {@code qemu} and {@code kvm} domains, the emulator for the guest's architecture, the
 * host's architecture by default, narrow SCSI buses (7 units a controller), the emulator's versioned
 * machine type, a MAC address for each interface, the default devices ({@link DefaultDevices}) and
 * controllers, CPU ({@link DefaultCpu}) and features ({@link DefaultFeatures}), each device's defaults
 * ({@link DeviceDefaults}), libvirt's device addresses ({@code address}), and the checks libvirt makes
 * at define ({@link DefineValidate}).
 * Thread-safe when the emulator lookup is.
 */
public final class QemuRules implements DomainRules {
    private final Function<DomainDefinition, EmulatorInfo> emulators;
    private final Supplier<String> macs;
    private final Predicate<EmulatorInfo> kvm;
    private final ThreadLocal<DevicesEmulator> devicesEmulator = new ThreadLocal<>();

    /**
     * @param emulators the emulator that runs a definition (its {@code <emulator>}, else the one for its
     *                  architecture); fails with CONFIG_UNSUPPORTED when there is none
     */
    public QemuRules(Function<DomainDefinition, EmulatorInfo> emulators) {
        this(emulators, DomainDefaults::randomMac, QemuRules::kvmUsable);
    }

    /**
     * Rules giving interfaces without one the MAC addresses {@code macs} makes, instead of random
     * ones, and deciding KVM's presence with {@code kvm} instead of asking the host: for tests, whose
     * command lines must not change from run to run or host to host.
     *
     * @param emulators as {@link #QemuRules(Function)}
     * @param macs the next MAC address for an interface that has none
     * @param kvm whether an emulator runs kvm domains
     */
    public QemuRules(Function<DomainDefinition, EmulatorInfo> emulators, Supplier<String> macs,
            Predicate<EmulatorInfo> kvm) {
        this.emulators = emulators;
        this.macs = macs;
        this.kvm = kvm;
    }

    @Override
    public String defaultArch(DomainDefinition definition) {
        return DomainDefaults.hostArch();
    }

    /** libvirt's QEMU namespace ({@code qemu:commandline}...), which the driver keeps and refuses at start. */
    @Override
    public String xmlNamespace() {
        return "http://libvirt.org/schemas/domain/qemu/1.0";
    }

    /** libvirt's qemu:commandline and friends come back under the {@code qemu} prefix. */
    @Override
    public String xmlNamespacePrefix() {
        return "qemu";
    }

    /** libvirt's QEMU driver defines with VIR_DOMAIN_DEF_PARSE_ABI_UPDATE. */
    @Override
    public boolean abiUpdate() {
        return true;
    }

    /** qemuDomainDefPostParseBasic: the domain type, and the emulator when none is named. */
    @Override
    public DomainDefinition postParseBasic(DomainDefinition def) {
        if (!def.type().equals("qemu") && !def.type().equals("kvm")) {
            throw unsupported(def.name(), "domain type '" + def.type()
                    + "' is not supported by the QEMU driver, only 'qemu' and 'kvm'");
        }
        // What libvirt settles while parsing, with the QEMU driver's security model.
        DomainDefinition read = DefaultSeclabel.apply(def);
        if (read.emulator() != null) {
            return read;
        }
        return read.toBuilder().emulator(emulators.apply(read).binary()).build();
    }

    /** qemuDomainDefPostParse: the machine type the emulator offers, a MAC for each interface, a balloon. */
    @Override
    public DomainDefinition postParse(DomainDefinition def) {
        EmulatorInfo emulator = emulators.apply(def);
        DomainOs os = def.os() == null ? DomainOs.builder("hvm").arch(DomainDefaults.hostArch()).build() : def.os();
        EmulatorInfo.Machine machine;
        if (os.machine() == null && def.type().equals("kvm") && !kvm.test(emulator)) {
            // virQEMUCapsGetPreferredMachine finds no machine for a virt type the emulator lacks
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "could not get preferred machine for "
                    + emulator.binary() + " type=kvm", def.name());
        }
        if (os.machine() == null) {
            machine = emulator.defaultMachine();
            if (machine == null) {
                throw unsupported(def.name(), "emulator " + emulator.binary()
                        + " has no default machine type: say which with <os><type machine=...>; it offers "
                        + String.join(", ", emulator.machineNames()));
            }
        } else {
            machine = emulator.machine(os.machine());
            if (machine == null) {
                // libvirt's words (qemuValidateDomainDefMachine), and what the emulator offers instead
                throw unsupported(def.name(), "Emulator '" + emulator.binary() + "' does not support machine type '"
                        + os.machine() + "' (QEMU " + emulator.version() + " offers " + String.join(", ",
                        emulator.machineNames()) + ")");
            }
        }
        DomainDefinition.Builder b = def.toBuilder();
        if (!machine.name().equals(os.machine()) || def.os() == null) {
            b.os(os.toBuilder().machine(machine.name()).build());
        }
        List<Device> devices = new ArrayList<>(def.devices().size() + 1);
        for (Device d : def.devices()) {
            if (d instanceof InterfaceDevice nic && nic.mac() == null) {
                d = nic.toBuilder().mac(macs.get()).build();
            }
            devices.add(d);
        }
        DomainDefinition done = b.devices(devices).build();
        // qemuDomainDefPostParse's order: default devices and controllers, the default CPU, default
        // features, the vCPUs' order, CPU checks, the vCPUs of the NUMA cells.
        done = done.toBuilder().devices(DefaultDevices.add(done, done.devices())).build();
        done = DefaultControllers.add(done);
        done = DefaultCpu.apply(done, emulator, machine);
        done = DefaultFeatures.apply(done);
        VcpuOrder.check(done);
        done = NumaCpus.apply(done);
        // virDomainChrIsaSerialDefPostParse, which libvirt runs right after this driver's domain rules
        SerialTargets.checkIsaPorts(done);
        return done;
    }

    /** qemuDomainDeviceDefPostParse: each device's defaults ({@link DeviceDefaults}). */
    @Override
    public Device postParseDevice(Device device, DomainDefinition def) {
        if (device instanceof ControllerDevice controller) {
            return ControllerModels.apply(controller, def);
        }
        return DeviceDefaults.apply(device, def, emulatorOfDevices(def));
    }

    /**
     * The emulator of {@code def}, asked once for all its devices: post-parse hands each device the same
     * definition, and each lookup checks the binary on disk (three system calls — at twenty devices, most
     * of a define's time).
     */
    private EmulatorInfo emulatorOfDevices(DomainDefinition def) {
        DevicesEmulator last = devicesEmulator.get();
        if (last != null && last.definition() == def) {
            return last.emulator();
        }
        EmulatorInfo emulator = emulators.apply(def);
        devicesEmulator.set(new DevicesEmulator(def, emulator));
        return emulator;
    }

    /** The last definition whose devices this thread completed, and its emulator. */
    private record DevicesEmulator(DomainDefinition definition, EmulatorInfo emulator) {
    }

    /** qemuDomainAssignAddresses: virtio-serial, virtio-mmio, PCI and USB addresses, and the controllers they need. */
    @Override
    public DomainDefinition assignAddresses(DomainDefinition def) {
        return QemuAddresses.assign(def);
    }

    /**
     * qemuValidateDomainDef's first checks: the emulator runs the guest's architecture and its
     * virtualization type.
     */
    @Override
    public void validate(DomainDefinition def) {
        EmulatorInfo emulator = emulators.apply(def);
        String arch = DomainDefaults.arch(def);
        if (!DomainDefaults.guestArches(emulator.arch()).contains(arch)) {
            throw unsupported(def.name(), "Emulator '" + emulator.binary() + "' does not support arch '" + arch + "'");
        }
        if (def.type().equals("kvm") && !kvm.test(emulator)) {
            throw unsupported(def.name(), "Emulator '" + emulator.binary() + "' does not support virt type 'kvm'");
        }
        AddressValidation.check(def);
        DefineValidate.apply(def, emulator);
    }

    /**
     * Whether {@code emulator} runs kvm domains here, as libvirt's probe finds: built with KVM, for the
     * host's architecture (or one it runs natively), and {@code /dev/kvm} open to this user.
     */
    public static boolean kvmUsable(EmulatorInfo emulator) {
        Path dev = Path.of("/dev/kvm");
        return emulator.kvmSupport() && DomainDefaults.guestArches(emulator.arch()).contains(DomainDefaults.hostArch())
                && Files.isReadable(dev) && Files.isWritable(dev);
    }

    /**
     * Whether an emulator runs kvm domains on this host as its capabilities say ({@link KvmProbe}, which
     * {@code virConnectGetCapabilities} reports): {@link #kvmUsable}, and a KVM that boots a guest. libvirt
     * refuses a kvm domain at define exactly when its capabilities have no kvm guest; a host whose
     * {@code /dev/kvm} cannot run one (a nested set-up) has none. The probe runs once, and only where
     * {@link #kvmUsable} holds.
     */
    public static Predicate<EmulatorInfo> kvmRuns(EmulatorCatalog catalog) {
        return emulator -> kvmUsable(emulator) && KvmProbe.status(catalog).usable();
    }

    /** CONFIG_UNSUPPORTED in domain QEMU, as the command line's refusals. */
    private static VirtException unsupported(String domain, String detail) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, detail, domain);
    }
}
