package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The devices other than disks, interfaces and character devices on the command line: the
 * controllers the driver emulates, input devices (and the USB controller some of them need), sound
 * cards, VNC, the video adapter and the memory balloon; {@code -display none} without graphics.
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class DeviceCommand {
    /** The video models with a QEMU device, and that device; {@code none} has none. */
    static final Map<String, String> VIDEO_DEVICES = Map.of("vga", "VGA", "virtio", "virtio-gpu-pci",
            "cirrus", "cirrus-vga", "bochs", "bochs-display");

    private DeviceCommand() {
    }

    /**
     * Whether the driver emulates a controller: the machine's own (i440FX's IDE 0 at 00:01.1, Q35's
     * SATA 0 at 00:1f.2, the PCI root), USB 0 (created when a USB device needs it), SCSI 0 (virtio-scsi
     * or LSI), virtio-serial 0, and the PCI ports and bridges libvirt's address assignment adds. The
     * driver creates no other.
     */
    static boolean emulated(ControllerDevice c, String machine) {
        int index = c.index() == null ? 0 : c.index();
        String model = c.model() == null ? "" : c.model();
        return switch (c.type()) {
            case "ide" -> index == 0 && c.model() == null && !Machines.isArmVirt(machine)
                    && (c.address() == null || at(c.address(), 0, 1, 1));
            case "sata" -> index == 0 && c.model() == null && Machines.isQ35(machine)
                    && (c.address() == null || at(c.address(), 0, 0x1f, 2));
            case "scsi" -> index == 0 && (model.isEmpty() || model.equals("virtio-scsi") || model.equals("lsilogic"));
            case "virtio-serial" -> index == 0 && c.model() == null;
            case "usb" -> index == 0 && USB_DEVICES.containsKey(model);
            case "pci" -> index == 0 ? model.equals("pci-root") || model.equals("pcie-root")
                    : PCI_DEVICES.containsKey(model);
            default -> false;
        };
    }

    /** The USB controller models the driver creates, and their QEMU devices; {@code none} has none. */
    static final Map<String, String> USB_DEVICES = Map.of("", "piix3-usb-uhci", "piix3-uhci", "piix3-usb-uhci",
            "qemu-xhci", "qemu-xhci", "nec-xhci", "nec-usb-xhci", "none", "");

    /** The PCI controller models the driver creates, and their QEMU devices. */
    private static final Map<String, String> PCI_DEVICES = Map.of("pcie-root-port", "pcie-root-port",
            "pci-bridge", "pci-bridge", "dmi-to-pci-bridge", "i82801b11-bridge", "pcie-to-pci-bridge",
            "pcie-pci-bridge");

    private static boolean at(DeviceAddress a, long bus, long slot, long function) {
        return "pci".equals(a.type()) && QemuOptions.addressNumber(a.attribute("domain")) == 0
                && QemuOptions.addressNumber(a.attribute("bus")) == bus
                && QemuOptions.addressNumber(a.attribute("slot")) == slot
                && QemuOptions.addressNumber(a.attribute("function")) == function;
    }

    /**
     * The PCI ports and bridges (by index, so that each bus exists before what plugs into it), then the
     * USB controller and the adapters of the emulated SCSI and virtio-serial controllers; the IDE and
     * SATA ones are the machine's.
     */
    static void controllers(Guest g, CommandLine out) {
        List<ControllerDevice> pci = new ArrayList<>(g.def().devices(ControllerDevice.class).stream()
                .filter(c -> c.type().equals("pci") && c.index() != null && c.index() > 0).toList());
        pci.sort(Comparator.comparingInt(ControllerDevice::index));
        for (ControllerDevice c : pci) {
            StringBuilder dev = new StringBuilder(PCI_DEVICES.get(c.model()));
            switch (c.model()) {
                case "pcie-root-port" -> dev.append(",port=").append(QemuOptions.addressNumber(target(c, "port")))
                        .append(",chassis=").append(QemuOptions.addressNumber(target(c, "chassis")));
                case "pci-bridge" -> dev.append(",chassis_nr=").append(
                        QemuOptions.addressNumber(target(c, "chassisNr")));
                default -> { }
            }
            out.arg("-device", dev + ",id=pci." + c.index() + g.pciProps(c.address()));
        }
        for (ControllerDevice c : g.def().devices(ControllerDevice.class)) {
            if (emulated(c, g.machine()) && c.type().equals("usb") && !"none".equals(c.model())) {
                // The guest has the controller its definition lists, used or not, as libvirt starts it.
                out.usb(g);
            } else if (emulated(c, g.machine()) && c.type().equals("scsi")) {
                String device = "lsilogic".equals(c.model()) ? "lsi" : "virtio-scsi-pci";
                out.arg("-device", device + ",id=scsi0" + g.pciProps(c.address()));
            } else if (emulated(c, g.machine()) && c.type().equals("virtio-serial")) {
                out.arg("-device", "virtio-serial-pci,id=virtio-serial0" + g.pciProps(c.address()));
            }
        }
    }

    /** An attribute of a PCI controller's {@code <target>} (libvirt's numbering of ports and bridges), or null. */
    static String target(ControllerDevice c, String name) {
        for (XmlElement e : c.unknowns().elementsAt("")) {
            if (e.name().equals("target")) {
                return e.attribute(name);
            }
        }
        return null;
    }

    /** The SCSI controller 0's model: {@code lsilogic} or {@code virtio-scsi} (also when it says none). */
    static String scsiModel(Guest g) {
        return QemuCommandBuilder.scsiModel(g.def());
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
                    String port = in.address() == null || in.address().attribute("port") == null ? ""
                            : ",port=" + in.address().attribute("port");
                    out.arg("-device", drv + ",id=input" + i + ",bus=usb.0" + port);
                }
                case "virtio" -> {
                    String drv = switch (type) {
                        case "mouse" -> "virtio-mouse-pci";
                        case "tablet" -> "virtio-tablet-pci";
                        case "keyboard" -> "virtio-keyboard-pci";
                        default -> throw new IllegalStateException("input '" + type + "' was not validated");
                    };
                    out.arg("-device", drv + ",id=input" + i + g.pciProps(in.address()));
                }
                default -> throw new IllegalStateException("input bus '" + in.bus() + "' was not validated");
            }
            i++;
        }
    }

    static String soundModel(SoundDevice s) {
        return s.model() == null ? "ich6" : s.model();
    }

    /** Sound cards, all playing into one silent audio backend: the host's sound is not the guest's. */
    static void sounds(Guest g, CommandLine out) {
        int i = 0;
        for (SoundDevice s : g.def().devices(SoundDevice.class)) {
            if (i == 0) {
                out.arg("-audiodev", "none,id=audio1");
            }
            String model = soundModel(s);
            switch (model) {
                case "es1370" -> out.arg("-device", "ES1370,id=sound" + i + ",audiodev=audio1" + g.pciProps(s.address()));
                case "ac97" -> out.arg("-device", "AC97,id=sound" + i + ",audiodev=audio1" + g.pciProps(s.address()));
                case "sb16" -> out.arg("-device", "sb16,id=sound" + i + ",audiodev=audio1");
                case "ich6", "ich9" -> {
                    // Intel HDA: the controller, and a codec on it that the audio backend is given to.
                    out.arg("-device", (model.equals("ich6") ? "intel-hda" : "ich9-intel-hda") + ",id=sound" + i
                            + g.pciProps(s.address()));
                    out.arg("-device", "hda-duplex,id=sound" + i + "-codec0,bus=sound" + i
                            + ".0,cad=0,audiodev=audio1");
                }
                default -> throw new IllegalStateException("sound model '" + model + "' was not validated");
            }
            i++;
        }
    }

    static String vncListen(GraphicsDevice g) {
        return g.listen() == null ? "127.0.0.1" : g.listen();
    }

    static boolean vncAutoport(GraphicsDevice g) {
        return Boolean.TRUE.equals(g.autoport()) || g.port() == null || g.port() == -1;
    }

    /** The VNC server, or {@code -display none}: {@code -nodefaults} does not stop QEMU opening a window. */
    static void graphics(Guest guest, CommandLine out) {
        List<GraphicsDevice> gs = guest.def().devices(GraphicsDevice.class);
        if (gs.isEmpty()) {
            out.arg("-display", "none");
            return;
        }
        GraphicsDevice g = gs.get(0);
        String listen = vncListen(g);
        StringBuilder v = new StringBuilder(listen.contains(":") ? "[" + listen + "]" : listen);
        if (vncAutoport(g)) {
            // QEMU takes the first free display from :0 to :99, and query-vnc tells which.
            v.append(":0,to=99");
            out.vncAutoport = true;
        } else {
            v.append(':').append(g.port() - 5900);
        }
        if (g.passwd() != null) {
            // Given over QMP (set_password) once QEMU runs: on the command line it would show in ps.
            v.append(",password=on");
        }
        out.arg("-vnc", v.toString());
        if (g.keymap() != null) {
            out.arg("-k", g.keymap());
        }
    }

    /** A video adapter's model: its own, else VGA on x86 and virtio elsewhere. */
    static String videoType(VideoDevice v, Guest g) {
        return v.modelType() == null ? (g.x86() ? "vga" : "virtio") : v.modelType();
    }

    /** The video adapter: the definition's (post-parse gives graphics one), else none. */
    static void video(Guest g, CommandLine out) {
        List<VideoDevice> videos = g.def().devices(VideoDevice.class);
        if (videos.isEmpty()) {
            if (!g.def().devices(GraphicsDevice.class).isEmpty()) {
                // A definition not completed by QemuRules: the adapter post-parse would have added.
                out.arg("-device", (g.x86() ? "VGA" : "virtio-gpu-pci") + ",id=video0");
            }
            return;
        }
        VideoDevice v = videos.get(0);
        String type = videoType(v, g);
        String device = VIDEO_DEVICES.get(type);
        if (device != null) {
            String memory = type.equals("vga") && v.vram() != null ? ",vgamem_mb=" + v.vram() / 1024 : "";
            out.arg("-device", device + ",id=video0" + memory + g.pciProps(v.address()));
        }
    }

    static void balloon(Guest g, CommandLine out) {
        for (MemballoonDevice b : g.def().devices(MemballoonDevice.class)) {
            if (b.model() == null || b.model().equals("virtio")) {
                out.arg("-device", "virtio-balloon-pci,id=balloon0" + g.pciProps(b.address()));
            }
        }
    }
}
