package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest's {@code <features>}, as libvirt's QEMU driver turns them into the command line: machine
 * properties ({@code vmport=}, {@code smm=}, {@code gic-version=}, {@link #machineProps}), the SMM TSEG
 * size global ({@link #globals}) and {@code -cpu} flags (the APIC's paravirtual EOI, pvspinlock, Hyper-V
 * enlightenments, KVM's, the PMU: {@link #cpuFlags}); {@code acpi} is {@code -no-acpi}'s absence,
 * {@code apic} and {@code pae} the CPU's. {@link #validate} refuses the rest, naming it. Stateless.
 */
final class FeatureCommand {
    /** The features this class honours, with the attributes each may have. */
    private static final Map<String, Set<String>> FEATURES = Map.of("acpi", Set.of(), "apic", Set.of("eoi"),
            "pae", Set.of(), "hyperv", Set.of("mode"), "kvm", Set.of(), "pvspinlock", Set.of("state"),
            "pmu", Set.of("state"), "smm", Set.of("state"), "vmport", Set.of("state"), "gic", Set.of("version"));
    /** libvirt's Hyper-V enlightenments in its order (virDomainHyperv), which is the order of their flags. */
    private static final List<String> HYPERV = List.of("relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic",
            "stimer", "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic");
    /** libvirt's KVM features (virDomainKVM). */
    private static final Set<String> KVM = Set.of("hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring");
    private static final Map<String, Long> TSEG_UNITS = Map.ofEntries(Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("k", 1L << 10), Map.entry("KiB", 1L << 10), Map.entry("M", 1L << 20), Map.entry("MiB", 1L << 20),
            Map.entry("G", 1L << 30), Map.entry("GiB", 1L << 30), Map.entry("KB", 1000L), Map.entry("MB", 1000_000L),
            Map.entry("GB", 1000_000_000L));

    private FeatureCommand() {
    }

    /**
     * Refuses the features the command line cannot build, or that libvirt refuses for the guest (x86
     * features on other architectures, the GIC off Arm's virt board, vmport off the PC machines, a TSEG
     * off q35), and values that make no sense.
     */
    static void validate(Guest g) {
        String name = g.name();
        for (XmlElement f : g.def().features()) {
            Set<String> attributes = FEATURES.get(f.name());
            if (attributes == null) {
                throw Unsupported.config(name, "feature <" + f.name() + "/> is not supported by the QEMU driver"
                        + " (supported: " + String.join(", ", new java.util.TreeSet<>(FEATURES.keySet())) + ")");
            }
            for (String a : f.attributes().keySet()) {
                if (!attributes.contains(a)) {
                    throw Unsupported.config(name, "attribute '" + a + "' of feature <" + f.name()
                            + "/> is not supported");
                }
            }
            if (f.attributes().containsKey("state")) {
                onOff(name, f.name(), f.attribute("state"));
            }
            if (!f.name().equals("hyperv") && !f.name().equals("kvm") && !f.name().equals("smm")
                    && !f.children().isEmpty()) {
                throw Unsupported.config(name, "feature <" + f.name() + "/> with content is not supported");
            }
            switch (f.name()) {
                case "apic" -> {
                    // <apic/> and <pae/> elsewhere than x86 mean nothing to QEMU, and libvirt lets them be.
                    if (f.attribute("eoi") != null) {
                        onOff(name, "apic eoi", f.attribute("eoi"));
                        if (!g.x86()) {
                            throw Unsupported.config(name, "The 'eoi' attribute of the 'apic' feature is not supported"
                                    + " for architecture '" + g.arch() + "' or machine type '" + g.machine() + "'");
                        }
                    }
                }
                case "pvspinlock" -> {
                    if (!g.x86()) {
                        throw notForGuest(g, f.name());
                    }
                }
                case "hyperv" -> hyperv(g, f);
                case "kvm" -> kvm(g, f);
                case "smm" -> smm(g, f);
                case "vmport" -> {
                    // QEMU's vmport is a property of the PC machines only.
                    if (!g.x86() || !Machines.isPc(g.machine()) && !Machines.isQ35(g.machine())) {
                        throw Unsupported.config(name, "vmport is not available with this QEMU binary");
                    }
                }
                case "gic" -> {
                    if (!Machines.isArmVirt(g.machine())) {
                        throw notForGuest(g, "gic");
                    }
                    String version = f.attribute("version");
                    // 'host' is KVM's GIC; QEMU's TCG emulates versions 2 and 3.
                    if (version != null && !version.equals("2") && !version.equals("3")) {
                        throw Unsupported.config(name, "GIC version '" + version + "' is not supported, only 2 and 3");
                    }
                }
                default -> {
                    // acpi, pmu: no constraint on the guests this driver runs
                }
            }
        }
    }

    private static org.jvirt.api.VirtException notForGuest(Guest g, String feature) {
        return Unsupported.config(g.name(), "The '" + feature + "' feature is not supported for architecture '"
                + g.arch() + "' or machine type '" + g.machine() + "'");
    }

    private static void onOff(String name, String what, String value) {
        if (!"on".equals(value) && !"off".equals(value)) {
            throw Unsupported.invalid(name, "invalid value of " + what + ": '" + value + "', only 'on' or 'off'");
        }
    }

    private static void hyperv(Guest g, XmlElement f) {
        String name = g.name();
        if (!g.x86() && !Machines.isArmVirt(g.machine())) {
            throw Unsupported.config(name, "Hyperv features are not supported for architecture '" + g.arch()
                    + "' or machine type '" + g.machine() + "'");
        }
        String mode = f.attribute("mode");
        if (mode != null && !mode.equals("custom") && !mode.equals("passthrough")) {
            throw Unsupported.invalid(name, "unsupported HyperV mode '" + mode + "'");
        }
        for (XmlElement e : f.children()) {
            if (!HYPERV.contains(e.name())) {
                throw Unsupported.config(name, "unsupported HyperV Enlightenment feature: " + e.name());
            }
            onOff(name, "hyperv " + e.name(), e.attribute("state"));
            Set<String> allowed = switch (e.name()) {
                case "spinlocks" -> Set.of("state", "retries");
                case "vendor_id" -> Set.of("state", "value");
                default -> Set.of("state");
            };
            if (!allowed.containsAll(e.attributes().keySet())) {
                throw Unsupported.config(name, "attributes of hyperv <" + e.name() + "> are not supported");
            }
            boolean on = e.attribute("state").equals("on");
            if (e.name().equals("stimer")) {
                for (XmlElement d : e.children()) {
                    if (!d.name().equals("direct") || !d.children().isEmpty()
                            || !d.attributes().keySet().equals(Set.of("state"))) {
                        throw Unsupported.config(name, "hyperv <stimer><" + d.name() + "> is not supported");
                    }
                    onOff(name, "hyperv stimer direct", d.attribute("state"));
                }
            } else if (!e.children().isEmpty()) {
                throw Unsupported.config(name, "hyperv <" + e.name() + "> with content is not supported");
            }
            if (on && e.name().equals("spinlocks")) {
                String retries = e.attribute("retries");
                if (retries == null || !retries.matches("[0-9]{1,10}") || Long.parseLong(retries) < 0xfff
                        || Long.parseLong(retries) > 0xffffffffL) {
                    throw Unsupported.invalid(name, "HyperV spinlock retry count must be at least 4095");
                }
            }
            if (on && e.name().equals("vendor_id")) {
                String value = e.attribute("value");
                if (value == null || value.isEmpty() || value.length() > 12) {
                    throw Unsupported.invalid(name, "HyperV vendor_id value must not be more than 12 characters.");
                }
                if (value.contains(",")) {
                    throw Unsupported.invalid(name, "HyperV vendor_id value must not contain ','");
                }
            }
            if (on && e.name().equals("vpindex") && g.def().type().equals("qemu")) {
                // QEMU's TCG refuses it: "kernel doesn't allow setting HyperV VP_INDEX".
                throw Unsupported.config(name, "the HyperV enlightenment 'vpindex' needs KVM, not QEMU's TCG");
            }
        }
    }

    private static void kvm(Guest g, XmlElement f) {
        for (XmlElement e : f.children()) {
            if (!KVM.contains(e.name())) {
                throw Unsupported.config(g.name(), "unsupported KVM feature: " + e.name());
            }
            onOff(g.name(), "kvm " + e.name(), e.attribute("state"));
            Set<String> allowed = e.name().equals("dirty-ring") ? Set.of("state", "size") : Set.of("state");
            if (!allowed.containsAll(e.attributes().keySet()) || !e.children().isEmpty()) {
                throw Unsupported.config(g.name(), "kvm <" + e.name() + "> with other attributes or content is not"
                        + " supported");
            }
        }
    }

    private static void smm(Guest g, XmlElement f) {
        for (XmlElement e : f.children()) {
            if (!e.name().equals("tseg") || !e.children().isEmpty()
                    || !Set.of("unit").containsAll(e.attributes().keySet())) {
                throw Unsupported.config(g.name(), "feature <smm/>: <" + e.name() + "> is not supported");
            }
            if (!"on".equals(f.attribute("state"))) {
                throw Unsupported.invalid(g.name(), "Unable to parse tseg size unless SMM is turned on");
            }
            if (!Machines.isQ35(g.machine())) {
                throw Unsupported.config(g.name(), "SMM TSEG is only supported with q35 machine type");
            }
            long bytes = tsegBytes(g.name(), e);
            if (bytes % (1 << 20) != 0) {
                throw Unsupported.config(g.name(), "SMM TSEG size must be divisible by 1 MiB");
            }
        }
    }

    private static long tsegBytes(String name, XmlElement tseg) {
        String unit = tseg.attribute("unit") == null ? "MiB" : tseg.attribute("unit");
        Long scale = TSEG_UNITS.get(unit);
        if (scale == null || !tseg.text().strip().matches("[0-9]{1,12}")) {
            throw Unsupported.invalid(name, "invalid TSEG size '" + tseg.text().strip() + "' " + unit);
        }
        return Long.parseLong(tseg.text().strip()) * scale;
    }

    /** The feature, or null. */
    private static XmlElement feature(Guest g, String name) {
        for (XmlElement f : g.def().features()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** {@code ,vmport=on|off}, {@code ,smm=on|off}, {@code ,gic-version=N}: the machine's, in libvirt's order. */
    static String machineProps(Guest g) {
        StringBuilder m = new StringBuilder();
        for (String name : List.of("vmport", "smm")) {
            XmlElement f = feature(g, name);
            if (f != null && f.attribute("state") != null) {
                m.append(',').append(name).append('=').append(f.attribute("state"));
            }
        }
        XmlElement gic = feature(g, "gic");
        if (gic != null && gic.attribute("version") != null) {
            m.append(",gic-version=").append(gic.attribute("version"));
        }
        return m.toString();
    }

    /** The SMM TSEG size of q35's MCH, after {@code -accel} as libvirt writes it. */
    static void globals(Guest g, CommandLine out) {
        XmlElement smm = feature(g, "smm");
        XmlElement tseg = smm == null ? null : smm.child("tseg");
        if (tseg != null) {
            out.arg("-global", "mch.extended-tseg-mbytes=" + (tsegBytes(g.name(), tseg) >> 20));
        }
    }

    /**
     * The {@code -cpu} flags of the definition's features and paravirtual timers, in libvirt's order:
     * timers ({@link ClockCommand#cpuFlags}), {@code kvm-pv-eoi}, {@code kvm-pv-unhalt}, the Hyper-V
     * enlightenments that are on, {@code hv-crash} for a Hyper-V panic device, KVM's, {@code pmu}. Empty
     * when there are none; the CPU model they follow is the {@code -cpu} builder's.
     */
    static List<String> cpuFlags(Guest g) {
        List<String> flags = new ArrayList<>(ClockCommand.cpuFlags(g));
        XmlElement apic = feature(g, "apic");
        if (apic != null && apic.attribute("eoi") != null) {
            flags.add("kvm-pv-eoi=" + apic.attribute("eoi"));
        }
        XmlElement pvspinlock = feature(g, "pvspinlock");
        if (pvspinlock != null && pvspinlock.attribute("state") != null) {
            flags.add("kvm-pv-unhalt=" + pvspinlock.attribute("state"));
        }
        XmlElement hyperv = feature(g, "hyperv");
        if (hyperv != null) {
            if ("passthrough".equals(hyperv.attribute("mode"))) {
                flags.add("hv-passthrough=on");
            }
            for (String name : HYPERV) {
                XmlElement e = hyperv.child(name);
                if (e == null || !"on".equals(e.attribute("state"))) {
                    continue;
                }
                switch (name) {
                    case "spinlocks" -> flags.add("hv-spinlocks=0x" + Long.toHexString(Long.parseLong(e.attribute("retries"))));
                    case "vendor_id" -> flags.add("hv-vendor-id=" + e.attribute("value"));
                    default -> flags.add("hv-" + name + "=on");
                }
                XmlElement direct = name.equals("stimer") ? e.child("direct") : null;
                if (direct != null && "on".equals(direct.attribute("state"))) {
                    flags.add("hv-stimer-direct=on");
                }
            }
        }
        if (g.def().devices().stream().anyMatch(FeatureCommand::isHypervPanic)) {
            flags.add("hv-crash");
        }
        XmlElement kvm = feature(g, "kvm");
        if (kvm != null) {
            for (XmlElement e : kvm.children()) {
                String state = e.attribute("state");
                switch (e.name()) {
                    case "hidden" -> addIf(flags, "on".equals(state), "kvm=off");
                    case "hint-dedicated" -> addIf(flags, "on".equals(state), "kvm-hint-dedicated=on");
                    case "poll-control" -> addIf(flags, "on".equals(state), "kvm-poll-control=on");
                    case "pv-ipi" -> addIf(flags, "off".equals(state), "kvm-pv-ipi=off");
                    default -> {
                        // dirty-ring is -accel kvm's, which a TCG guest does not have
                    }
                }
            }
        }
        XmlElement pmu = feature(g, "pmu");
        if (pmu != null && pmu.attribute("state") != null) {
            flags.add("pmu=" + pmu.attribute("state"));
        }
        return flags;
    }

    private static void addIf(List<String> flags, boolean condition, String flag) {
        if (condition) {
            flags.add(flag);
        }
    }

    /**
     * Whether a device is {@code <panic model='hyperv'/>}: the Hyper-V crash MSRs, a CPU flag
     * ({@code hv-crash}) rather than a device, on x86 guests.
     */
    static boolean isHypervPanic(org.jvirt.model.Device d) {
        return d instanceof UnknownDevice u && u.element().name().equals("panic")
                && u.element().attributes().equals(Map.of("model", "hyperv")) && u.element().children().isEmpty();
    }
}
