package org.jvirt.driver.qemu.domain;

import java.util.Map;
import org.jvirt.model.CharDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * A serial port's target as libvirt's QEMU driver completes it (qemuDomainChrDefPostParse): the
 * machine's kind of port when the definition names none ({@code isa-serial} on x86,
 * {@code spapr-vio-serial} on pSeries, {@code system-serial} on the virt boards, {@code sclp-serial}
 * on s390), and the device model of its kind ({@code <model name=>} inside {@code <target>}).
 * Stateless.
 */
final class SerialTargets {
    /** The device model of each target type (virDomainChrSerialTargetModel by target type). */
    private static final Map<String, String> MODELS = Map.of(
            "isa-serial", "isa-serial",
            "usb-serial", "usb-serial",
            "pci-serial", "pci-serial",
            "spapr-vio-serial", "spapr-vty",
            "sclp-serial", "sclpconsole",
            "isa-debug", "isa-debugcon");

    private SerialTargets() {
    }

    static CharDevice apply(CharDevice serial, DomainDefinition def) {
        String arch = DomainDefaults.arch(def);
        String machine = DeviceDefaults.machine(def);
        String type = serial.targetType();
        if (type == null) {
            if (arch.equals("i686") || arch.equals("x86_64")) {
                type = "isa-serial";
            } else if (arch.startsWith("ppc64") && (machine.equals("pseries") || machine.startsWith("pseries-"))) {
                type = "spapr-vio-serial";
            } else if (DeviceDefaults.isVirt(machine) && (arch.startsWith("arm") || arch.equals("aarch64")
                    || arch.startsWith("riscv"))) {
                type = "system-serial";
            } else if (arch.startsWith("s390")) {
                type = "sclp-serial";
            }
        }
        CharDevice done = type == null || type.equals(serial.targetType()) ? serial
                : serial.toBuilder().target(type, serial.targetPort()).build();
        boolean hasModel = done.unknowns().elementsAt("target").stream().anyMatch(e -> e.name().equals("model"));
        String model = hasModel || type == null ? null : model(type, arch, machine);
        if (model == null) {
            return done;
        }
        XmlElement element = XmlElement.builder("model").attribute("name", model).build();
        return done.toBuilder().unknowns(done.unknowns().withElementsAt("target",
                DeviceDefaults.with(done.unknowns().elementsAt("target"), element))).build();
    }

    private static String model(String type, String arch, String machine) {
        if (type.equals("system-serial")) {
            if (!DeviceDefaults.isVirt(machine)) {
                return null;
            }
            return arch.startsWith("riscv") ? "16550a" : "pl011";
        }
        return MODELS.get(type);
    }
}
