package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.opt;

import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;

/**
 * Serial ports, consoles and parallel ports on the command line, as libvirt's
 * {@code qemuBuildSerialCommandLine} and friends: each a {@code -chardev} host side (pty, file, socket,
 * UDP, pipe, host device, null) and the guest device using it (ISA serial or parallel port, the virt
 * board's serial port, a virtio console). The chardev ids ({@code charserial0}) are kept by
 * {@code kind + index} so that the driver can find pty paths and consoles.
 *
 * <p>Takes what {@link QemuValidate} accepted and refuses nothing. Stateless.
 */
final class CharDeviceCommand {
    private CharDeviceCommand() {
    }

    /** Every character device, in document order. */
    static void add(Guest g, CommandLine out) {
        int serialIndex = 0;
        int parallelIndex = 0;
        int consoleIndex = 0;
        boolean virtioSerial = g.hasController("virtio-serial", 0);
        for (CharDevice c : g.def().devices(CharDevice.class)) {
            switch (c.kind()) {
                case "serial" -> {
                    String id = "charserial" + serialIndex;
                    out.arg("-chardev", backend(c, id));
                    if (Machines.isArmVirt(g.machine())) {
                        out.arg("-serial", "chardev:" + id);
                    } else {
                        out.arg("-device", "isa-serial,chardev=" + id + ",id=serial" + serialIndex);
                    }
                    out.chardevs.put("serial" + serialIndex, id);
                    serialIndex++;
                }
                case "console" -> {
                    if (c.targetType() == null || c.targetType().equals("serial")) {
                        // libvirt's console of a serial port is that very port.
                        int port = c.targetPort() == null ? 0 : c.targetPort();
                        out.chardevs.put("console" + consoleIndex, "charserial" + port);
                    } else {
                        if (!virtioSerial) {
                            out.arg("-device", "virtio-serial-pci,id=virtio-serial0");
                            virtioSerial = true;
                        }
                        String id = "charconsole" + consoleIndex;
                        out.arg("-chardev", backend(c, id));
                        out.arg("-device", "virtconsole,chardev=" + id + ",id=console" + consoleIndex);
                        out.chardevs.put("console" + consoleIndex, id);
                    }
                    consoleIndex++;
                }
                case "parallel" -> {
                    String id = "charparallel" + parallelIndex;
                    out.arg("-chardev", backend(c, id));
                    out.arg("-device", "isa-parallel,chardev=" + id + ",id=parallel" + parallelIndex);
                    out.chardevs.put("parallel" + parallelIndex, id);
                    parallelIndex++;
                }
                default -> throw new IllegalStateException("<" + c.kind() + "> was not validated");
            }
        }
    }

    /** Whether a serial console's source is its serial port's: the same type, and the same sources if any. */
    static boolean sameBackend(CharDevice serial, CharDevice console) {
        return serial.type().equals(console.type())
                && (console.sources().isEmpty() || serial.sources().equals(console.sources()));
    }

    /** A UDP device's last source of mode bind ({@code bind}), or its last other one (where it sends). */
    static CharSource udpSource(CharDevice c, boolean bind) {
        CharSource found = null;
        for (CharSource s : c.sources()) {
            if ("bind".equals(s.mode()) == bind) {
                found = s;
            }
        }
        return found;
    }

    /** The {@code -chardev} value of a device's host side (also an RNG's EGD backend, {@link RngCommand}). */
    static String backend(CharDevice c, String id) {
        CharSource src = c.sources().isEmpty() ? null : c.sources().get(0);
        return switch (c.type()) {
            case "pty" -> "pty,id=" + id;
            case "null" -> "null,id=" + id;
            case "file" -> "file,id=" + id + ",path=" + opt(src.path());
            case "pipe" -> "pipe,id=" + id + ",path=" + opt(src.path());
            case "dev" -> (c.kind().equals("parallel") ? "parallel" : "serial") + ",id=" + id + ",path="
                    + opt(src.path());
            case "unix" -> "socket,id=" + id + ",path=" + opt(src.path()) + server(src.mode());
            case "tcp" -> "socket,id=" + id + ",host=" + opt(src.host() == null ? "127.0.0.1" : src.host()) + ",port="
                    + opt(src.service()) + server(src.mode()) + ("telnet".equals(c.protocol()) ? ",telnet=on" : "");
            case "udp" -> {
                CharSource connect = udpSource(c, false);
                CharSource bind = udpSource(c, true);
                yield "udp,id=" + id + ",host=" + opt(connect.host() == null ? "127.0.0.1" : connect.host())
                        + ",port=" + opt(connect.service())
                        + (bind == null ? "" : ",localaddr=" + opt(bind.host() == null ? "" : bind.host())
                        + ",localport=" + opt(bind.service() == null ? "0" : bind.service()));
            }
            default -> throw new IllegalStateException("character device type '" + c.type() + "' was not validated");
        };
    }

    /** A socket's side: listening (libvirt's default, without waiting for a client) or connecting. */
    private static String server(String mode) {
        return "connect".equals(mode) ? ",server=off" : ",server=on,wait=off";
    }
}
