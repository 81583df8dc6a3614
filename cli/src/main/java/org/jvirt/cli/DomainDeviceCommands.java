package org.jvirt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jvirt.api.Domain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VirtException;

/**
 * Commands that add devices to a domain or remove them: {@code attach-device}, {@code detach-device},
 * {@code attach-disk}, {@code attach-interface}. The last two write the device XML as virsh 9 writes
 * it ({@code --print-xml} shows it without touching the domain).
 *
 * <p>Without options a change goes to the running domain when it is active and to its definition
 * otherwise ({@code --current}); {@code --live} and {@code --config} choose, {@code --persistent} is
 * {@code --config} plus {@code --live} on an active domain, as in virsh. Both definitions are changed
 * one after the other, the running domain first.
 */
final class DomainDeviceCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new DomainDeviceCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "attach-device" -> fromFile(s, c, true);
            case "attach-disk" -> attachDisk(s, c);
            case "attach-interface" -> attachInterface(s, c);
            case "detach-device" -> fromFile(s, c, false);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private DomainDeviceCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("attach-device", CommandGroup.DOMAIN, "attach device from an XML file",
                        "Attach device from an XML <file>.", HANDLER,
                        OptDef.domain(), OptDef.file("file", "XML file"),
                        persistent(), config(), live(), current()).exclusive("persistent", "current")
                        .exclusive("current", "live").exclusive("current", "config"),
                CommandDef.of("attach-disk", CommandGroup.DOMAIN, "attach disk device", "Attach new disk device.",
                        HANDLER,
                        OptDef.domain(),
                        OptDef.data("source", "source of disk device or name of network disk")
                                .completing(Completion.FILE),
                        OptDef.data("target", "target of disk device"),
                        OptDef.string("targetbus", "target bus of disk device")
                                .choices("ide", "scsi", "virtio", "xen", "usb", "sata", "sd", "fdc"),
                        OptDef.string("driver", "driver of disk device"),
                        OptDef.string("subdriver", "subdriver of disk device"),
                        OptDef.string("iothread", "IOThread to be used by supported device"),
                        OptDef.string("cache", "cache mode of disk device")
                                .choices("default", "none", "writethrough", "writeback", "directsync", "unsafe"),
                        OptDef.string("io", "io policy of disk device").choices("threads", "native", "io_uring"),
                        OptDef.string("type", "target device type").choices("disk", "cdrom", "floppy", "lun"),
                        OptDef.string("mode", "mode of device reading and writing").choices("readonly", "shareable"),
                        OptDef.string("sourcetype", "type of source (block|file|network)")
                                .choices("block", "file", "network"),
                        OptDef.string("serial", "serial of disk device"),
                        OptDef.string("wwn", "wwn of disk device"),
                        OptDef.string("alias", "custom alias name of disk device"),
                        OptDef.bool("rawio", "needs rawio capability"),
                        OptDef.string("address", "address of disk device"),
                        OptDef.bool("multifunction", "use multifunction pci under specified address"),
                        OptDef.bool("print-xml", "print XML document rather than attach the disk"),
                        OptDef.string("source-protocol", "protocol used by disk device source"),
                        OptDef.string("source-host-name", "host name for source of disk device"),
                        OptDef.string("source-host-transport", "host transport for source of disk device"),
                        OptDef.string("source-host-socket", "host socket for source of disk device"),
                        persistent(), config(), live(), current(),
                        OptDef.alias("shareable", "mode=shareable")).exclusive("persistent", "current")
                        .exclusive("current", "live").exclusive("current", "config"),
                CommandDef.of("attach-interface", CommandGroup.DOMAIN, "attach network interface",
                        "Attach new network interface.", HANDLER,
                        OptDef.domain(),
                        OptDef.data("type", "network interface type")
                                .choices("network", "bridge", "direct", "hostdev", "vhostuser"),
                        OptDef.data("source", "source of network interface"),
                        OptDef.string("target", "target network name"),
                        OptDef.string("mac", "MAC address"),
                        OptDef.string("script", "script used to bridge network interface"),
                        OptDef.string("model", "model type"),
                        OptDef.string("alias", "custom alias name of interface device"),
                        OptDef.string("inbound", "control domain's incoming traffics"),
                        OptDef.string("outbound", "control domain's outgoing traffics"),
                        persistent(), config(), live(), current(),
                        OptDef.bool("print-xml", "print XML document rather than attach the interface"),
                        OptDef.bool("managed", "libvirt will automatically detach/attach the device from/to host"),
                        OptDef.string("source-mode", "mode attribute of <source/> element")
                                .choices("server", "client")).exclusive("persistent", "current")
                        .exclusive("current", "live").exclusive("current", "config"),
                CommandDef.of("detach-device", CommandGroup.DOMAIN, "detach device from an XML file",
                        "Detach device from an XML <file>", HANDLER,
                        OptDef.domain(), OptDef.file("file", "XML file"),
                        persistent(), config(), live(), current()).exclusive("persistent", "current")
                        .exclusive("current", "live").exclusive("current", "config"));
    }

    private static OptDef persistent() {
        return OptDef.bool("persistent", "make live change persistent");
    }

    private static OptDef config() {
        return OptDef.bool("config", "affect next boot");
    }

    private static OptDef live() {
        return OptDef.bool("live", "affect running domain");
    }

    private static OptDef current() {
        return OptDef.bool("current", "affect current domain");
    }

    /** The definitions the options select, in the order they are changed: the running domain first. */
    private static List<ModificationImpact> impacts(ParsedCommand c, Domain d) {
        List<ModificationImpact> impacts = new ArrayList<>(DomainConfigCommands.impacts(c));
        if (c.has("persistent")) {
            if (!impacts.contains(ModificationImpact.LIVE) && d.isActive()) {
                impacts.add(0, ModificationImpact.LIVE);
            }
            if (!impacts.contains(ModificationImpact.CONFIG)) {
                impacts.add(ModificationImpact.CONFIG);
            }
        }
        return impacts.isEmpty() ? List.of(ModificationImpact.CURRENT) : impacts;
    }

    /** attach-device and detach-device: the XML of a file, as virsh's cmdAttachDevice/cmdDetachDevice. */
    private static void fromFile(Session s, ParsedCommand c, boolean attach) {
        Domain d = s.domains().fromOption(c);
        String file = c.requiredString("file");
        String xml = XmlFiles.read(s, file);
        try {
            for (ModificationImpact impact : impacts(c, d)) {
                if (attach) {
                    d.attachDevice(xml, impact);
                } else {
                    d.detachDevice(xml, impact);
                }
            }
        } catch (VirtException e) {
            throw new CommandError("Failed to " + (attach ? "attach" : "detach") + " device from " + file, e);
        }
        s.out().extra(attach ? "Device attached successfully\n" : "Device detached successfully\n");
    }

    private static void attach(Session s, ParsedCommand c, String xml, String what) {
        if (c.has("print-xml")) {
            s.out().print(xml);
            return;
        }
        Domain d = s.domains().fromOption(c);
        try {
            for (ModificationImpact impact : impacts(c, d)) {
                d.attachDevice(xml, impact);
            }
        } catch (VirtException e) {
            throw new CommandError("Failed to attach " + what.toLowerCase(Locale.ROOT), e);
        }
        s.out().extra(what + " attached successfully\n");
    }

    // ---- attach-disk ---------------------------------------------------------------------------

    /** virsh 9's cmdAttachDisk. */
    private static void attachDisk(Session s, ParsedCommand c) {
        String source = c.raw("source");
        String target = c.requiredString("target");
        String sourceType = c.string("sourcetype");
        String protocol = c.string("source-protocol");
        String hostName = c.string("source-host-name");
        String hostTransport = c.string("source-host-transport");
        String hostSocket = c.string("source-host-socket");
        String mode = c.string("mode");
        String wwn = c.string("wwn");
        c.exclusive("source-host-name", "source-host-socket");
        c.requires("source-host-name", "source-protocol");
        c.requires("source-host-transport", "source-protocol");
        c.requires("source-host-socket", "source-protocol");
        c.requires("source-host-socket", "source-host-transport");

        String type;
        if (sourceType == null) {
            String driver = c.raw("driver");
            if (protocol != null) {
                type = "network";
            } else if (driver != null && (driver.equals("file") || driver.equals("tap"))) {
                type = "file";
            } else {
                type = source != null && isBlockDevice(s.resolve(source)) ? "block" : "file";
            }
        } else if (List.of("file", "block", "network").contains(sourceType)) {
            type = sourceType;
        } else {
            throw new CommandError("Unknown source type: '" + sourceType + "'");
        }
        if (type.equals("network") && protocol == null) {
            throw new CommandError("--source-protocol option requires --sourcetype network");
        }
        if (mode != null && !mode.equals("readonly") && !mode.equals("shareable")) {
            throw new CommandError("No support for " + mode + " in command 'attach-disk'");
        }
        if (wwn != null && !validWwn(wwn)) {
            throw new CommandError("internal error: Malformed wwn: " + wwn);
        }

        Xml xml = new Xml();
        StringBuilder disk = new StringBuilder("<disk type='" + type + "'");
        attr(disk, "device", c.raw("type"));
        if (c.has("rawio")) {
            disk.append(" rawio='yes'");
        }
        xml.open(disk.append('>').toString());
        StringBuilder driver = new StringBuilder();
        attr(driver, "name", c.raw("driver"));
        attr(driver, "type", c.raw("subdriver"));
        attr(driver, "iothread", c.raw("iothread"));
        attr(driver, "cache", c.raw("cache"));
        attr(driver, "io", c.raw("io"));
        if (driver.length() > 0) {
            xml.line("<driver" + driver + "/>");
        }
        if (type.equals("network")) {
            String head = "<source protocol='" + esc(protocol) + "' name='" + esc(source == null ? "" : source) + "'";
            if (hostName != null || hostTransport != null) {
                xml.open(head + ">");
                StringBuilder host = new StringBuilder();
                attr(host, "transport", hostTransport);
                if (hostName != null) {
                    int colon = hostName.lastIndexOf(':');
                    if (colon > 0 && !hostName.endsWith("]")) {
                        attr(host, "name", hostName.substring(0, colon));
                        attr(host, "port", hostName.substring(colon + 1));
                    } else {
                        attr(host, "name", hostName);
                    }
                }
                attr(host, "socket", hostSocket);
                xml.line("<host" + host + "/>");
                xml.close("</source>");
            } else {
                xml.line(head + "/>");
            }
        } else if (source != null) {
            xml.line("<source " + (type.equals("file") ? "file" : "dev") + "='" + esc(source) + "'/>");
        }
        StringBuilder targetXml = new StringBuilder("<target dev='" + esc(target) + "'");
        attr(targetXml, "bus", c.raw("targetbus"));
        xml.line(targetXml + "/>");
        if (mode != null) {
            xml.line("<" + mode + "/>");
        }
        if (c.raw("serial") != null) {
            xml.line("<serial>" + ShellCommands.escapeXml(c.raw("serial")) + "</serial>");
        }
        if (c.raw("alias") != null) {
            xml.line("<alias name='" + esc(c.raw("alias")) + "'/>");
        }
        if (wwn != null) {
            xml.line("<wwn>" + ShellCommands.escapeXml(wwn) + "</wwn>");
        }
        String address = c.string("address");
        if (address != null) {
            xml.line(diskAddress(address, target, c.has("multifunction")));
        }
        xml.close("</disk>");
        attach(s, c, xml.toString(), "Disk");
    }

    private static boolean isBlockDevice(Path path) {
        // The JDK cannot tell block from character devices; /sys/dev/block lists the block ones.
        try {
            if (!Files.exists(path) || Files.isRegularFile(path) || Files.isDirectory(path)) {
                return false;
            }
            Object rdev = Files.getAttribute(path, "unix:rdev");
            if (!(rdev instanceof Long dev)) {
                return false;
            }
            long major = (dev >>> 8) & 0xfff | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            return Files.exists(Path.of("/sys/dev/block/" + major + ":" + minor));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** libvirt's virValidateWWN: 16 hex digits, optionally after {@code 0x}. */
    static boolean validWwn(String wwn) {
        String digits = wwn.startsWith("0x") ? wwn.substring(2) : wwn;
        return digits.length() == 16 && digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 128);
    }

    /** virsh's disk address: pci/ccw for most targets, scsi/usb/sata for sd*, ide for hd*. */
    private static String diskAddress(String text, String target, boolean multifunction) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new CommandError("Invalid address.");
        }
        String kind = text.substring(0, colon);
        String[] parts = text.substring(colon + 1).split("[.:]", -1);
        long[] n;
        switch (kind) {
            case "pci" -> n = numbers(parts, 4, 16);
            case "ccw" -> n = numbers(parts, 3, 16);
            case "scsi", "sata", "ide" -> n = numbers(parts, 3, 10);
            case "usb" -> n = numbers(parts, 2, 10);
            default -> throw new CommandError("Invalid address.");
        }
        if (target.startsWith("sd") && !List.of("scsi", "usb", "sata").contains(kind)) {
            throw new CommandError("expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.");
        }
        if (target.startsWith("hd") && !kind.equals("ide")) {
            throw new CommandError("expecting an ide:00.00.00 address.");
        }
        if (!target.startsWith("sd") && !target.startsWith("hd") && target.startsWith("vd")
                && !kind.equals("pci") && !kind.equals("ccw")) {
            throw new CommandError("expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.");
        }
        return switch (kind) {
            case "pci" -> String.format(Locale.ROOT,
                    "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'%s/>",
                    n[0], n[1], n[2], n[3], multifunction ? " multifunction='on'" : "");
            case "ccw" -> String.format(Locale.ROOT, "<address type='ccw' cssid='0x%02x' ssid='0x%x' devno='0x%04x'/>",
                    n[0], n[1], n[2]);
            case "usb" -> "<address type='usb' bus='" + n[0] + "' port='" + n[1] + "'/>";
            default -> "<address type='drive' controller='" + n[0] + "' bus='" + n[1] + "' unit='" + n[2] + "'/>";
        };
    }

    private static long[] numbers(String[] parts, int count, int radix) {
        if (parts.length != count) {
            throw new CommandError("Invalid address.");
        }
        long[] n = new long[count];
        for (int i = 0; i < count; i++) {
            try {
                n[i] = Long.parseUnsignedLong(parts[i], radix);
            } catch (NumberFormatException e) {
                throw new CommandError("Invalid address.");
            }
        }
        return n;
    }

    // ---- attach-interface ----------------------------------------------------------------------

    /** Bandwidth rates of {@code average,peak,burst,floor}; -1 stands for a field not given. */
    private record Rate(long average, long peak, long burst, long floor) {
    }

    /** virsh 9's cmdAttachInterface. */
    private static void attachInterface(Session s, ParsedCommand c) {
        String type = c.requiredString("type");
        String source = c.requiredString("source");
        String sourceMode = c.string("source-mode");
        if (!List.of("network", "bridge", "direct", "hostdev", "vhostuser").contains(type)) {
            throw new CommandError("No support for " + type + " in command 'attach-interface'");
        }
        if (sourceMode != null && !sourceMode.equals("server") && !sourceMode.equals("client")) {
            throw new CommandError("Invalid source mode: " + sourceMode);
        }
        Rate inbound = null;
        Rate outbound = null;
        if (c.string("inbound") != null) {
            inbound = rate(c.raw("inbound"));
            if (inbound.average() <= 0 && inbound.floor() <= 0) {
                throw new CommandError("either inbound average or floor is mandatory");
            }
        }
        if (c.string("outbound") != null) {
            outbound = rate(c.raw("outbound"));
            if (outbound.average() <= 0) {
                throw new CommandError("outbound average is mandatory");
            }
            if (outbound.floor() > 0) {
                throw new CommandError("outbound floor is unsupported yet");
            }
        }
        Xml xml = new Xml();
        xml.open("<interface type='" + type + "'" + (c.has("managed") ? " managed='yes'" : "") + ">");
        switch (type) {
            case "network", "bridge" -> xml.line("<source " + type + "='" + esc(source) + "'/>");
            case "direct" -> xml.line("<source dev='" + esc(source) + "'/>");
            case "hostdev" -> {
                long[] pci = pciAddress(source);
                xml.open("<source>");
                xml.line(String.format(Locale.ROOT,
                        "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>",
                        pci[0], pci[1], pci[2], pci[3]));
                xml.close("</source>");
            }
            default -> { // vhostuser
                if (sourceMode == null) {
                    throw new CommandError("source-mode is mandatory");
                }
                xml.line("<source type='unix' path='" + esc(source) + "' mode='" + sourceMode + "'/>");
            }
        }
        element(xml, "target", "dev", c.raw("target"));
        element(xml, "mac", "address", c.raw("mac"));
        element(xml, "script", "path", c.raw("script"));
        element(xml, "model", "type", c.raw("model"));
        element(xml, "alias", "name", c.raw("alias"));
        if (inbound != null || outbound != null) {
            xml.open("<bandwidth>");
            if (inbound != null) {
                StringBuilder in = new StringBuilder("<inbound");
                rateAttrs(in, inbound, true);
                xml.line(in + "/>");
            }
            if (outbound != null) {
                StringBuilder out = new StringBuilder("<outbound");
                rateAttrs(out, outbound, false);
                xml.line(out + "/>");
            }
            xml.close("</bandwidth>");
        }
        xml.close("</interface>");
        attach(s, c, xml.toString(), "Interface");
    }

    private static void rateAttrs(StringBuilder b, Rate r, boolean withFloor) {
        if (r.average() > 0) {
            b.append(" average='").append(r.average()).append('\'');
        }
        if (r.peak() > 0) {
            b.append(" peak='").append(r.peak()).append('\'');
        }
        if (r.burst() > 0) {
            b.append(" burst='").append(r.burst()).append('\'');
        }
        if (withFloor && r.floor() > 0) {
            b.append(" floor='").append(r.floor()).append('\'');
        }
    }

    /** virsh's virshParseRateStr: up to four comma-separated unsigned numbers, empty ones allowed. */
    private static Rate rate(String text) {
        String[] fields = text.split(",", -1);
        if (fields.length > 4) {
            throw new CommandError("Rate string '" + text + "' has too many fields");
        }
        String[] names = {"average", "peak", "burst", "floor"};
        long[] v = {0, 0, 0, 0};
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isEmpty()) {
                continue;
            }
            java.math.BigInteger parsed = VirshNumbers.parseUnsignedLong(fields[i]);
            if (parsed == null) {
                throw new CommandError("field '" + names[i] + "' is malformed");
            }
            v[i] = parsed.longValue();
        }
        return new Rate(v[0], v[1], v[2], v[3]);
    }

    /** A PCI address {@code DDDD:BB:SS.F} as virsh's virPCIDeviceAddressParse reads it. */
    private static long[] pciAddress(String text) {
        String[] parts = text.split("[:.]", -1);
        if (parts.length != 4) {
            throw new CommandError("cannot parse pci address '" + text + "' for network interface");
        }
        long[] n = new long[4];
        for (int i = 0; i < 4; i++) {
            try {
                n[i] = Long.parseUnsignedLong(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new CommandError("cannot parse pci address '" + text + "' for network interface");
            }
        }
        return n;
    }

    private static void element(Xml xml, String name, String attr, String value) {
        if (value != null) {
            xml.line("<" + name + " " + attr + "='" + esc(value) + "'/>");
        }
    }

    private static void attr(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append("='").append(esc(value)).append('\'');
        }
    }

    /** An attribute value as libvirt's buffer escapes it. */
    private static String esc(String value) {
        return ShellCommands.escapeXml(value);
    }

    /** Indented XML lines, two blanks a level, as libvirt's virBuffer. */
    private static final class Xml {
        private final StringBuilder text = new StringBuilder();
        private int depth;

        void open(String line) {
            line(line);
            depth++;
        }

        void close(String line) {
            depth--;
            line(line);
        }

        void line(String line) {
            text.append("  ".repeat(depth)).append(line).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
