package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Set;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * {@link QemuValidate}'s checks of character devices, as {@link CharDeviceCommand} builds them: each
 * kind's target (serial port models per machine, virtio and guestfwd channels, serial and virtio
 * consoles) and address, and each host side ({@link Chardev}): its type, source, and the options
 * {@link CharOptions} reads. Refuses the first fault in document order. Stateless.
 */
final class CharDeviceValidate {
    private static final String TYPES = "pty, file, unix, tcp, udp, pipe, dev, null, vc, spicevmc";

    private CharDeviceValidate() {
    }

    static void check(Guest g) {
        String name = g.name();
        int serialIndex = 0;
        int parallelIndex = 0;
        List<CharDevice> serials = g.def().devices(CharDevice.class).stream()
                .filter(c -> c.kind().equals("serial")).toList();
        for (CharDevice c : g.def().devices(CharDevice.class)) {
            String where = "<" + c.kind() + ">";
            String addressType = c.address() == null ? null : c.address().type();
            boolean addressOk = addressType == null;
            switch (c.kind()) {
                case "serial" -> {
                    backend(name, c);
                    String tt = CharDeviceCommand.serialTarget(c, g);
                    boolean arm = Machines.isArmVirt(g.machine());
                    if (!g.x86() && !arm) {
                        throw Unsupported.config(name, where + ": serial ports are not supported on machine "
                                + g.machine());
                    }
                    switch (tt) {
                        case "pci-serial" -> addressOk |= "pci".equals(addressType);
                        case "isa-serial" -> {
                            if (!g.x86()) {
                                throw Unsupported.config(name, where + ": target type 'isa-serial' exists only on x86");
                            }
                            if (serialIndex > 3) {
                                throw Unsupported.config(name, where + ": at most four ISA serial ports");
                            }
                            addressOk |= "isa".equals(addressType);
                        }
                        case "system-serial" -> {
                            if (!arm) {
                                throw Unsupported.config(name, where + ": target type 'system-serial' exists only on"
                                        + " machine virt");
                            }
                            if (serialIndex > 0) {
                                throw Unsupported.config(name, where + ": machine virt has one system serial port");
                            }
                        }
                        default -> throw Unsupported.config(name, where + ": target type '" + tt + "' is not supported"
                                + " (supported: " + (arm ? "system-serial" : "isa-serial") + ", pci-serial)");
                    }
                    if ("pci".equals(addressType)) {
                        DeviceValidate.pciAddress(c.address());
                    }
                    serialIndex++;
                }
                case "console" -> {
                    String tt = c.targetType() == null ? "serial" : c.targetType();
                    if (tt.equals("serial")) {
                        int port = c.targetPort() == null ? 0 : c.targetPort();
                        if (port >= serials.size()) {
                            throw Unsupported.config(name, where + ": a console of target type 'serial' needs a"
                                    + " matching <serial> port " + port);
                        }
                        if (!CharDeviceCommand.sameBackend(serials.get(port), c)) {
                            throw Unsupported.config(name, where + ": a serial console must have the same source"
                                    + " as serial port " + port);
                        }
                        // libvirt copies the serial port's address to its console
                        addressOk |= c.address() != null && c.address().equals(serials.get(port).address());
                    } else if (tt.equals("virtio")) {
                        backend(name, c);
                        addressOk |= "virtio-serial".equals(addressType);
                    } else {
                        throw Unsupported.config(name, where + ": console target type '" + tt
                                + "' is not supported (supported: serial, virtio)");
                    }
                }
                case "channel" -> {
                    String tt = String.valueOf(c.targetType());
                    if (c.type().equals("spicevmc")) {
                        spicevmc(g, c);
                    }
                    switch (tt) {
                        case "virtio" -> addressOk |= "virtio-serial".equals(addressType);
                        case "guestfwd" -> guestfwd(name, c);
                        default -> throw Unsupported.config(name, where + ": channel target type '" + tt
                                + "' is not supported (supported: virtio, guestfwd)");
                    }
                    backend(name, c);
                }
                case "parallel" -> {
                    if (!g.x86()) {
                        throw Unsupported.config(name, where + ": parallel ports exist only on x86 machines");
                    }
                    if (parallelIndex > 2) {
                        throw Unsupported.config(name, where + ": at most three parallel ports");
                    }
                    backend(name, c);
                    parallelIndex++;
                }
                default -> throw Unsupported.config(name, where + ": <" + c.kind()
                        + "> devices are not supported by the QEMU driver");
            }
            // After the kind's own checks, whose errors say more.
            if (!addressOk) {
                throw Unsupported.config(name, where + ": address type '" + addressType + "' is not supported for"
                        + " this device (an ISA serial port takes an isa one, a PCI one a pci one, a virtio port a"
                        + " virtio-serial one)");
            }
        }
    }

    /** The SPICE agent's channel: a virtio port named as the agent expects, beside SPICE graphics. */
    private static void spicevmc(Guest g, CharDevice c) {
        if (g.def().devices(GraphicsDevice.class).stream().noneMatch(d -> d.type().equals("spice"))) {
            throw Unsupported.config(g.name(), "chardev 'spicevmc' not supported without spice graphics");
        }
        String target = CharOptions.targetName(c);
        if (!"virtio".equals(c.targetType()) || target != null && !target.equals(CharDeviceCommand.SPICE_AGENT)) {
            throw Unsupported.config(g.name(), "Unsupported spicevmc target name '" + target + "'");
        }
    }

