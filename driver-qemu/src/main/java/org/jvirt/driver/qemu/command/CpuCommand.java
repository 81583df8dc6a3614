package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest CPU and vCPU part of a command line, as libvirt 9's {@code qemuBuildCpuCommandLine} and
 * {@code qemuBuildSmpCommandLine} write it: {@code -cpu MODEL[,feature=on|off...][,flags...]} and
 * {@code -smp N[,maxcpus=M],sockets=,[dies=,]cores=,threads=}. What the definition's {@code <cpu>} says
 * that QEMU cannot run is refused by {@link #validate} first. Stateless.
 */
final class CpuCommand {
    /**
     * libvirt's names of x86 CPU features that QEMU spells otherwise ({@code virQEMUCapsCPUFeaturesX86}).
     */
    private static final Map<String, String> X86_FEATURE_NAMES = Map.ofEntries(Map.entry("cmp_legacy", "cmp-legacy"),
            Map.entry("ds_cpl", "ds-cpl"), Map.entry("fxsr_opt", "fxsr-opt"), Map.entry("kvm_pv_eoi", "kvm-pv-eoi"),
            Map.entry("kvm_pv_unhalt", "kvm-pv-unhalt"), Map.entry("lahf_lm", "lahf-lm"),
            Map.entry("nodeid_msr", "nodeid-msr"), Map.entry("pclmuldq", "pclmulqdq"),
            Map.entry("perfctr_core", "perfctr-core"), Map.entry("perfctr_nb", "perfctr-nb"),
            Map.entry("tsc_adjust", "tsc-adjust"));

    private CpuCommand() {
    }

    /**
     * Refuses a {@code <cpu>} QEMU cannot run as libvirt 9 does at start ({@code qemuProcessUpdateGuestCPU}):
     * host-passthrough needs the host's own CPU under KVM; a custom model must be one the emulator has.
     */
    static void validate(Guest g) {
        GuestCpu cpu = GuestCpu.of(g.def());
        if (cpu == null || !cpu.understood()) {
            return; // no <cpu>, or one refused whole as unmodelled
        }
        // host-passthrough copies the host's CPU, which only KVM can; host-model derives from what the
        // accelerator runs of the host's own architecture (libvirt's virQEMUCapsIsCPUModeSupported)
        boolean onHostArch = runsNatively(hostArch(), g.arch());
        boolean supported = switch (cpu.mode()) {
            case "host-passthrough" -> "kvm".equals(g.def().type()) && onHostArch;
            case "host-model" -> onHostArch;
            default -> true;
        };
        if (!supported) {
            throw Unsupported.config(g.name(), "CPU mode '" + cpu.mode() + "' for " + g.arch() + " " + g.def().type()
                    + " domain on " + hostArch() + " host is not supported by hypervisor");
        }
        if (cpu.mode().equals("custom") && cpu.model() != null && !g.emu().cpuModels().isEmpty()
                && !g.emu().cpuModels().contains(cpu.model())) {
            throw Unsupported.config(g.name(), "CPU model " + cpu.model() + " is not supported by hypervisor");
        }
    }

    /** Whether a guest of {@code guest} architecture runs natively on a {@code host} (virQEMUCapsGuestIsNative). */
    private static boolean runsNatively(String host, String guest) {
        return host.equals(guest) || host.equals("x86_64") && guest.equals("i686")
                || host.equals("aarch64") && guest.equals("armv7l");
    }

    /** libvirt's name of the host's architecture ({@code x86_64}, {@code aarch64}). */
    private static String hostArch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64" -> "x86_64";
            case "x86", "i386" -> "i686";
            default -> a;
        };
    }

    /** {@code -cpu}, when the guest needs other than the emulator's default CPU. */
    static void cpu(Guest g, CommandLine out) {
        DomainDefinition def = g.def();
        GuestCpu cpu = GuestCpu.of(def);
        StringBuilder model = new StringBuilder();
        if (cpu != null && (!cpu.mode().equals("custom") || cpu.model() != null)) {
            switch (cpu.mode()) {
                case "host-passthrough" -> model.append("host");
                // QEMU's TCG has no host CPU to copy: its "max" is what libvirt derives host-model from.
                case "host-model", "maximum" -> model.append(g.accel() != null && g.accel().equals("kvm")
                        && cpu.mode().equals("host-model") ? "host" : "max");
                default -> model.append(cpu.model());
            }
            if (cpu.vendorId() != null) {
                model.append(",vendor=").append(cpu.vendorId());
            }
            for (GuestCpu.Feature f : cpu.features()) {
                String name = g.x86() ? X86_FEATURE_NAMES.getOrDefault(f.name(), f.name()) : f.name();
                switch (f.policy()) {
                    case "force", "require" -> model.append(',').append(name).append("=on");
                    case "disable", "forbid" -> model.append(',').append(name).append("=off");
                    default -> { } // optional: the model decides
                }
            }
        } else if (g.arch().equals("i686") && def.emulator() != null && def.emulator().contains("x86_64")) {
            // a 32-bit guest on the 64-bit emulator, whose default CPU is 64-bit
            model.append("qemu32");
        }
        StringBuilder flags = new StringBuilder();
        for (String flag : otherFlags(g)) {
            flags.append(',').append(flag);
        }
        if (cpu != null && cpu.cacheMode() != null) {
            boolean passthrough = cpu.mode().equals("host-passthrough") || cpu.mode().equals("maximum");
            switch (cpu.cacheMode()) {
                case "emulate" -> flags.append(",l3-cache=on").append(passthrough ? ",host-cache-info=off" : "");
                case "passthrough" -> flags.append(",host-cache-info=on,l3-cache=off");
                default -> flags.append(passthrough ? ",host-cache-info=off" : "").append(",l3-cache=off");
            }
        }
        if (!flags.isEmpty() && model.isEmpty()) {
            if (!g.x86()) {
                throw Unsupported.config(g.name(), "CPU flags requested but can't determine default CPU for arch " + g.arch());
            }
            model.append(g.arch().equals("x86_64") ? "qemu64" : "qemu32");
        }
        if (!model.isEmpty()) {
            out.arg("-cpu", model.append(flags).toString());
        }
    }

    /**
     * The {@code -cpu} flags other parts of the definition contribute after the model's features, in
     * libvirt's order: paravirtual timers ({@code kvmclock}, {@code hv-time}), {@code kvm-pv-eoi},
     * {@code kvm-pv-unhalt}, the Hyper-V enlightenments, {@code hv-crash}, the KVM features, {@code pmu}.
     * These are {@link FeatureCommand#cpuFlags}'.
     */
    static List<String> otherFlags(Guest g) {
        return FeatureCommand.cpuFlags(g);
    }

    /**
     * {@code -smp}: the vCPUs present at start (not counting those hot-plugged after it), the most the
     * guest may have, and their arrangement — the definition's {@code <topology>}, else one socket each.
     */
    static void smp(Guest g, CommandLine out) {
        DomainDefinition def = g.def();
        int max = def.vcpus();
        int present = coldPluggedVcpus(def);
        StringBuilder s = new StringBuilder(Integer.toString(present));
        if (present != max) {
            s.append(",maxcpus=").append(max);
        }
        GuestCpu cpu = GuestCpu.of(def);
        if (cpu != null && cpu.hasTopology()) {
            s.append(",sockets=").append(cpu.sockets()).append(",dies=").append(cpu.dies()).append(",cores=")
                    .append(cpu.cores()).append(",threads=").append(cpu.threads());
        } else {
            s.append(",sockets=").append(max).append(",cores=1,threads=1");
        }
        out.arg("-smp", s.toString());
    }

    /**
     * The {@code -device} properties of the vCPUs that are enabled at start but hot-pluggable, which
     * libvirt plugs over QMP before the guest runs ({@code qemuProcessSetupHotpluggableVcpus}), in their
     * {@code order}: vCPU N goes into QEMU's Nth slot, slots ordered by socket, die, core and thread, and
     * is named {@code vcpuN}.
     *
     * @param slots QEMU's {@code query-hotpluggable-cpus} entries
     */
    static List<Map<String, Object>> hotpluggedVcpus(DomainDefinition def, List<Map<String, Object>> slots) {
        XmlElement vcpus = DomainDefaults.topElement(def, "vcpus");
        if (vcpus == null) {
            return List.of();
        }
        List<Map<String, Object>> sorted = new java.util.ArrayList<>(slots);
        sorted.sort(java.util.Comparator.comparingLong((Map<String, Object> e) -> slotId(e, "socket-id"))
                .thenComparingLong(e -> slotId(e, "die-id")).thenComparingLong(e -> slotId(e, "core-id"))
                .thenComparingLong(e -> slotId(e, "thread-id")));
        List<XmlElement> plugged = new java.util.ArrayList<>();
        for (XmlElement v : vcpus.children()) {
            if ("yes".equals(v.attribute("enabled")) && "yes".equals(v.attribute("hotpluggable"))) {
                plugged.add(v);
            }
        }
        plugged.sort(java.util.Comparator.comparingInt(v -> v.attribute("order") == null ? Integer.MAX_VALUE
                : Integer.parseInt(v.attribute("order"))));
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (XmlElement v : plugged) {
            int id = Integer.parseInt(v.attribute("id"));
            if (id >= sorted.size()) {
                throw Unsupported.config(def.name(), "vCPU " + id + " has no slot in QEMU's topology");
            }
            Map<String, Object> slot = sorted.get(id);
            Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("driver", slot.get("type"));
            d.put("id", "vcpu" + id);
            if (slot.get("props") instanceof Map<?, ?> props) {
                props.forEach((k, val) -> d.put(String.valueOf(k), val));
            }
            out.add(d);
        }
        return out;
    }

    private static long slotId(Map<String, Object> entry, String key) {
        return entry.get("props") instanceof Map<?, ?> p && p.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /**
     * How many vCPUs QEMU starts with: the enabled ones that are not hot-pluggable, by {@code <vcpus>}
     * when the definition has it, else the current count.
     */
    static int coldPluggedVcpus(DomainDefinition def) {
        XmlElement vcpus = DomainDefaults.topElement(def, "vcpus");
        if (vcpus == null) {
            return def.currentVcpus();
        }
        int n = 0;
        for (XmlElement v : vcpus.children()) {
            if ("yes".equals(v.attribute("enabled")) && !"yes".equals(v.attribute("hotpluggable"))) {
                n++;
            }
        }
        return n;
    }
}
