package org.jvirt.proxy.remote.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A remote URI split as libvirt's {@code virURIParse} splits it (libxml2's parser, then libvirt's own reading of
 * the query): the core's {@link org.jvirt.spi.ConnectUri} keeps one value per name in no order, while libvirt keeps
 * every parameter, in order, and names the remote driver's own without regard to case.
 *
 * @param scheme the whole scheme as written, e.g. {@code qemu+ssh}
 * @param user the user, unescaped, or null
 * @param server the host, unescaped, IPv6 brackets removed, or null when absent or empty
 * @param port the port, or 0 when absent (libvirt's "no port")
 * @param path the path, unescaped, or null when the URI has none ({@code qemu+ssh://host})
 * @param params the query's parameters in order, duplicates kept
 * @param fragment the fragment, unescaped, or null
 */
public record RemoteUri(String scheme, String user, String server, int port, String path, List<Param> params,
                        String fragment) {
    /** One query parameter, unescaped; a parameter written without {@code =} has the value "". */
    public record Param(String name, String value) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public RemoteUri {
        Objects.requireNonNull(scheme, "scheme");
        params = List.copyOf(params);
    }

    /** The driver part of the scheme, before {@code +}: {@code qemu} of {@code qemu+ssh}. */
    public String driver() {
        int plus = scheme.indexOf('+');
        return plus < 0 ? scheme : scheme.substring(0, plus);
    }

    /** The transport part of the scheme, after {@code +}, as written; null without one. */
    public String transport() {
        int plus = scheme.indexOf('+');
        return plus < 0 ? null : scheme.substring(plus + 1);
    }

    /**
     * Splits {@code text}: {@code scheme:[//[user@]host[:port]][path][?query][#fragment]}.
     *
     * @throws VirtException INVALID_ARG (URI domain) without a scheme or with a port that is not a number
     */
    public static RemoteUri parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "no scheme");
        }
        String scheme = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = unescape(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null;
        String server = null;
        int port = 0;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                user = unescape(authority.substring(0, at));
                authority = authority.substring(at + 1);
            }
            int portColon = authority.startsWith("[") ? authority.indexOf(':', Math.max(0, authority.indexOf(']')))
                    : authority.lastIndexOf(':');
            if (portColon >= 0) {
                String digits = authority.substring(portColon + 1);
                authority = authority.substring(0, portColon);
                if (!digits.isEmpty()) {
                    try {
                        port = Integer.parseInt(digits);
                    } catch (NumberFormatException e) {
                        throw invalid(text, "bad port '" + digits + "'");
                    }
                }
            }
            if (authority.startsWith("[") && authority.endsWith("]")) {
                authority = authority.substring(1, authority.length() - 1);
            }
            server = authority.isEmpty() ? null : unescape(authority);
            if (server == null) {
                port = 0; // libvirt: a port without a host is no port
            }
        }
        String path = rest.isEmpty() ? null : unescape(rest);
        return new RemoteUri(scheme, user, server, port, path, params(query), fragment);
    }

    /**
     * libvirt's {@code virURIParseParams}, quirks included: a part runs to the next {@code &}, or to the next
     * {@code ;} only when no {@code &} follows; {@code =value} is dropped, {@code name} alone has the value "".
     */
    private static List<Param> params(String query) {
        List<Param> params = new ArrayList<>();
        if (query == null) {
            return params;
        }
        int at = 0;
        while (at < query.length()) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = query.indexOf(';', at);
            }
            if (end < 0) {
                end = query.length();
            }
            int eq = query.indexOf('=', at);
            if (eq >= end) {
                eq = -1;
            }
            if (end > at && eq != at) {
                String name = unescape(query.substring(at, eq < 0 ? end : eq));
                String value = eq < 0 ? "" : unescape(query.substring(eq + 1, end));
                params.add(new Param(name, value));
            }
            at = end < query.length() ? end + 1 : end;
        }
        return params;
    }

    /** libxml2's {@code xmlURIUnescapeString}: {@code %XX} decoded, a malformed escape kept as written; UTF-8. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static VirtException invalid(String text, String why) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.URI,
                ErrorCode.INVALID_ARG.format("Unable to parse URI " + text + ": " + why), null, text, null);
    }
}
