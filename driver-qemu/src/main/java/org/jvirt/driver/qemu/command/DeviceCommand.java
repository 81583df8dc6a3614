package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.InputDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The devices other than disks, interfaces and character devices on the command line: the
 * controllers the driver emulates, input devices (and the USB controller some of them need), sound
 * cards (the memory balloon is {@link BalloonCommand}'s, video adapters {@link VideoCommand}'s, graphics
 * consoles {@link GraphicsCommand}'s).
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class DeviceCommand {
    private DeviceCommand() {
    }

    static String inputType(InputDevice in) {
        return in.type() == null ? "mouse" : in.type();
    }

    /** An input's bus: its own, else PS/2 on x86 and USB elsewhere. */
    static String inputBus(InputDevice in, Guest g) {
        return in.bus() == null ? (g.x86() ? "ps2" : "usb") : in.bus();
    }

    static void inputs(Guest g, CommandLine out) {
        int i = 0;
        for (InputDevice in : g.def().devices(InputDevice.class)) {
            String type = inputType(in);
            switch (inputBus(in, g)) {
                case "ps2" -> {
                    // The PC's i8042 controller is always there.
                }
                case "usb" -> {
                    out.usb(g);
                    String drv = switch (type) {
                        case "mouse" -> "usb-mouse";
                        case "tablet" -> "usb-tablet";
                        case "keyboard" -> "usb-kbd";
                        default -> throw new IllegalStateException("input '" + type + "' was not validated");
                    };
                    Map<String, Object> p = Json.object("driver", drv, "id", "input" + i);
                    if (in.address() == null) {
                        p.put("bus", "usb.0");
                    }
                    DeviceProps.address(p, in.address(), g.def());
                    out.device(p);
                }
                case "virtio" -> {
                    String drv = switch (type) {
                        case "mouse" -> "virtio-mouse-pci";
                        case "tablet" -> "virtio-tablet-pci";
                        case "keyboard" -> "virtio-keyboard-pci";
                        case "passthrough" -> "virtio-input-host-pci";
                        default -> throw new IllegalStateException("input '" + type + "' was not validated");
                    };
                    Map<String, Object> p = Json.object("driver", DeviceProps.virtio(drv, in.address()), "id", "input" + i);
                    if (type.equals("passthrough")) {
                        p.put("evdev", PassthroughInputs.evdev(in));
                    }
                    DeviceProps.address(p, in.address(), g.def());
                    out.device(p);
                }
                default -> throw new IllegalStateException("input bus '" + in.bus() + "' was not validated");
            }
            i++;
        }
    }

    static String soundModel(SoundDevice s) {
        return s.model() == null ? "ich6" : s.model();
    }

    /**
     * The audio backends ({@code <audio>}, libvirt 9's; each {@code none}: the host's sound is not the
     * guest's), or one for sound cards in a definition that names none.
     */
    static void audio(Guest g, CommandLine out) {
        List<XmlElement> audios = audios(g);
        for (XmlElement a : audios) {
            out.arg("-audiodev", Json.write(Json.object("id", "audio" + a.attribute("id"), "driver", a.attribute("type"))));
        }
        if (audios.isEmpty() && !g.def().devices(SoundDevice.class).isEmpty()) {
            out.arg("-audiodev", Json.write(Json.object("id", "audio1", "driver", "none")));
        }
    }

    /** The definition's {@code <audio>} elements, which the model keeps unparsed. */
    static List<XmlElement> audios(Guest g) {
        return g.def().devices().stream().filter(d -> d instanceof UnknownDevice u && u.elementName().equals("audio"))
                .map(d -> ((UnknownDevice) d).element()).toList();
    }

    /** Sound cards, as libvirt's qemuBuildSoundCommandLine: HDA controllers with a duplex codec each. */
    static void sounds(Guest g, CommandLine out) {
        List<XmlElement> audios = audios(g);
        String audiodev = "audio" + (audios.isEmpty() ? "1" : audios.get(0).attribute("id"));
        int i = 0;
        for (SoundDevice s : g.def().devices(SoundDevice.class)) {
            String model = soundModel(s);
            String id = "sound" + i++;
            if (model.equals("pcspk")) {
                continue; // the PC's own speaker, given its audio backend on -machine (pcspkAudiodev)
            }
            String driver = switch (model) {
                case "es1370" -> "ES1370";
                case "ac97" -> "AC97";
                case "sb16" -> "sb16";
                case "ich6" -> "intel-hda";
                case "ich9" -> "ich9-intel-hda";
                default -> throw new IllegalStateException("sound model '" + model + "' was not validated");
            };
            boolean hda = model.equals("ich6") || model.equals("ich9");
            Map<String, Object> p = Json.object("driver", driver, "id", id);
            if (!hda) {
                p.put("audiodev", audiodev);
            }
            DeviceProps.address(p, s.address(), g.def());
            out.device(p);
            if (hda) {
                // the codec the audio backend is given to
                out.device(Json.object("driver", "hda-duplex", "id", id + "-codec0", "bus", id + ".0", "cad", 0,
                        "audiodev", audiodev));
            }
        }
    }

    /**
     * The audio backend of the PC speaker, for {@code -machine pcspk-audiodev=} (QEMU 7.1 removed
     * {@code -soundhw pcspk}, which libvirt 9.0 still writes); null without a {@code <sound model='pcspk'>}.
     */
    static String pcspkAudiodev(Guest g) {
        if (g.def().devices(SoundDevice.class).stream().noneMatch(s -> soundModel(s).equals("pcspk"))) {
            return null;
        }
        List<XmlElement> audios = audios(g);
        return "audio" + (audios.isEmpty() ? "1" : audios.get(0).attribute("id"));
    }
}
