package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The parts of a definition the model keeps as elements but the command line honours, most of them
 * defaults libvirt's QEMU driver adds at define: the {@code <cpu>}, memory and tuning elements
 * ({@link #isHonouredTop}), the {@code none} audio backend ({@code -audiodev}), a serial port's device model
 * when it is its target type's own, a character device's options {@link CharOptions} reads, a video
 * model's sizes and acceleration {@link VideoValidate} checks, a console's options {@link GraphicsValidate}
 * checks, the firmware panic device of pSeries and s390, the numbering and counts of controllers, the
 * balloon's options, the devices a family's builder builds whole ({@link #isBuiltDevice}: RNGs, USB hubs,
 * watchdogs, panic devices...); and the machine-wide elements the command-line classes read and check
 * themselves ({@code <pm>}, {@code <sysinfo>}, {@code <os>}'s boot menu, BIOS, SMBIOS mode, device tree,
 * ACPI table, NVRAM and firmware, the QEMU namespace, seclabels, leases, a Hyper-V panic, metadata).
 * {@link #strip} removes them so that only what the command line cannot honour is refused as
 * unmodelled. Stateless.
 */
final class HonouredElements {
    private static final Set<String> VCPU_ATTRIBUTES = Set.of("id", "enabled", "hotpluggable", "order");
    /**
     * The device model libvirt gives each serial target type, which says nothing the target type does
     * not (the command line refuses the target types it cannot build, with their own message).
     */
    private static final Map<String, String> SERIAL_MODELS = Map.of("isa-serial", "isa-serial",
            "usb-serial", "usb-serial", "pci-serial", "pci-serial", "spapr-vio-serial", "spapr-vty",
            "system-serial", "pl011", "sclp-serial", "sclpconsole", "isa-debug", "isa-debugcon");

    /** A controller's child elements and attributes {@link ControllerCommand} honours. */
    private static final Set<String> CONTROLLER_ELEMENTS = Set.of("model", "target", "master", "pcihole64");
    private static final Set<String> CONTROLLER_ATTRIBUTES = Set.of("ports", "vectors");
    /** A SCSI controller's {@code <driver>} attributes {@link ControllerCommand} honours. */
    private static final Set<String> SCSI_DRIVER_ATTRIBUTES = Set.of("queues", "cmd_per_lun", "max_sectors",
            "ioeventfd", "iothread");

    /**
     * Top-level elements the command line honours, or that have no effect on it: {@code <pm>}
     * ({@link PowerCommand}), {@code <metadata>} (the application's own, which libvirt keeps for it),
     * {@code <seclabel>} (checked by {@link SecurityLabels}), {@code <sysinfo>} ({@link SmbiosCommand}).
     */
    private static final Set<String> TOP_LEVEL = Set.of("pm", "metadata", "seclabel", "sysinfo");

    private HonouredElements() {
    }

    /**
     * The top-level elements the CPU, memory and tuning parts of the command line read themselves
     * ({@link CpuCommand}, {@link MemoryCommand}, {@link NumaCommand}, {@link IOThreadCommand}), refusing
     * what they cannot honour in {@link CpuMemoryValidate}; {@code <cpu>} only when {@link GuestCpu}
     * understands all of it. {@code <idmap>} maps container user ids, which a QEMU guest has none of: libvirt's
     * QEMU driver ignores it too.
     */
    private static boolean isHonouredTop(DomainDefinition def, XmlElement e) {
        return switch (e.name()) {
            case "cpu" -> GuestCpu.parse(e).understood();
            case "vcpus" -> e.children().stream().allMatch(v -> v.name().equals("vcpu")
                    && VCPU_ATTRIBUTES.containsAll(v.attributes().keySet()));
            case "memoryBacking" -> e.children().stream().allMatch(c -> GuestMemory.BACKING_ELEMENTS.contains(c.name()));
            case "numatune" -> e.children().stream().allMatch(c -> c.name().equals("memory") || c.name().equals("memnode"));
            case "iothreads", "iothreadids", "maxMemory", "cputune", "idmap" -> true;
            default -> false;
        };
    }

    /** Whether a device is a {@code dimm} or {@code nvdimm} memory module, which {@link MemoryCommand} builds. */
    static boolean isMemoryModule(Device d) {
        return d instanceof UnknownDevice u && u.element().name().equals("memory")
                && Set.of("dimm", "nvdimm").contains(u.element().attribute("model"));
    }

    /** Whether a device is the {@code <audio id='1' type='none'/>} backend, which the command line builds. */
    static boolean isNoneAudio(Device d) {
        return d instanceof UnknownDevice u && u.element().name().equals("audio")
                && u.element().attributes().equals(Map.of("id", "1", "type", "none"))
                && u.element().children().isEmpty();
    }

    /**
     * Whether a device is the default audio backend libvirt adds, {@code none} or {@code spice}: the
     * command line builds the first, and refuses SPICE graphics, the second's reason, in their words.
     */
    static boolean isDefaultAudio(Device d) {
        return isNoneAudio(d) || d instanceof UnknownDevice u && u.element().name().equals("audio")
                && u.element().attributes().equals(Map.of("id", "1", "type", "spice"))
                && u.element().children().isEmpty();
    }

    /**
     * Whether a device is the panic device of pSeries or s390 firmware, which libvirt adds to those
     * guests and which needs nothing on the command line.
     */
    static boolean isFirmwarePanic(Device d) {
        return d instanceof UnknownDevice u && u.element().name().equals("panic") && u.element().children().isEmpty()
                && (u.element().attributes().equals(Map.of("model", "pseries"))
                        || u.element().attributes().equals(Map.of("model", "s390")));
    }

    /**
     * Whether a device is a {@code <lease>} (a key in a lock space, at a target path): libvirt's QEMU
     * driver hands leases to its lock manager, whose default, {@code nop}, ignores them; jvirt has no
     * lock manager and does the same.
     */
    static boolean isLease(Device d) {
        return d instanceof UnknownDevice u && u.element().name().equals("lease") && u.element().child("key") != null
                && u.element().child("target") != null && u.element().child("target").attribute("path") != null;
    }

    /**
     * Whether a device the model keeps as an element is one a device family's builder builds whole:
     * {@link RngCommand}, {@link HubCommand}, {@link WatchdogCommand}, {@link PanicCommand},
     * {@link SmartcardCommand}, {@link RedirdevCommand}, {@link ShmemCommand}, {@link IommuCommand},
     * {@link VsockCommand}; or one {@link TpmCommand} refuses naming what the host lacks. Each family's
     * {@code validate} checks their values.
     */
    static boolean isBuiltDevice(Device d) {
        if (!(d instanceof UnknownDevice u)) {
            return false;
        }
        XmlElement e = u.element();
        return switch (e.name()) {
            case "rng" -> RngCommand.honoured(e);
            case "hub" -> HubCommand.honoured(e);
            case "watchdog" -> WatchdogCommand.honoured(e);
            case "panic" -> PanicCommand.honoured(e);
            case "smartcard" -> SmartcardCommand.honoured(e);
            case "redirdev" -> RedirdevCommand.honoured(e);
            case "shmem" -> ShmemCommand.honoured(e);
            case "iommu" -> IommuCommand.honoured(e);
            case "tpm" -> TpmCommand.honoured(e);
            case "vsock" -> VsockCommand.honoured(e);
            default -> false;
        };
    }

    /** {@code def} without what the command line honours of what the model does not understand. */
    static DomainDefinition strip(DomainDefinition def) {
        DomainDefinition.Builder b = null;
        List<XmlElement> top = new ArrayList<>(def.unknowns().elementsAt(""));
        org.jvirt.model.Unknowns unknowns = def.unknowns();
        if (top.removeIf(e -> isHonouredTop(def, e) || TOP_LEVEL.contains(e.name()) || NamespaceCommand.honoured(e))) {
            unknowns = unknowns.withElementsAt("", top);
        }
        if (unknowns.attributesAt("memory").containsKey("dumpCore")) {
            unknowns = unknowns.withoutAttribute("memory", "dumpCore");
        }
        // The namespace's declaration, once its elements are honoured (Namespaces keeps it only for them).
        unknowns = unknowns.withoutAttribute("", "xmlns:qemu");
        if (unknowns != def.unknowns()) {
            b = def.toBuilder().unknowns(unknowns);
        }
        List<XmlElement> inOs = new ArrayList<>(def.os().unknowns().elementsAt(""));
        boolean osStripped = inOs.removeIf(e -> BootCommand.OS_ELEMENTS.contains(e.name()) || e.name().equals("smbios")
                || e.name().equals("nvram"));
        // <os firmware=> BootCommand checks, the loader's attributes FirmwareCommand
        org.jvirt.model.Unknowns os = def.os().unknowns().withoutAttribute("", "firmware");
        for (String attribute : FirmwareCommand.LOADER_ATTRIBUTES) {
            os = os.withoutAttribute("loader", attribute);
        }
        if (osStripped || os != def.os().unknowns()) {
            b = (b == null ? def.toBuilder() : b)
                    .os(def.os().toBuilder().unknowns(os.withElementsAt("", inOs)).build());
        }
        boolean x86 = def.os().arch() != null && Machines.isX86(def.os().arch());
        List<Device> devices = new ArrayList<>(def.devices().size());
        boolean changed = false;
        for (Device d : def.devices()) {
            if (isDefaultAudio(d) || isFirmwarePanic(d) || isMemoryModule(d) || x86 && FeatureCommand.isHypervPanic(d)
                    || isLease(d) || isBuiltDevice(d)) {
                changed = true;
                continue;
            }
            Device kept = d instanceof CharDevice c ? CharOptions.withoutHonoured(withoutSerialModel(c))
                    : d instanceof ControllerDevice c ? withoutControllerOptions(c)
                    : d instanceof DiskDevice disk ? DiskOptions.strip(SecurityLabels.withoutLabels(disk))
                    : d instanceof InterfaceDevice nic ? InterfaceOptions.strip(nic)
                    : d instanceof MemballoonDevice m ? BalloonCommand.withoutOptions(m)
                    : d instanceof org.jvirt.model.InputDevice in ? PassthroughInputs.withoutSource(in)
                    : d instanceof VideoDevice v ? VideoValidate.withoutHonoured(v)
                    : d instanceof GraphicsDevice gd ? GraphicsValidate.withoutHonoured(gd) : d;
            changed |= kept != d;
            devices.add(kept);
        }
        if (changed) {
            b = (b == null ? def.toBuilder() : b).devices(devices);
        }
        return b == null ? def : b.build();
    }

    /**
     * A PCI, USB or virtio-serial controller without what {@link ControllerCommand} reads itself: a PCI
     * controller's {@code <model name>} and {@code <target>} (libvirt's numbering of ports and bridges),
     * a USB companion's {@code <master>}, the {@code ports} and {@code vectors} counts.
     */
    private static ControllerDevice withoutControllerOptions(ControllerDevice c) {
        if (!Set.of("pci", "usb", "virtio-serial", "scsi").contains(c.type()) || c.unknowns().isEmpty()) {
            return c;
        }
        if (c.type().equals("scsi")) {
            List<XmlElement> top = new ArrayList<>(c.unknowns().elementsAt(""));
            boolean removed = top.removeIf(e -> e.name().equals("driver") && e.children().isEmpty()
                    && SCSI_DRIVER_ATTRIBUTES.containsAll(e.attributes().keySet()));
            return !removed ? c : new ControllerDevice(c.type(), c.index(), c.model(), c.address(),
                    c.unknowns().withElementsAt("", top));
        }
        List<XmlElement> top = new ArrayList<>(c.unknowns().elementsAt(""));
        boolean removed = top.removeIf(e -> CONTROLLER_ELEMENTS.contains(e.name()));
        org.jvirt.model.Unknowns u = removed ? c.unknowns().withElementsAt("", top) : c.unknowns();
        for (String attribute : CONTROLLER_ATTRIBUTES) {
            u = u.withoutAttribute("", attribute);
        }
        return u == c.unknowns() ? c : new ControllerDevice(c.type(), c.index(), c.model(), c.address(), u);
    }

    /** A serial port without {@code <target><model name=>} when the name is its target type's own. */
    private static CharDevice withoutSerialModel(CharDevice c) {
        String own = c.kind().equals("serial") && c.targetType() != null ? SERIAL_MODELS.get(c.targetType()) : null;
        List<XmlElement> atTarget = c.unknowns().elementsAt("target");
        if (own == null || atTarget.isEmpty()) {
            return c;
        }
        List<XmlElement> kept = new ArrayList<>(atTarget);
        kept.removeIf(e -> e.name().equals("model") && e.attributes().equals(Map.of("name", own))
                && e.children().isEmpty());
        return kept.size() == atTarget.size() ? c
                : c.toBuilder().unknowns(c.unknowns().withElementsAt("target", kept)).build();
    }
}
