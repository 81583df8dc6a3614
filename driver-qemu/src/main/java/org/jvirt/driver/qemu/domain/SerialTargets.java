package org.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
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

    /** libvirt's limit on ISA serial ports (VIR_MAX_ISA_SERIAL_PORTS). */
    private static final int MAX_ISA_PORTS = 4;

    /**
     * virDomainChrIsaSerialDefPostParse's refusals: an x86 guest has at most four ISA serial ports (those
     * of target type {@code isa-serial}, or none, which becomes it), ports 0 to 3, each port once.
     *
     * @throws VirtException INTERNAL_ERROR in libvirt's words
     */
    static void checkIsaPorts(DomainDefinition def) {
        if (!DomainDefaults.isX86(DomainDefaults.arch(def))) {
            return;
        }
        boolean[] used = new boolean[MAX_ISA_PORTS];
        int count = 0;
        for (CharDevice c : def.devices(CharDevice.class)) {
            if (!c.kind().equals("serial") || c.targetType() != null && !c.targetType().equals("isa-serial")) {
                continue;
            }
            Integer port = c.targetPort();
            if (count++ >= MAX_ISA_PORTS || port != null && port >= MAX_ISA_PORTS) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                        "Maximum supported number of ISA serial ports is '" + MAX_ISA_PORTS + "'",
                        def.name());
            }
            if (port != null) {
                if (used[port]) {
                    throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                            "target port '" + port + "' already allocated", def.name());
                }
                used[port] = true;
            }
        }
    }

    private static String model(String type, DomainDefinition def) {
        if (type.equals("system-serial")) {
            return DomainDefaults.isArmVirt(def) ? "pl011" : DomainDefaults.isRiscvVirt(def) ? "16550a" : null;
        }
        return MODELS.get(type);
    }
}
