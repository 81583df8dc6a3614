package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.List;
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
        String type = serial.targetType();
        if (type == null) {
            if (DomainDefaults.isX86(arch)) {
                type = "isa-serial";
            } else if (DomainDefaults.isPSeries(def)) {
                type = "spapr-vio-serial";
            } else if (DomainDefaults.isArmVirt(def) || DomainDefaults.isRiscvVirt(def)) {
                type = "system-serial";
            } else if (arch.startsWith("s390")) {
                type = "sclp-serial";
            }
        }
        CharDevice done = type == null || type.equals(serial.targetType()) ? serial
                : serial.toBuilder().target(type, serial.targetPort()).build();
        List<XmlElement> atTarget = done.unknowns().elementsAt("target");
        boolean hasModel = atTarget.stream().anyMatch(e -> e.name().equals("model"));
        String model = hasModel || type == null ? null : model(type, def);
        if (model == null) {
            return done;
        }
        List<XmlElement> withModel = new ArrayList<>(atTarget);
        withModel.add(XmlElement.builder("model").attribute("name", model).build());
        return done.toBuilder().unknowns(done.unknowns().withElementsAt("target", withModel)).build();
    }

    private static String model(String type, DomainDefinition def) {
        if (type.equals("system-serial")) {
            return DomainDefaults.isArmVirt(def) ? "pl011" : DomainDefaults.isRiscvVirt(def) ? "16550a" : null;
        }
        return MODELS.get(type);
    }
}