    private static void guestfwd(String name, CharDevice c) {
        String address = CharOptions.guestfwdAddress(c);
        String port = CharOptions.guestfwdPort(c);
        if (address == null || port == null) {
            throw Unsupported.invalid(name, "guestfwd channel needs <target address= port=>");
        }
        if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || !port.matches("[0-9]{1,5}")) {
            throw Unsupported.invalid(name, "guestfwd channel: invalid address '" + address + "' or port '" + port
                    + "'");
        }
    }

    /** A character device's host side, which becomes its {@code -chardev}. */
    /** A character device's host side, which becomes its {@code -chardev} (also an RNG's, a smartcard's, a redirdev's). */
    static void backend(String name, CharDevice c) {
        String where = "<" + c.kind() + " type='" + c.type() + "'>";
        CharSource src = c.sources().isEmpty() ? null : c.sources().get(0);
        if (c.sources().size() > 1 && !c.type().equals("udp")) {
            throw Unsupported.config(name, where + ": only one <source> is supported");
        }
        if (c.protocol() != null && !c.type().equals("tcp")) {
            throw Unsupported.config(name, where + ": <protocol> applies only to tcp devices");
        }
        switch (c.type()) {
            case "pty", "null", "vc" -> { }
            case "spicevmc" -> {
                if (!c.kind().equals("channel")) {
                    throw Unsupported.config(name, where + ": SPICE's agent is supported on a channel only");
                }
            }
            case "file", "pipe", "dev" -> path(name, src, where);
            case "unix" -> {
                boolean pathGiven = c.kind().equals("channel") && "virtio".equals(c.targetType());
                if (!pathGiven) {
                    path(name, src, where);
                }
                mode(name, src == null || src.mode() == null ? "bind" : src.mode(), where);
            }
            case "tcp" -> {
                if (src == null || src.service() == null) {
                    throw Unsupported.invalid(name, where + " needs <source host= service=>");
                }
                String proto = c.protocol() == null ? "raw" : c.protocol();
                if (!proto.equals("raw") && !proto.equals("telnet")) {
                    throw Unsupported.config(name, where + ": protocol '" + proto + "' is not supported (raw, telnet)");
                }
                mode(name, src.mode() == null ? "connect" : src.mode(), where);
            }
            case "udp" -> {
                CharSource connect = Chardev.udpSource(c, false);
                if (connect == null || connect.service() == null) {
                    throw Unsupported.invalid(name, where + " needs <source mode='connect' service=>");
                }
            }
            default -> throw Unsupported.config(name, where + ": character device type '" + c.type()
                    + "' is not supported by the QEMU driver (supported: " + TYPES + ")");
        }
        options(name, c, where);
    }

    /** The options {@link CharOptions} reads: each only where it applies, with values libvirt accepts. */
    private static void options(String name, CharDevice c, String where) {
        XmlElement reconnect = CharOptions.reconnect(c);
        if (reconnect != null) {
            if (!c.type().equals("tcp") && !c.type().equals("unix")) {
                throw Unsupported.config(name, where + ": <reconnect> applies only to tcp and unix sockets");
            }
            only(name, reconnect, Set.of("enabled", "timeout"), where);
            String enabled = reconnect.attribute("enabled");
            if (!"yes".equals(enabled) && !"no".equals(enabled)) {
                throw Unsupported.invalid(name, where + ": <reconnect enabled=> must be yes or no");
            }
            if (enabled.equals("yes")) {
                String timeout = reconnect.attribute("timeout");
                if (timeout == null || !timeout.matches("[0-9]{1,9}") || Long.parseLong(timeout) == 0) {
                    throw Unsupported.invalid(name, "chardev reconnect source timeout cannot be '" + timeout + "'");
                }
            }
            if (Chardev.listens(c)) {
                throw Unsupported.invalid(name, "chardev reconnect is possible only for connect mode");
            }
        }
        String append = CharOptions.append(c);
        if (append != null && (!c.type().equals("file") || !Set.of("on", "off").contains(append))) {
            throw Unsupported.config(name, where + ": <source append='" + append + "'> is supported for file devices,"
                    + " on or off");
        }
        List<XmlElement> logs = CharOptions.logs(c);
        if (logs.size() > 1) {
            throw Unsupported.config(name, where + ": only one <log> is supported");
        }
        if (!logs.isEmpty()) {
            XmlElement log = logs.get(0);
            only(name, log, Set.of("file", "append"), where);
            if (log.attribute("file") == null
                    || log.attribute("append") != null && !Set.of("on", "off").contains(log.attribute("append"))) {
                throw Unsupported.invalid(name, where + ": <log> needs file= and an append= of on or off");
            }
        }
    }

    private static void only(String name, XmlElement e, Set<String> attributes, String where) {
        if (!attributes.containsAll(e.attributes().keySet()) || !e.children().isEmpty()) {
            throw Unsupported.config(name, where + ": <" + e.name() + "> with " + e.attributes().keySet()
                    + (e.children().isEmpty() ? "" : " and children") + " is not supported (attributes: "
                    + String.join(", ", attributes.stream().sorted().toList()) + ")");
        }
    }

    private static void path(String name, CharSource src, String where) {
        if (src == null || src.path() == null) {
            throw Unsupported.invalid(name, where + " needs <source path=...>");
        }
    }

    private static void mode(String name, String mode, String where) {
        if (!mode.equals("bind") && !mode.equals("connect")) {
            throw Unsupported.invalid(name, where + ": source mode '" + mode + "' is neither bind nor connect");
        }
    }
}
