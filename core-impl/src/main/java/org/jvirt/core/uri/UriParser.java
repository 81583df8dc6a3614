package org.jvirt.core.uri;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.ConnectUri;

/**
 * Parses libvirt's connection URI grammar {@code driver[+transport]://[user@][host][:port]/[path][?query]}
 * without {@link java.net.URI}'s strictness (libvirt accepts {@code test:///default} and bare
 * {@code test:///}, and query values with unescaped characters).
 */
public final class UriParser {
    /** The environment variable naming the URI used when none is given, as libvirt's {@code LIBVIRT_DEFAULT_URI}. */
    public static final String DEFAULT_URI_VARIABLE = "JVIRT_DEFAULT_URI";
    /** jvirt's embedded default when nothing else is configured. */
    public static final String BUILT_IN_DEFAULT = "test:///default";

    private UriParser() {
    }

    /** The URI to use when the caller gave none: {@code $JVIRT_DEFAULT_URI}, else {@value #BUILT_IN_DEFAULT}. */
    public static String defaultUri() {
        String configured = System.getenv(DEFAULT_URI_VARIABLE);
        return configured == null || configured.isBlank() ? BUILT_IN_DEFAULT : configured.trim();
    }

    /**
     * @throws VirtException INVALID_ARG (from URI) naming the URI and what is wrong with it
     */
    public static ConnectUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "empty URI");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "no scheme");
        }
        String schemePart = text.substring(0, colon).toLowerCase(Locale.ROOT);
        for (int i = 0; i < schemePart.length(); i++) {
            char c = schemePart.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                throw invalid(text, "bad character '" + c + "' in scheme");
            }
        }
        int plus = schemePart.indexOf('+');
        String scheme = plus < 0 ? schemePart : schemePart.substring(0, plus);
        String transport = plus < 0 ? null : schemePart.substring(plus + 1);
        if (scheme.isEmpty()) {
            throw invalid(text, "no driver in scheme");
        }
        String rest = text.substring(colon + 1);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null;
        String host = null;
        int port = -1;
        String path;
        if (rest.startsWith("//")) {
            String authorityAndPath = rest.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
            path = slash < 0 ? "" : authorityAndPath.substring(slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                user = decode(text, authority.substring(0, at));
                authority = authority.substring(at + 1);
            }
            int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
            if (portColon >= 0) {
                String portText = authority.substring(portColon + 1);
                authority = authority.substring(0, portColon);
                if (!portText.isEmpty()) {
                    try {
                        port = Integer.parseInt(portText);
                    } catch (NumberFormatException e) {
                        throw invalid(text, "bad port '" + portText + "'");
                    }
                    if (port < 0 || port > 65535) {
                        throw invalid(text, "port " + port + " out of range");
                    }
                }
            }
            host = authority.isEmpty() ? null : authority;
        } else {
            path = rest;
        }
        return new ConnectUri(text, scheme, transport, user, host, port, decode(text, path), parseQuery(text, query));
    }

    private static Map<String, String> parseQuery(String text, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(text, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(text, pair.substring(eq + 1));
            params.put(name, value);
        }
        return params;
    }

    private static String decode(String text, String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "bad escape in '" + part + "'");
        }
    }

    private static VirtException invalid(String text, String why) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.URI,
                "Unable to parse URI " + text + ": " + why, text);
    }
}
