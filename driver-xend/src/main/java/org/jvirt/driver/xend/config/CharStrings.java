package org.jvirt.driver.xend.config;

import java.util.Set;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.xml.XmlElement;

/**
 * The character device strings of qemu-dm, which xend passes on for an HVM guest's serial and
 * parallel ports: {@code pty}, {@code null}, {@code stdio}, {@code vc}, a device path
 * ({@code /dev/ttyS0}), {@code file:PATH}, {@code pipe:PATH}, {@code tcp:HOST:PORT[,listen]},
 * {@code telnet:HOST:PORT[,listen]}, {@code udp:[HOST]:PORT[@[HOST]:PORT]} (remote, then local) and
 * {@code unix:PATH[,listen]} — read and written as libvirt 0.4.4 did.
 */
final class CharStrings {
    private CharStrings() {
    }

    /**
     * The device element of {@code kind} ({@code serial}, {@code parallel}, {@code console}) at port
     * {@code port} that {@code value} describes; {@code tty} is the pty xenstore named, or null.
     *
     * @throws org.jvirt.api.VirtException INTERNAL_ERROR when the string is of no known type or malformed
     */
    static XmlElement read(String kind, int port, String value, String tty) {
        String type;
        String rest = value;
        boolean telnet = false;
        if (value.startsWith("/")) {
            type = "dev";
        } else if (value.startsWith("null") || value.startsWith("vc") || value.startsWith("pty")
                || value.startsWith("stdio")) {
            type = value.startsWith("null") ? "null" : value.startsWith("vc") ? "vc"
                    : value.startsWith("pty") ? "pty" : "stdio";
            rest = null;
        } else {
            int colon = value.indexOf(':');
            type = colon < 0 ? "" : value.substring(0, colon);
            rest = colon < 0 ? null : value.substring(colon + 1);
            telnet = type.equals("telnet");
            if (telnet) {
                type = "tcp";
            }
            if (!Set.of("file", "pipe", "tcp", "udp", "unix").contains(type)) {
                throw XendErrors.incorrect("unknown char device type of '" + value + "'");
            }
        }
        XmlElement.Builder device = XmlElement.builder(kind).attribute("type", type);
        if (kind.equals("console") && type.equals("pty") && tty != null) {
            // libvirt 0.4's <console tty=>, kept for old readers.
            device.attribute("tty", tty);
        }
        switch (type) {
            case "pty" -> {
                if (tty != null) {
                    device.child(path(tty));
                }
            }
            // libvirt 0.4.4 wrote no source for a device path, which libvirt 9 refuses; later libvirt did.
            case "dev", "file", "pipe" -> device.child(path(rest));
            case "tcp" -> tcp(device, rest, value, telnet);
            case "udp" -> udp(device, rest, value);
            case "unix" -> {
                int comma = rest.indexOf(',');
                String mode = comma >= 0 && rest.substring(comma).contains(",listen") ? "bind" : "connect";
                device.child(XmlElement.builder("source").attribute("mode", mode)
                        .attribute("path", comma < 0 ? rest : rest.substring(0, comma)).build());
            }
            default -> {
                // null, vc, stdio: no source
            }
        }
        return device.child(XmlElement.builder("target").attribute("port", Integer.toString(port)).build()).build();
    }

