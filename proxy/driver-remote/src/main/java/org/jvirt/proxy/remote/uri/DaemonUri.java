package org.jvirt.proxy.remote.uri;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The URI the daemon is asked to open, derived as libvirt's {@code doRemoteOpen} derives its {@code name}: the
 * driver part of the scheme, no host, the path, the parameters the remote driver did not take, the fragment —
 * written back as libxml2's {@code xmlSaveUri} and libvirt's {@code virURIFormatParams} write them.
 */
final class DaemonUri {
    private static final String MARKS = "-_.!~*'()";

    private DaemonUri() {
    }

    /**
     * {@code qemu:///system} for {@code qemu+ssh://host/system}; "" (the daemon chooses) for the scheme
     * {@code remote}; {@code name} itself when the URI gave one.
     */
    static String of(RemoteUri uri, String name, List<RemoteUri.Param> forwarded) {
        if (name != null) {
            return name;
        }
        if (uri.scheme().equals("remote") || uri.scheme().startsWith("remote+")) {
            return "";
        }
        StringBuilder b = new StringBuilder(uri.driver()).append("://");
        if (uri.path() != null) {
            escape(b, uri.path(), "/;@&=+$,");
        }
        if (!forwarded.isEmpty()) {
            b.append('?');
            for (int i = 0; i < forwarded.size(); i++) {
                RemoteUri.Param p = forwarded.get(i);
                b.append(i == 0 ? "" : "&").append(p.name()).append('=');
                escapeValue(b, p.value());
            }
        }
        if (uri.fragment() != null) {
            b.append('#');
            escape(b, uri.fragment(), ";/?:@&=+$,[]");
        }
        return b.toString();
    }

    /** xmlSaveUri: letters, digits, marks and {@code kept} as they are, every other byte %XX. */
    private static void escape(StringBuilder b, String s, String kept) {
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (c & 0xff);
            if (isAlnum(ch) || MARKS.indexOf(ch) >= 0 || kept.indexOf(ch) >= 0) {
                b.append(ch);
            } else {
                percent(b, c);
            }
        }
    }

    /** GLib's {@code g_string_append_uri_escaped} without reserved characters: only {@code A-Za-z0-9-._~} stay. */
    private static void escapeValue(StringBuilder b, String s) {
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (c & 0xff);
            if (isAlnum(ch) || "-._~".indexOf(ch) >= 0) {
                b.append(ch);
            } else {
                percent(b, c);
            }
        }
    }

    private static boolean isAlnum(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9';
    }

    private static void percent(StringBuilder b, byte c) {
        b.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
    }
}
