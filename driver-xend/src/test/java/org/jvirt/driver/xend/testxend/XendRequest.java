package org.jvirt.driver.xend.testxend;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as the test xend received it: method, path without the query, and the parameters of the
 * query string and of a form-encoded body, decoded (xend's {@code cgi} reading of them).
 */
record XendRequest(String method, String path, Map<String, String> params) {

    static XendRequest of(String method, String target, String body) {
        int q = target.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            decodeInto(target.substring(q + 1), params);
        }
        if (body != null && !body.isEmpty()) {
            decodeInto(body, params);
        }
        return new XendRequest(method, q >= 0 ? target.substring(0, q) : target, params);
    }

    private static void decodeInto(String form, Map<String, String> into) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
    }

    String param(String name) {
        return params.get(name);
    }
}
