package org.jvirt.driver.xend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.http.XendHttp;
import org.jvirt.driver.xend.http.XendResponse;
import org.jvirt.driver.xend.sexpr.Atom;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.driver.xend.sexpr.SexprReader;

/**
 * xend's resources as libvirt 0.4.4 used them: documents read with {@code GET} and parsed as
 * S-expressions, operations posted as {@code op=...} forms to {@code /xend/node/},
 * {@code /xend/domain/} or {@code /xend/domain/NAME}. xend's failures become libvirt's errors: an
 * unknown domain (404) is {@link ErrorCode#NO_DOMAIN}; any other failed {@code GET} is
 * {@link ErrorCode#GET_FAILED} and {@code POST} {@link ErrorCode#POST_FAILED}, with xend's own message.
 * Thread-safe.
 */
final class XendClient {
    private final XendHttp http;

    XendClient(XendHttp http) {
        this.http = http;
    }

    XendHttp http() {
        return http;
    }

    /** {@code GET /xend/node/}. */
    SexprList node() {
        return document("/xend/node/", null);
    }

    /** The names of the running domains ({@code GET /xend/domain}), or of the inactive ones xend keeps. */
    java.util.List<String> domainNames(boolean inactive) {
        SexprList names = document(inactive ? "/xend/domain?state=halted" : "/xend/domain", null);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Sexpr s : names.items()) {
            if (s instanceof Atom a) {
                out.add(a.value());
            }
        }
        return out;
    }

    /** Every domain's document ({@code GET /xend/domain?detail=1}). */
    java.util.List<SexprList> domains(boolean inactive) {
        SexprList all = document("/xend/domain?detail=1" + (inactive ? "&state=halted" : ""), null);
        java.util.List<SexprList> out = new java.util.ArrayList<>();
        for (Sexpr s : all.items()) {
            if (s instanceof SexprList l && l.isNamed("domain")) {
                out.add(l);
            }
        }
        return out;
    }

    /** A domain's document by name, id or UUID; empty when xend knows no such domain. */
    Optional<SexprList> domain(String nameIdOrUuid) {
        return optional("/xend/domain/" + path(nameIdOrUuid) + "?detail=1", nameIdOrUuid);
    }

    /**
     * What a domain xend manages boots with next ({@code ?detail=1&inactive=1}); empty for a domain xend
     * does not manage (404), which has no such configuration.
     */
    Optional<SexprList> domainNextBoot(String name) {
        return optional("/xend/domain/" + path(name) + "?detail=1&inactive=1", name);
    }

    /** The document at {@code path}; empty when xend answers that it has no such domain. */
    private Optional<SexprList> optional(String path, String domain) {
        try {
            return Optional.of(document(path, domain));
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A domain's document, or NO_DOMAIN naming it. */
    SexprList requireDomain(String name) {
        return document("/xend/domain/" + path(name) + "?detail=1", name);
    }

    /** {@code GET /xend/domain/NAME?op=vcpuinfo}. */
    SexprList vcpuInfo(String name) {
        return document("/xend/domain/" + path(name) + "?op=vcpuinfo", name);
    }

    /** {@code POST /xend/domain/NAME} with {@code op} and its parameters (name, value, name, value...). */
    SexprList domainOp(String name, String op, String... params) {
        return post("/xend/domain/" + path(name), name, op, params);
    }

    /** {@code POST /xend/domain/} (create, new, restore). */
    SexprList domainsOp(String op, String... params) {
        return post("/xend/domain/", null, op, params);
    }

    private SexprList post(String path, String domain, String op, String... params) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("op", op);
        for (int i = 0; i + 1 < params.length; i += 2) {
            form.put(params[i], params[i + 1]);
        }
        String request = "POST " + path + " op=" + op;
        XendResponse r = http.post(path, form);
        String message = errorMessage(r);
        if (r.status() == 404 && domain != null) {
            throw noDomain(domain, request);
        }
        if (!r.isSuccess() || message != null) {
            throw XendDaemonErrors.of(ErrorCode.POST_FAILED, "xend refused " + request + ": "
                    + (message == null ? "HTTP " + r.status() : message), domain);
        }
        return r.body().isBlank() ? Sexpr.list() : parse(r, request);
    }

    private SexprList document(String path, String domain) {
        String request = "GET " + path;
        XendResponse r = http.get(path);
        if (r.status() == 404 && domain != null) {
            throw noDomain(domain, request);
        }
        String message = errorMessage(r);
        if (!r.isSuccess() || message != null) {
            throw XendDaemonErrors.of(ErrorCode.GET_FAILED, "xend refused " + request + ": "
                    + (message == null ? "HTTP " + r.status() : message), domain);
        }
        return parse(r, request);
    }

    private static VirtException noDomain(String domain, String request) {
        return XendDaemonErrors.of(ErrorCode.NO_DOMAIN, "Domain not found: xend has no domain '" + domain + "' ("
                + request + ")", domain);
    }

    private static SexprList parse(XendResponse r, String request) {
        try {
            Sexpr s = SexprReader.read(r.body());
            if (s instanceof SexprList l) {
                return l;
            }
            throw XendDaemonErrors.of(ErrorCode.SEXPR_SERIAL, "xend answered " + request + " with an atom, not a list: "
                    + s, null);
        } catch (VirtException e) {
            if (e.code() != ErrorCode.CONF_SYNTAX) {
                throw e;
            }
            throw new VirtException(ErrorCode.SEXPR_SERIAL, ErrorDomain.XEND, "xend answered " + request
                    + " with a malformed S-expression: " + e.getMessage(), "xend", null, e);
        }
    }

    /** xend's message when the answer is an {@code (xend.err '...')} document; null otherwise. */
    private static String errorMessage(XendResponse r) {
        String body = r.body().trim();
        if (!body.startsWith("(xend.err")) {
            return r.isSuccess() ? null : body.isEmpty() ? null : body;
        }
        try {
            Sexpr s = SexprReader.read(body);
            if (s instanceof SexprList l && l.size() > 1 && l.get(1) instanceof Atom a) {
                return a.value();
            }
        } catch (VirtException e) {
            // Not a well-formed error document: its text is the message.
        }
        return body;
    }

    private static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
