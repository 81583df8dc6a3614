package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorDomain;

/**
 * How libvirt reads the host side of a character device of an inactive definition
 * (virDomainChrSourceDefParseXML and its per-type parts, virDomainChrSourceDefFormat): what each
 * type keeps of its {@code <source>} elements, the defaults it writes back (mode {@code connect},
 * TCP protocol {@code raw}), what belongs to a running guest only (a pty's path, a {@code tty},
 * a virtio channel's {@code state}), and virDomainChrDefPostParse's serial target for a console
 * that names none. Stateless.
 */
final class CharacterPostParse {
    /** Types whose host side has nothing to name: libvirt writes no source for them. */
    private static final Set<String> SOURCELESS = Set.of("null", "vc", "stdio", "spicevmc");
    private static final Set<String> PATH_TYPES = Set.of("pty", "dev", "file", "pipe");
    private static final Set<String> MODES = Set.of("connect", "bind");
    private static final Set<String> TCP_PROTOCOLS = Set.of("raw", "telnet", "telnets", "tls");

    private CharacterPostParse() {
    }

    static CharDevice apply(CharDevice chr) {
        int sources = chr.sources().size();
        if (sources > 2) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "only two source elements are allowed for character device");
        }
        if (sources > 1 && !chr.type().equals("udp")) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "only one source element is allowed for character device");
        }
        for (CharSource s : chr.sources()) {
            if (s.mode() != null && !MODES.contains(s.mode())) {
                throw XmlValues.invalid(ErrorDomain.DOMAIN,
                        "Invalid value for attribute 'mode' in element 'source': '" + s.mode() + "'.");
            }
        }
        List<CharSource> kept = sources(chr);
        CharDevice.Builder b = chr.toBuilder().tty(null).sources(kept);
        Unknowns u = chr.unknowns();
        if (chr.type().equals("tcp")) {
            String protocol = chr.protocol() == null ? "raw" : chr.protocol();
            if (!TCP_PROTOCOLS.contains(protocol)) {
                throw DomainErrors.unsupported("Unknown protocol '" + protocol + "'");
            }
            b.protocol(protocol);
        } else {
            b.protocol(null);
            u = u.without("protocol");
        }
        if (kept.isEmpty()) {
            for (int n = 1; n <= sources; n++) {
                u = u.without("source[" + n + "]");
            }
        }
        String address = u.attributesAt("target").get("address");
        if (chr.kind().equals("channel") && "guestfwd".equals(chr.targetType()) && address != null
                && address.indexOf(':') >= 0) {
            throw DomainErrors.unsupported("guestfwd channel only supports IPv4 addresses");
        }
        if (chr.kind().equals("channel") && "virtio".equals(chr.targetType())) {
            // The state of a virtio port is the running guest's (read only without PARSE_INACTIVE).
            u = u.withoutAttribute("target", "state");
        }
        if (chr.kind().equals("console") && chr.targetType() == null) {
            b.target("serial", chr.targetPort());
        }
        CharDevice done = b.unknowns(u).build();
        return done.equals(chr) ? chr : done;
    }

    /** The sources libvirt keeps for the device's type, as it writes them back. */
    private static List<CharSource> sources(CharDevice chr) {
        List<CharSource> given = chr.sources();
        CharSource first = given.isEmpty() ? null : given.get(0);
        String type = chr.type();
        if (type.equals("udp")) {
            return udpSources(given);
        }
        if (first == null || SOURCELESS.contains(type)) {
            return List.of();
        }
        if (PATH_TYPES.contains(type)) {
            // A pty's path is where a running guest's terminal is: not part of a definition.
            return type.equals("pty") || first.path() == null ? List.of() : List.of(CharSource.path(first.path()));
        }
        String mode = first.mode() == null ? "connect" : first.mode();
        return switch (type) {
            case "tcp" -> List.of(CharSource.network(mode, first.host(), first.service()));
            case "unix" -> first.path() == null ? List.of() : List.of(new CharSource(mode, first.path(), null, null));
            default -> given;
        };
    }

    /**
     * virDomainChrSourceDefParseUDP and its formatter: a source without a mode connects; the first
     * of each mode counts, and the bind source is written before the connect source.
     */
    private static List<CharSource> udpSources(List<CharSource> sources) {
        CharSource bind = null;
        CharSource connect = null;
        for (CharSource s : sources) {
            if ("bind".equals(s.mode())) {
                bind = bind == null ? s : bind;
            } else if (connect == null) {
                connect = CharSource.network("connect", s.host(), s.service());
            }
        }
        List<CharSource> out = new ArrayList<>(2);
        if (bind != null && (bind.host() != null || bind.service() != null)) {
            out.add(CharSource.network("bind", bind.host(), bind.service()));
        }
        if (connect != null && (connect.host() != null || connect.service() != null)) {
            out.add(connect);
        }
        return out;
    }
}