    private static void tcp(XmlElement.Builder device, String rest, String value, boolean telnet) {
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw malformed(value);
        }
        int comma = rest.indexOf(',', colon);
        String host = colon == 0 ? null : rest.substring(0, colon);
        String service = comma < 0 ? rest.substring(colon + 1) : rest.substring(colon + 1, comma);
        String mode = comma >= 0 && rest.substring(comma).contains(",listen") ? "bind" : "connect";
        device.child(network(mode, host, service));
        device.child(XmlElement.builder("protocol").attribute("type", telnet ? "telnet" : "raw").build());
    }

    private static void udp(XmlElement.Builder device, String rest, String value) {
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw malformed(value);
        }
        String connectHost = colon == 0 ? null : rest.substring(0, colon);
        int at = rest.indexOf('@', colon);
        String connectService = at < 0 ? rest.substring(colon + 1) : rest.substring(colon + 1, at);
        device.child(network("connect", connectHost, connectService));
        if (at >= 0) {
            int bindColon = rest.indexOf(':', at);
            if (bindColon < 0) {
                throw malformed(value);
            }
            String bindHost = bindColon > at + 1 ? rest.substring(at + 1, bindColon) : null;
            device.child(network("bind", bindHost, rest.substring(bindColon + 1)));
        }
    }

    private static XmlElement path(String path) {
        return XmlElement.builder("source").attribute("path", path).build();
    }

    private static XmlElement network(String mode, String host, String service) {
        XmlElement.Builder source = XmlElement.builder("source").attribute("mode", mode);
        if (host != null) {
            source.attribute("host", host);
        }
        return source.attribute("service", service).build();
    }

    private static VirtException malformed(String value) {
        return XendErrors.incorrect("malformed char device string '" + value + "'");
    }

    /**
     * The string for {@code device}, as libvirt 0.4.4's virDomainParseXMLOSDescHVMChar wrote it.
     *
     * @throws org.jvirt.api.VirtException XML_ERROR when a path, host or service it needs is missing;
     *         CONFIG_UNSUPPORTED for a type qemu-dm does not have
     */
    static String write(CharDevice device) {
        String type = device.type();
        switch (type) {
            case "pty":
                return "pty";
            case "null", "stdio", "vc":
                return type;
            case "file", "dev", "pipe": {
                String path = firstPath(device);
                return type.equals("dev") ? path : type + ":" + path;
            }
            case "unix": {
                String path = firstPath(device);
                String mode = firstMode(device);
                return "unix:" + path + (mode == null || mode.equals("connect") ? "" : ",listen");
            }
            case "tcp":
                return tcp(device);
            case "udp":
                return udp(device);
            default:
                throw XendErrors.unsupported("qemu-dm has no character device of type '" + type + "' ("
                        + device.kind() + ")");
        }
    }

    /**
     * TCP: the first mode given decides the end, and a source counts for the end that was decided
     * when it was read (libvirt 0.4.4 read them so).
     */
    private static String tcp(CharDevice device) {
        String mode = null;
        String[] connect = new String[2];
        String[] bind = new String[2];
        for (CharSource s : device.sources()) {
            mode = mode == null ? s.mode() : mode;
            String[] end = mode == null || mode.equals("connect") ? connect : bind;
            end[0] = end[0] == null ? s.host() : end[0];
            end[1] = end[1] == null ? s.service() : end[1];
        }
        boolean isConnect = mode == null || mode.equals("connect");
        String[] end = isConnect ? connect : bind;
        if (end[0] == null) {
            throw XendErrors.xml("Missing source host attribute for char device " + device.kind());
        }
        if (end[1] == null) {
            throw XendErrors.xml("Missing source service attribute for char device " + device.kind());
        }
        String scheme = "telnet".equals(device.protocol()) ? "telnet" : "tcp";
        return scheme + ":" + end[0] + ":" + end[1] + (isConnect ? "" : ",listen");
    }

    /** UDP: each source's own mode says whether it is the remote (connect) or the local (bind) end. */
    private static String udp(CharDevice device) {
        String connectHost = null;
        String connectService = null;
        String bindHost = null;
        String bindService = null;
        for (CharSource s : device.sources()) {
            if (s.mode() == null || s.mode().equals("connect")) {
                connectHost = connectHost == null ? s.host() : connectHost;
                connectService = connectService == null ? s.service() : connectService;
            } else {
                bindHost = bindHost == null ? s.host() : bindHost;
                bindService = bindService == null ? s.service() : bindService;
            }
        }
        if (connectService == null) {
            throw XendErrors.xml("Missing source service attribute for char device " + device.kind());
        }
        String local = bindHost == null && bindService == null ? "" : "@" + nonNull(bindHost) + ":" + nonNull(bindService);
        // libvirt 0.4.4 wrote "@:" for no local end, which qemu-dm cannot read; it goes.
        return "udp:" + nonNull(connectHost) + ":" + connectService + local;
    }

    private static String firstPath(CharDevice device) {
        for (CharSource s : device.sources()) {
            if (s.path() != null) {
                return s.path();
            }
        }
        throw XendErrors.xml("Missing source path attribute for char device " + device.kind());
    }

    private static String firstMode(CharDevice device) {
        for (CharSource s : device.sources()) {
            if (s.mode() != null) {
                return s.mode();
            }
        }
        return null;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
