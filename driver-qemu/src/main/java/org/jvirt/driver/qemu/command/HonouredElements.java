package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The parts of a definition the model keeps as elements but the command line honours, most of them
 * defaults libvirt's QEMU driver adds at define: a {@code <cpu>} naming only a custom model
 * ({@code -cpu}), the {@code none} audio backend ({@code -audiodev}), a serial port's device model
 * when it is its target type's own, a character device's options {@link CharOptions} reads, a video
 * model's sizes and acceleration {@link VideoValidate} checks, a console's options {@link GraphicsValidate}
 * checks, the firmware panic device of pSeries and s390, the numbering and counts of controllers. {@link #strip} removes them so that only what the command line cannot
 * honour is refused as unmodelled. Stateless.
 */
final class HonouredElements {
    private static final Set<String> CPU_ATTRIBUTES = Set.of("mode", "match", "check");
    /**
     * The device model libvirt gives each serial target type, which says nothing the target type does
     * not (the command line refuses the target types it cannot build, with their own message).
     */
    private static final Map<String, String> SERIAL_MODELS = Map.of("isa-serial", "isa-serial",
            "usb-serial", "usb-serial", "pci-serial", "pci-serial", "spapr-vio-serial", "spapr-vty",
            "system-serial", "pl011", "sclp-serial", "sclpconsole", "isa-debug", "isa-debugcon");

    /** A controller's child elements and attributes {@link ControllerCommand} honours. */
    private static final Set<String> CONTROLLER_ELEMENTS = Set.of("model", "target", "master");
    private static final Set<String> CONTROLLER_ATTRIBUTES = Set.of("ports", "vectors");

    private HonouredElements() {
    }

    /**
     * The CPU model of a {@code <cpu mode='custom' match='exact'><model>NAME</model></cpu>} (any
     * check, any fallback), which {@code -cpu NAME} runs; null for no {@code <cpu>} or any other.
     */
    static String cpuModel(DomainDefinition def) {
        XmlElement cpu = DomainDefaults.topElement(def, "cpu");
        if (cpu == null || !cpu.text().isBlank() || !CPU_ATTRIBUTES.containsAll(cpu.attributes().keySet())
                || !"custom".equals(cpu.attribute("mode")) || !"exact".equals(cpu.attribute("match"))
                || cpu.children().size() != 1) {
            return null;
        }
        XmlElement model = cpu.child("model");
        if (model == null || model.text().isBlank() || !model.children().isEmpty()
                || !Set.of("fallback").containsAll(model.attributes().keySet())) {
            return null;
        }
        return model.text().strip();
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

    /** {@code def} without what the command line honours of what the model does not understand. */
    static DomainDefinition strip(DomainDefinition def) {
        DomainDefinition.Builder b = null;
        if (cpuModel(def) != null) {
            List<XmlElement> top = new ArrayList<>(def.unknowns().elementsAt(""));
            top.removeIf(e -> e.name().equals("cpu"));
            b = def.toBuilder().unknowns(def.unknowns().withElementsAt("", top));
        }
        List<Device> devices = new ArrayList<>(def.devices().size());
        boolean changed = false;
        for (Device d : def.devices()) {
            if (isDefaultAudio(d) || isFirmwarePanic(d)) {
                changed = true;
                continue;
            }
            Device kept = d instanceof CharDevice c ? CharOptions.withoutHonoured(withoutSerialModel(c))
                    : d instanceof ControllerDevice c ? withoutControllerOptions(c)
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
        if (!Set.of("pci", "usb", "virtio-serial").contains(c.type()) || c.unknowns().isEmpty()) {
            return c;
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
