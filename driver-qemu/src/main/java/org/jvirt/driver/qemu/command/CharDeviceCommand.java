package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;

/**
 * Serial and parallel ports, channels and consoles on the command line, as libvirt 9's
 * {@code qemuBuildSerialCommandLine}, {@code qemuBuildParallelsCommandLine},
 * {@code qemuBuildChannelsCommandLine} and {@code qemuBuildConsoleCommandLine}, in that order: each
 * device's {@code -chardev} ({@link Chardev}), then the guest device using it (ISA or PCI serial port, the
 * virt board's own serial port, a parallel port, a virtio serial port or console, a guestfwd forward of
 * a user-mode network). The ids are libvirt's aliases ({@code serial0}, {@code charserial0}), numbered
 * per kind in document order; the driver finds pty paths by them ({@link CommandLine#chardevs}, keyed
 * {@code kind + index}).
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class CharDeviceCommand {
    /** The port name SPICE's guest agent looks for. */
    static final String SPICE_AGENT = "com.redhat.spice.0";

    private CharDeviceCommand() {
    }

    /** Every character device, kind by kind as libvirt writes them. */
    static void add(Guest g, CommandLine out) {
        List<CharDevice> all = g.def().devices(CharDevice.class);
        serials(g, out, ofKind(all, "serial"));
        parallels(out, ofKind(all, "parallel"));
        List<CharDevice> channels = ofKind(all, "channel");
        List<CharDevice> consoles = ofKind(all, "console");
        if ((channels.stream().anyMatch(c -> "virtio".equals(c.targetType()))
                || consoles.stream().anyMatch(c -> "virtio".equals(c.targetType())))
                && g.def().devices(ControllerDevice.class).stream().noneMatch(c -> c.type().equals("virtio-serial"))) {
            // a definition not completed by QemuRules: the controller post-parse would have added
            out.device(Json.object("driver", "virtio-serial-pci", "id", "virtio-serial0"));
        }
        channels(g, out, channels);
        consoles(g, out, consoles);
    }

    private static List<CharDevice> ofKind(List<CharDevice> all, String kind) {
        return all.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    private static void serials(Guest g, CommandLine out, List<CharDevice> serials) {
        for (int i = 0; i < serials.size(); i++) {
            CharDevice c = serials.get(i);
            String alias = "serial" + i;
            String id = "char" + alias;
            out.arg("-chardev", Chardev.of(c, id));
            String target = serialTarget(c, g);
            if (target.equals("system-serial")) {
                // the board's own UART (pl011), which QEMU connects by -serial
                out.arg("-serial", "chardev:" + id);
            } else {
                Map<String, Object> p = Json.object("driver", target, "chardev", id, "id", alias);
                if (target.equals("isa-serial")) {
                    p.put("index", c.targetPort() == null ? i : c.targetPort());
                }
                DeviceProps.address(p, c.address(), g.def());
                out.device(p);
            }
            out.chardevs.put(alias, id);
        }
    }

    /** A serial port's target type: its own, else the machine's ({@code isa-serial} on x86, the board's on Arm). */
    static String serialTarget(CharDevice c, Guest g) {
        return c.targetType() != null ? c.targetType() : g.x86() ? "isa-serial" : "system-serial";
    }

    private static void parallels(CommandLine out, List<CharDevice> parallels) {
        for (int i = 0; i < parallels.size(); i++) {
            String alias = "parallel" + i;
            out.arg("-chardev", Chardev.of(parallels.get(i), "char" + alias));
            out.device(Json.object("driver", "isa-parallel", "chardev", "char" + alias, "id", alias));
            out.chardevs.put(alias, "char" + alias);
        }
    }

    private static void channels(Guest g, CommandLine out, List<CharDevice> channels) {
        for (int i = 0; i < channels.size(); i++) {
            CharDevice c = channels.get(i);
            String alias = "channel" + i;
            String id = "char" + alias;
            out.arg("-chardev", Chardev.of(c, id));
            if ("guestfwd".equals(c.targetType())) {
                // QEMU's user-mode network forwards the guest's connections to the address to the chardev
                String forward = "tcp:" + CharOptions.guestfwdAddress(c) + ":" + CharOptions.guestfwdPort(c)
                        + "-chardev:" + id;
                out.arg("-netdev", Json.write(Json.object("type", "user", "guestfwd",
                        List.of(Json.object("str", forward)), "id", alias)));
            } else {
                String name = CharOptions.targetName(c);
                virtioPort(g, out, c, "virtserialport", alias,
                        name == null && c.type().equals("spicevmc") ? SPICE_AGENT : name);
            }
            out.chardevs.put(alias, id);
        }
    }

    private static void consoles(Guest g, CommandLine out, List<CharDevice> consoles) {
        for (int i = 0; i < consoles.size(); i++) {
            CharDevice c = consoles.get(i);
            String alias = "console" + i;
            if (c.targetType() == null || c.targetType().equals("serial")) {
                // libvirt's console of a serial port is that very port.
                int port = c.targetPort() == null ? 0 : c.targetPort();
                out.chardevs.put(alias, "charserial" + port);
            } else {
                out.arg("-chardev", Chardev.of(c, "char" + alias));
                virtioPort(g, out, c, "virtconsole", alias, null);
                out.chardevs.put(alias, "char" + alias);
            }
        }
    }

    /** A port of a virtio-serial controller, as libvirt's qemuBuildVirtioSerialPortDevProps. */
    private static void virtioPort(Guest g, CommandLine out, CharDevice c, String driver, String alias, String name) {
        Map<String, Object> p = Json.object("driver", driver);
        DeviceProps.address(p, c.address(), g.def());
        p.put("chardev", "char" + alias);
        p.put("id", alias);
        if (name != null) {
            p.put("name", name);
        }
        out.device(p);
    }

    /** Whether a serial console's source is its serial port's: the same type, and the same sources if any. */
    static boolean sameBackend(CharDevice serial, CharDevice console) {
        return serial.type().equals(console.type())
                && (console.sources().isEmpty() || serial.sources().equals(console.sources()));
    }
}
