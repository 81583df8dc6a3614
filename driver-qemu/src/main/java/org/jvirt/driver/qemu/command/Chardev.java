package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.opt;

import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.xml.XmlElement;

/**
 * The host side of a character device as one {@code -chardev} value, written as libvirt 9's
 * {@code qemuBuildChardevStr} writes it: the backend and its id, then the backend's options in
 * libvirt's order, then the log file. Takes what {@link DeviceValidate} accepted. Stateless.
 */
final class Chardev {
    private Chardev() {
    }

    /**
     * The {@code -chardev} value of {@code c}'s host side, named {@code id}. A unix socket without a
     * path has had one given by {@link ChannelPaths} before.
     */
    static String of(CharDevice c, String id) {
        CharSource src = c.sources().isEmpty() ? null : c.sources().get(0);
        StringBuilder s = new StringBuilder();
        switch (c.type()) {
            case "null", "vc", "pty" -> s.append(c.type()).append(",id=").append(id);
            case "dev" -> s.append(id.startsWith("charparallel") ? "parallel" : "serial").append(",id=").append(id)
                    .append(",path=").append(opt(src.path()));
            case "file" -> {
                s.append("file,id=").append(id).append(",path=").append(opt(src.path()));
                String append = CharOptions.append(c);
                if (append != null) {
                    s.append(",append=").append(append);
                }
            }
            case "spicevmc" -> s.append("spicevmc,id=").append(id).append(",name=vdagent");
            case "pipe" -> s.append("pipe,id=").append(id).append(",path=").append(opt(src.path()));
            case "udp" -> {
                CharSource connect = udpSource(c, false);
                CharSource bind = udpSource(c, true);
                s.append("udp,id=").append(id)
                        .append(",host=").append(connect.host() == null ? "" : connect.host())
                        .append(",port=").append(connect.service())
                        .append(",localaddr=").append(bind == null || bind.host() == null ? "" : bind.host())
                        .append(",localport=").append(bind == null || bind.service() == null ? "0" : bind.service());
            }
            case "tcp" -> {
                s.append("socket,id=").append(id).append(",host=")
                        .append(src.host() == null ? "127.0.0.1" : src.host()).append(",port=").append(src.service());
                if ("telnet".equals(c.protocol())) {
                    s.append(",telnet=on");
                }
                if (listens(c)) {
                    s.append(",server=on,wait=off");
                }
                reconnect(s, c);
            }
            case "unix" -> {
                s.append("socket,id=").append(id).append(",path=").append(opt(src.path()));
                if (listens(c)) {
                    s.append(",server=on,wait=off");
                }
                reconnect(s, c);
            }
            default -> throw new IllegalStateException("character device type '" + c.type() + "' was not validated");
        }
        XmlElement log = CharOptions.log(c);
        if (log != null) {
            s.append(",logfile=").append(opt(log.attribute("file")));
            if (log.attribute("append") != null) {
                s.append(",logappend=").append(log.attribute("append"));
            }
        }
        return s.toString();
    }

    /**
     * Whether a socket device listens: {@code mode='bind'}, or a unix socket without a path (libvirt
     * gives it one and binds it); otherwise, as libvirt reads a missing mode, it connects.
     */
    static boolean listens(CharDevice c) {
        CharSource src = c.sources().isEmpty() ? null : c.sources().get(0);
        return src == null ? c.type().equals("unix")
                : "bind".equals(src.mode()) || c.type().equals("unix") && src.path() == null;
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

    /** libvirt's {@code reconnect=}: the timeout when enabled, 0 when disabled, nothing when not said. */
    private static void reconnect(StringBuilder s, CharDevice c) {
        XmlElement r = CharOptions.reconnect(c);
        if (r == null) {
            return;
        }
        if ("yes".equals(r.attribute("enabled"))) {
            s.append(",reconnect=").append(r.attribute("timeout"));
        } else if ("no".equals(r.attribute("enabled"))) {
            s.append(",reconnect=0");
        }
    }
}
