package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InputDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * What an HVM guest's device model emulates besides disks, interfaces and ports:
 * {@code device_model} (the emulator), {@code usbdevice} ({@code mouse}, {@code tablet} or
 * {@code keyboard} on the USB bus; other USB devices are not libvirt's input devices and the
 * setting is then left as it is) and {@code soundhw} (sound cards, comma separated; {@code all}
 * is the two Xen's device model always had, {@code sb16} and {@code es1370}; a card named twice
 * is one card). Paravirtual guests have none of these. Stateless.
 */
final class EmulatedDevices {
    private static final System.Logger LOG = System.getLogger(EmulatedDevices.class.getName());
    private static final Set<String> USB_INPUTS = Set.of("mouse", "tablet", "keyboard");
    private static final Set<String> SOUND_MODELS = Set.of("sb16", "es1370", "ac97", "ich6", "ich7", "ich9", "pcspk",
            "usb");

    private EmulatedDevices() {
    }

    /** {@code <emulator>}, or nothing. */
    static List<XmlElement> emulator(XmSettings s, boolean hvm) {
        String model = hvm ? s.string("device_model") : null;
        return model == null ? List.of() : List.of(Xml.text("emulator", model));
    }

    /** The USB input device, or nothing. */
    static List<XmlElement> usbInput(XmSettings s, boolean hvm) {
        String usb = hvm ? s.peekString("usbdevice") : null;
        if (usb == null || !USB_INPUTS.contains(usb)) {
            if (usb != null) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: usbdevice ''{1}'' is no input device; left as it is",
                        s.fileName(), usb);
            }
            return List.of();
        }
        s.markRead("usbdevice");
        return List.of(Xml.empty("input", "type", usb, "bus", "usb"));
    }

    /** The sound cards. */
    static List<XmlElement> sound(XmSettings s, boolean hvm) {
        String soundhw = hvm ? s.string("soundhw") : null;
        if (soundhw == null) {
            return List.of();
        }
        Set<String> models = new LinkedHashSet<>();
        for (String model : soundhw.split(",", -1)) {
            String m = model.strip();
            if (m.equals("all")) {
                models.add("sb16");
                models.add("es1370");
            } else if (SOUND_MODELS.contains(m)) {
                models.add(m);
            } else {
                throw XmErrors.setting(s.position("soundhw"), "soundhw", "names '" + m + "', which is no sound card ("
                        + String.join(", ", SOUND_MODELS.stream().sorted().toList()) + ", all)");
            }
        }
        List<XmlElement> out = new ArrayList<>();
        models.forEach(m -> out.add(Xml.empty("sound", "model", m)));
        return out;
    }

    static void writeEmulator(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        if (hvm) {
            Boot.put(out, "device_model", def.emulator());
        }
    }

    static void writeUsbInput(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        if (hvm) {
            def.devices(InputDevice.class).stream().filter(i -> "usb".equals(i.bus()) && USB_INPUTS.contains(i.type()))
                    .findFirst().ifPresent(i -> out.put("usbdevice", XmValue.of(i.type())));
        }
    }

    static void writeSound(DomainDefinition def, boolean hvm, Map<String, XmValue> out) {
        List<SoundDevice> sounds = def.devices(SoundDevice.class);
        if (sounds.isEmpty()) {
            return;
        }
        if (!hvm) {
            throw XmErrors.unsupported(def.name(), "a paravirtual guest has no sound card");
        }
        Set<String> models = new LinkedHashSet<>();
        sounds.forEach(d -> models.add(d.model()));
        out.put("soundhw", XmValue.of(String.join(",", models)));
    }
}
