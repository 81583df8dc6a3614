package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest CPU libvirt's QEMU driver settles at define: the machine type's default CPU model
 * when the definition names none (qemuDomainDefSetDefaultCPU), then the defaults of the CPU's
 * check and of a host-passthrough CPU's migratability (qemuDomainDefCPUPostParse). The model keeps
 * {@code <cpu>} as an element, already normalised by the core's reading of it; this changes that
 * element. Stateless.
 */
final class DefaultCpu {
    /** The architectures libvirt has a CPU driver for (virCPUArchIsSupported). */
    private static final Set<String> CPU_DRIVER_ARCHES = Set.of("i686", "x86_64", "ppc64", "ppc64le", "s390",
            "s390x", "armv6l", "armv7b", "armv7l", "aarch64");

    private DefaultCpu() {
    }

    /**
     * {@code def} with its CPU as libvirt's QEMU driver completes it on {@code machine}, a machine
     * type of the emulator that runs it.
     */
    static DomainDefinition apply(DomainDefinition def, EmulatorInfo emulator, EmulatorInfo.Machine machine) {
        XmlElement cpu = DomainDefaults.topElement(def, "cpu");
        XmlElement done = checkAndMigratable(withDefaultModel(cpu, def, machine), def, emulator);
        if (done == cpu) {
            return def;
        }
        List<XmlElement> top = new ArrayList<>(def.unknowns().elementsAt(""));
        int at = cpu == null ? -1 : top.indexOf(cpu);
        if (at < 0) {
            top.add(done);
        } else {
            top.set(at, done);
        }
        return def.toBuilder().unknowns(def.unknowns().withElementsAt("", top)).build();
    }

    /**
     * qemuDomainDefSetDefaultCPU: a custom CPU without a model (or none at all) runs the machine's
     * default model, unchecked (QEMU drops what the host lacks), on the architectures whose default
     * QEMU reports usefully — all for TCG, only x86, s390 and POWER for KVM.
     */
    private static XmlElement withDefaultModel(XmlElement cpu, DomainDefinition def, EmulatorInfo.Machine machine) {
        if (cpu != null && (!mode(cpu).equals("custom") || model(cpu) != null)) {
            return cpu;
        }
        String arch = DomainDefaults.arch(def);
        if (!CPU_DRIVER_ARCHES.contains(arch)) {
            return cpu;
        }
        boolean reportsUsefully = DomainDefaults.isX86(arch) || arch.startsWith("s390")
                || arch.startsWith("ppc64");
        if (!reportsUsefully && !def.type().equals("qemu")) {
            return cpu;
        }
        String model = machine.defaultCpu();
        if (model == null) {
            return cpu;
        }
        XmlElement.Builder b;
        if (model.equals("host")) {
            // QEMU's "host" default (KVM-only machines): libvirt passes the host CPU through.
            b = XmlElement.builder("cpu").attribute("mode", "host-passthrough");
        } else {
            b = XmlElement.builder("cpu").attribute("mode", "custom").attribute("match", "exact")
                    .attribute("check", "none")
                    .child(XmlElement.builder("model").attribute("fallback", "forbid").text(model).build());
        }
        if (cpu != null) {
            // A custom CPU without a model has nothing but its topology, cache, NUMA cells...
            for (XmlElement child : cpu.children()) {
                b.child(child);
            }
        }
        return b.build();
    }

    /**
     * qemuDomainDefCPUPostParse: an x86 host-passthrough CPU is migratable unless it says otherwise
     * when QEMU's x86-64 CPUs have the property (libvirt looks at {@code max-x86_64-cpu}), not
     * migratable when they have not; a CPU with a model and no check is checked as libvirt checks
     * that mode: not at all when passed through or TCG's, partly otherwise.
     */
    private static XmlElement checkAndMigratable(XmlElement given, DomainDefinition def, EmulatorInfo emulator) {
        if (given == null) {
            return null;
        }
        XmlElement cpu = withSve(given, def);
        String mode = mode(cpu);
        String migratable = cpu.attribute("migratable");
        if (mode.equals("host-passthrough") && migratable == null) {
            if (emulator.hasType("max-x86_64-cpu")) {
                migratable = "on";
            } else if (DomainDefaults.isX86(DomainDefaults.arch(def))) {
                migratable = "off";
            }
        }
        String check = cpu.attribute("check");
        boolean modelless = mode.equals("custom") && model(cpu) == null;
        if (check == null && !modelless) {
            check = switch (mode) {
                case "host-passthrough", "maximum" -> "none";
                case "host-model" -> "partial";
                default -> def.type().equals("qemu") ? "none" : "partial";
            };
        }
        if (java.util.Objects.equals(check, cpu.attribute("check"))
                && java.util.Objects.equals(migratable, cpu.attribute("migratable"))) {
            return cpu.equals(given) ? given : cpu;
        }
        // libvirt writes mode, match, check, migratable in this order (virCPUDefFormatBufFull).
        XmlElement.Builder b = XmlElement.builder("cpu");
        if (!modelless) {
            b.attribute("mode", mode);
            if (cpu.attribute("match") != null) {
                b.attribute("match", cpu.attribute("match"));
            }
        }
        if (check != null) {
            b.attribute("check", check);
        }
        if (migratable != null) {
            b.attribute("migratable", migratable);
        }
        for (XmlElement child : cpu.children()) {
            b.child(child);
        }
        return b.build();
    }

    /**
     * qemuDomainDefCPUPostParse's SVE: vector lengths ({@code sve128}...) need SVE itself, which is
     * then required (added after the other features when absent); SVE disabled or forbidden beside
     * them is refused.
     */
    private static XmlElement withSve(XmlElement cpu, DomainDefinition def) {
        XmlElement sve = null;
        boolean lengths = false;
        for (XmlElement f : cpu.children()) {
            String name = f.name().equals("feature") ? f.attribute("name") : null;
            if ("sve".equals(name)) {
                sve = f;
            } else if (name != null && name.startsWith("sve")) {
                lengths = true;
            }
        }
        if (!lengths) {
            return cpu;
        }
        if (sve != null) {
            String policy = sve.attribute("policy");
            if ("disable".equals(policy) || "forbid".equals(policy)) {
                throw org.jvirt.api.VirtException.of(org.jvirt.api.ErrorCode.CONFIG_UNSUPPORTED,
                        org.jvirt.api.ErrorDomain.QEMU, "SVE disabled, but SVE vector lengths provided", def.name());
            }
            if ("require".equals(policy)) {
                return cpu;
            }
        }
        XmlElement required = XmlElement.builder("feature").attribute("policy", "require").attribute("name", "sve")
                .build();
        XmlElement.Builder b = XmlElement.builder("cpu");
        cpu.attributes().forEach(b::attribute);
        int lastFeature = -1;
        for (int i = 0; i < cpu.children().size(); i++) {
            if (cpu.children().get(i).name().equals("feature")) {
                lastFeature = i;
            }
        }
        for (int i = 0; i < cpu.children().size(); i++) {
            XmlElement child = cpu.children().get(i);
            b.child(child == sve ? required : child);
            if (i == lastFeature && sve == null) {
                b.child(required);
            }
        }
        return b.build();
    }

    private static String mode(XmlElement cpu) {
        return cpu.attribute("mode") == null ? "custom" : cpu.attribute("mode");
    }

    private static String model(XmlElement cpu) {
        XmlElement model = cpu.child("model");
        return model == null || model.text().isEmpty() ? null : model.text();
    }
}
