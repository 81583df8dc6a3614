package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.InputDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * An HVM guest's USB pointer and sound cards, in its image: {@code (usb 1)}, then
 * {@code (usbdevice mouse)} or {@code (usbdevice tablet)}, and {@code (soundhw 'sb16,es1370')},
 * where {@code all} means every model. The PS/2 mouse and keyboard are always there, and a
 * paravirtualised guest's pointer is its vfb's.
 */
final class InputSoundSection {
    /** The sound cards xend's qemu-dm had, in libvirt 0.4.4's order (its {@code sound_models}). */
    static final List<String> SOUND_MODELS = List.of("sb16", "es1370");

    private InputSoundSection() {
    }

    /** An HVM guest's USB mice and tablets. */
    static List<XmlElement> readInputs(SxpGuest g) {
        List<XmlElement> inputs = new ArrayList<>();
        if (!g.hvm) {
            return inputs;
        }
        SexprList image = g.root.find("domain/image/hvm").orElseThrow();
        for (SexprList usb : image.entries("usbdevice")) {
            String device = SxpGuest.text(usb, "usbdevice").orElse("");
            if (device.equals("tablet") || device.equals("mouse")) {
                inputs.add(XmlElement.builder("input").attribute("type", device).attribute("bus", "usb").build());
            }
        }
        return inputs;
    }

    /**
     * An HVM guest's sound cards, as libvirt 0.4.4's sound_string_to_xml read {@code soundhw}: unknown
     * models are left out, a model named again later counts there, and {@code all} is every model.
     */
    static List<XmlElement> readSound(SxpGuest g) {
        List<XmlElement> sounds = new ArrayList<>();
        String soundhw = g.hvm ? g.nonEmpty(g.image("soundhw")) : null;
        if (soundhw == null) {
            return sounds;
        }
        String[] models = soundhw.split(",", -1);
        for (int i = 0; i < models.length; i++) {
            if (models[i].equals("all")) {
                sounds.clear();
                SOUND_MODELS.forEach(m -> sounds.add(sound(m)));
                break;
            }
            boolean later = List.of(models).subList(i + 1, models.length).contains(models[i]);
            if (SOUND_MODELS.contains(models[i]) && !later) {
                sounds.add(sound(models[i]));
            }
        }
        return sounds;
    }

    private static XmlElement sound(String model) {
        return XmlElement.builder("sound").attribute("model", model).build();
    }

    /**
     * {@code (usb 1)} and a {@code (usbdevice)} for each USB mouse or tablet of an HVM guest.
     *
     * @throws org.jvirt.api.VirtException XML_ERROR for an input device xend does not have
     */
    static void writeInputs(DefGuest w, List<Sexpr> image) {
        image.add(Sexpr.entry("usb", "1"));
        for (InputDevice input : w.def.devices(InputDevice.class)) {
            String type = input.type() == null ? "" : input.type();
            String bus = input.bus();
            boolean implicit = bus == null || bus.equals("ps2") || bus.equals("xen");
            if ((type.equals("mouse") || type.equals("keyboard")) && implicit) {
                continue; // PS/2, always there
            }
            if (type.equals("mouse") && bus.equals("usb") || type.equals("tablet") && (bus == null || bus.equals("usb"))) {
                image.add(Sexpr.entry("usbdevice", type));
            } else {
                throw XendErrors.xml("invalid input device: xend has no " + type + " on bus " + bus);
            }
        }
    }

    /**
     * {@code (soundhw)} of an HVM guest with sound cards: each model once, in order.
     *
     * @throws org.jvirt.api.VirtException XML_ERROR for a card without a model or of a model xend lacks
     */
    static void writeSound(DefGuest w, List<Sexpr> image) {
        Set<String> models = new LinkedHashSet<>();
        for (SoundDevice sound : w.def.devices(SoundDevice.class)) {
            if (sound.model() == null) {
                throw XendErrors.xml("no model for sound device");
            }
            if (!SOUND_MODELS.contains(sound.model())) {
                throw XendErrors.xml("unknown sound model type '" + sound.model() + "': xend has " + SOUND_MODELS);
            }
            models.add(sound.model());
        }
        if (!models.isEmpty()) {
            image.add(Sexpr.entry("soundhw", String.join(",", models)));
        }
    }

    /**
     * Refuses, for a paravirtualised guest, sound cards and any pointer but its vfb's mouse and
     * keyboard (on the Xen bus, as libvirt 9 gives them).
     */
    static void check(DefGuest w) {
        if (w.hvm) {
            return;
        }
        if (!w.def.devices(SoundDevice.class).isEmpty()) {
            throw XendErrors.unsupported("a paravirtualised guest has no sound card in xend (domain '" + w.name() + "')");
        }
        for (InputDevice input : w.def.devices(InputDevice.class)) {
            boolean vfb = ("mouse".equals(input.type()) || "keyboard".equals(input.type()))
                    && (input.bus() == null || input.bus().equals("xen"));
            if (!vfb) {
                throw XendErrors.unsupported("a paravirtualised guest's pointer is its vfb's, not a " + input.type()
                        + " on bus " + input.bus() + " (domain '" + w.name() + "')");
            }
        }
    }
}
