package org.jvirt.proxy.daemon.config;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Reads jvirtd's configuration file, written as libvirtd.conf is ({@code virconf}): one
 * {@code name = value} a line, values integers or double-quoted strings, {@code #} comments. Names
 * libvirtd has and jvirtd does not use are logged and skipped, so that a libvirtd.conf can be given as
 * it is; a line that is not a setting, a value of the wrong kind or out of range is an error naming
 * the file and line, and nothing is applied.
 */
public final class ConfigFile {
    private static final Logger LOG = System.getLogger(ConfigFile.class.getName());

    /** Files larger than this are refused before reading: a configuration is a few kilobytes. */
    static final long MAX_BYTES = 1 << 20;

    private static final Set<String> STRINGS = Set.of("unix_sock_dir", "unix_sock_rw_perms", "unix_sock_ro_perms", "listen_addr");
    private static final Set<String> NUMBERS = Set.of("listen_tcp", "tcp_port", "max_clients", "max_workers",
            "max_client_requests", "keepalive_interval", "keepalive_count", "shutdown_timeout");

    private ConfigFile() {
    }

    /**
     * {@code base} changed by the settings in {@code file}.
     *
     * @throws VirtException CONF_SYNTAX naming the file and line for a malformed file, a setting of the wrong kind or a
     *     value out of range; SYSTEM_ERROR when it cannot be read
     */
    public static DaemonConfig read(Path file, DaemonConfig base) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw error(file, 0, "the file is larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.CONF,
                    "cannot read configuration file " + file + ": " + e.getMessage(), null, file.toString(), e);
        }
        return apply(file, parse(file, text), base);
    }

    /** The settings of {@code text}, by name, values as strings (unquoted) or longs. */
    static Map<String, Setting> parse(Path file, String text) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(file, i + 1, lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(file, i + 1, "expected 'name = value', found '" + line + "'");
            }
            String name = line.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(file, i + 1, "'" + name + "' is not a setting name");
            }
            settings.put(name, value(file, i + 1, line.substring(eq + 1).strip()));
        }
        return settings;
    }

    /** A setting's value: a string or a number, with the line it came from. */
    record Setting(Object value, int line) {
    }

    private static String stripComment(Path file, int line, String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return s.substring(0, i);
            }
        }
        if (quoted) {
            throw error(file, line, "a string is not closed");
        }
        return s;
    }

    private static Setting value(Path file, int line, String v) {
        if (v.startsWith("\"")) {
            if (v.length() < 2 || !v.endsWith("\"") || v.substring(1, v.length() - 1).contains("\"")) {
                throw error(file, line, "malformed string " + v);
            }
            return new Setting(v.substring(1, v.length() - 1), line);
        }
        if (v.startsWith("[")) {
            return new Setting(List.of(v), line); // lists (e.g. access_drivers): libvirtd's, unused here
        }
        try {
            return new Setting(Long.parseLong(v), line);
        } catch (NumberFormatException e) {
            throw error(file, line, "expected a number or a double-quoted string, found '" + v + "'");
        }
    }

    private static DaemonConfig apply(Path file, Map<String, Setting> s, DaemonConfig b) {
        List<String> unused = new ArrayList<>();
        for (Map.Entry<String, Setting> e : s.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue().value();
            if (STRINGS.contains(name) && !(value instanceof String)) {
                throw error(file, e.getValue().line(), name + " takes a double-quoted string");
            }
            if (NUMBERS.contains(name) && !(value instanceof Long)) {
                throw error(file, e.getValue().line(), name + " takes a number");
            }
            if (!STRINGS.contains(name) && !NUMBERS.contains(name)) {
                unused.add(name);
            }
        }
        if (!unused.isEmpty()) {
            LOG.log(Level.INFO, "{0}: settings jvirtd does not use: {1}", file, unused);
        }
        try {
            return new DaemonConfig(
                    s.containsKey("unix_sock_dir") ? Path.of((String) s.get("unix_sock_dir").value()) : b.socketDir(),
                    perms(file, s, "unix_sock_rw_perms", b.readWritePerms()),
                    perms(file, s, "unix_sock_ro_perms", b.readOnlyPerms()),
                    number(file, s, "listen_tcp", b.listenTcp() ? 1 : 0) != 0,
                    s.containsKey("listen_addr") ? (String) s.get("listen_addr").value() : b.tcpAddress(),
                    number(file, s, "tcp_port", b.tcpPort()),
                    number(file, s, "max_clients", b.maxClients()),
                    number(file, s, "max_workers", b.maxWorkers()),
                    number(file, s, "max_client_requests", b.maxClientRequests()),
                    number(file, s, "keepalive_interval", b.keepaliveInterval()),
                    number(file, s, "keepalive_count", b.keepaliveCount()),
                    number(file, s, "shutdown_timeout", b.shutdownTimeoutSeconds()));
        } catch (IllegalArgumentException e) {
            throw error(file, 0, e.getMessage());
        }
    }

    private static int number(Path file, Map<String, Setting> s, String name, int fallback) {
        Setting v = s.get(name);
        if (v == null) {
            return fallback;
        }
        long n = (Long) v.value();
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw error(file, v.line(), name + " " + n + " is out of range");
        }
        return (int) n;
    }

    private static Set<PosixFilePermission> perms(Path file, Map<String, Setting> s, String name, Set<PosixFilePermission> fallback) {
        Setting v = s.get(name);
        if (v == null) {
            return fallback;
        }
        String octal = (String) v.value();
        if (!octal.matches("0?[0-7]{3}")) {
            throw error(file, v.line(), name + " '" + octal + "' is not an octal mode such as \"0600\"");
        }
        int mode = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    private static VirtException error(Path file, int line, String detail) {
        return VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                file + (line > 0 ? ":" + line : "") + ": " + detail, file.toString());
    }
}
