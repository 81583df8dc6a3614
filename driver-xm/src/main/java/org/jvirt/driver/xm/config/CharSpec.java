package org.jvirt.driver.xm.config;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmPosition;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.xml.XmlElement;

/**
 * The host side of an HVM guest's serial or parallel port, as the string {@code serial} and
 * {@code parallel} are set to (QEMU's {@code -serial} syntax, as libvirt 0.4.4's
 * {@code xend_parse_sexp_desc_char} read it and {@code virDomainParseXMLOSDescHVMChar} wrote it):
 * <ul>
 * <li>{@code pty}, {@code null}, {@code stdio}, {@code vc}: nothing more;</li>
 * <li>{@code /dev/...}: that host device; {@code file:PATH}, {@code pipe:PATH};</li>
 * <li>{@code tcp:[HOST]:PORT[,listen]}, and {@code telnet:} for the telnet protocol
 *     ({@code ,server} is read as {@code ,listen}, as libvirt's later reader did);</li>
 * <li>{@code udp:[HOST]:PORT[@[HOST]:PORT]}: where it sends, then where it receives;</li>
 * <li>{@code unix:PATH[,listen]}.</li>
 * </ul>
 * Stateless.
 */
final class CharSpec {
    private CharSpec() {
    }

    /** The {@code <KIND>} element (serial, parallel, console) of {@code value}, set to {@code key} at {@code at}. */
    static XmlElement element(String kind, String value, String key, XmPosition at) {
        int colon = value.indexOf(':');
        String type = value.startsWith("/") ? "dev" : colon < 0 ? value : value.substring(0, colon);
        String rest = colon < 0 ? "" : value.substring(colon + 1);
        XmlElement.Builder chr;
        switch (type) {
            case "pty", "null", "stdio", "vc" -> chr = Xml.element(kind, "type", type);
            case "dev" -> chr = Xml.element(kind, "type", "dev").child(Xml.empty("source", "path", value));
            case "file", "pipe" -> chr = Xml.element(kind, "type", type).child(Xml.empty("source", "path", rest));
            case "tcp", "telnet" -> {
                int port = rest.indexOf(':');
                if (port < 0) {
                    throw XmErrors.setting(at, key, "'" + value + "' is malformed: expecting " + type + ":HOST:PORT");
                }
                int options = rest.indexOf(',', port);
                boolean listen = options >= 0 && (rest.indexOf(",listen", options) >= 0
                        || rest.indexOf(",server", options) >= 0);
                chr = Xml.element(kind, "type", "tcp")
                        .child(Xml.empty("source", "mode", listen ? "bind" : "connect", "host",
                                port == 0 ? null : rest.substring(0, port), "service",
                                options < 0 ? rest.substring(port + 1) : rest.substring(port + 1, options)))
                        .child(Xml.empty("protocol", "type", type.equals("telnet") ? "telnet" : "raw"));
            }
            case "udp" -> chr = udp(kind, value, rest, key, at);
            case "unix" -> {
                int options = rest.indexOf(',');
                boolean listen = options >= 0 && (rest.indexOf(",listen", options) >= 0
                        || rest.indexOf(",server", options) >= 0);
                chr = Xml.element(kind, "type", "unix").child(Xml.empty("source", "mode", listen ? "bind" : "connect",
                        "path", options < 0 ? rest : rest.substring(0, options)));
            }
            default -> throw XmErrors.setting(at, key, "'" + value + "' is no character device (pty, null, stdio, vc,"
                    + " /dev/..., file:, pipe:, tcp:, telnet:, udp:, unix:)");
        }
        return chr.child(Xml.empty("target", "port", "0")).build();
    }

    private static XmlElement.Builder udp(String kind, String value, String rest, String key, XmPosition at) {
        int port = rest.indexOf(':');
        if (port < 0) {
            throw XmErrors.setting(at, key, "'" + value + "' is malformed: expecting udp:HOST:PORT[@HOST:PORT]");
        }
        XmlElement.Builder chr = Xml.element(kind, "type", "udp");
        String connectHost = port == 0 ? null : rest.substring(0, port);
        int at2 = rest.indexOf('@', port);
        if (at2 < 0) {
            return chr.child(Xml.empty("source", "mode", "connect", "host", connectHost, "service",
                    rest.substring(port + 1)));
        }
        int bindPort = rest.indexOf(':', at2);
        if (bindPort < 0) {
            throw XmErrors.setting(at, key, "'" + value + "' is malformed: expecting udp:HOST:PORT@HOST:PORT");
        }
        return chr.child(Xml.empty("source", "mode", "connect", "host", connectHost, "service",
                        rest.substring(port + 1, at2)))
                .child(Xml.empty("source", "mode", "bind", "host", bindPort > at2 + 1 ? rest.substring(at2 + 1, bindPort)
                        : null, "service", rest.substring(bindPort + 1)));
    }

    /** The string of a port's host side. */
    static String value(DomainDefinition def, CharDevice chr) {
        return switch (chr.type()) {
            case "pty", "null", "stdio", "vc" -> chr.type();
            case "dev" -> path(def, chr);
            case "file", "pipe" -> chr.type() + ":" + path(def, chr);
            case "tcp" -> {
                CharSource s = chr.sources().isEmpty() ? null : chr.sources().get(0);
                String service = s == null ? null : s.service();
                if (service == null) {
                    throw missing(def, "service");
                }
                yield ("telnet".equals(chr.protocol()) ? "telnet:" : "tcp:") + (s.host() == null ? "" : s.host()) + ":"
                        + service + ("bind".equals(s.mode()) ? ",listen" : "");
            }
            case "udp" -> udp(def, chr);
            case "unix" -> "unix:" + path(def, chr)
                    + (!chr.sources().isEmpty() && "bind".equals(chr.sources().get(0).mode()) ? ",listen" : "");
            default -> throw XmErrors.unsupported(def.name(), "unsupported character device type '" + chr.type()
                    + "' for " + chr.kind() + " port " + chr.targetPort());
        };
    }

    private static String udp(DomainDefinition def, CharDevice chr) {
        CharSource connect = null;
        CharSource bind = null;
        for (CharSource s : chr.sources()) {
            if ("bind".equals(s.mode())) {
                bind = bind == null ? s : bind;
            } else {
                connect = connect == null ? s : connect;
            }
        }
        if (connect == null || connect.service() == null) {
            throw missing(def, "service");
        }
        String out = "udp:" + nonNull(connect.host()) + ":" + connect.service();
        if (bind != null) {
            out += "@" + nonNull(bind.host()) + ":" + nonNull(bind.service());
        }
        return out;
    }

    private static String path(DomainDefinition def, CharDevice chr) {
        String path = chr.sources().isEmpty() ? null : chr.sources().get(0).path();
        if (path == null) {
            throw missing(def, "path");
        }
        return path;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static VirtException missing(DomainDefinition def, String attribute) {
        return XmErrors.definition(ErrorCode.XML_ERROR, def.name(),
                "Missing source " + attribute + " attribute for char device");
    }
}
