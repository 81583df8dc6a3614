package org.jvirt.model;

import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * A guest's {@code <cpu>} as libvirt reads and writes it (virCPUDefParseXML, virCPUDefFormatBufFull):
 * the defaults it settles (mode {@code custom}, match {@code exact}, model fallback {@code allow},
 * feature policy {@code require}, one die a socket) and the order it writes. The model keeps
 * {@code <cpu>} as an element; this normalises that element. Children libvirt does not know are
 * kept, after those it does. Stateless.
 */
final class CpuPostParse {
    private static final Set<String> MODES = Set.of("custom", "host-model", "host-passthrough", "maximum");
    private static final Set<String> MATCHES = Set.of("exact", "minimum", "strict");
    private static final Set<String> CHECKS = Set.of("default", "none", "partial", "full");
    private static final Set<String> FALLBACKS = Set.of("allow", "forbid");
    private static final Set<String> POLICIES = Set.of("force", "require", "optional", "disable", "forbid");
    private static final Set<String> KNOWN = Set.of("model", "vendor", "topology", "cache", "maxphysaddr",
            "feature", "numa");

    private CpuPostParse() {
    }

    /** The element as libvirt writes it back; null when libvirt writes nothing (no attributes, no children). */
    static XmlElement apply(XmlElement cpu) {
        String mode = cpu.attribute("mode") == null ? "custom" : cpu.attribute("mode");
        if (!MODES.contains(mode)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: Invalid mode attribute '" + mode + "'");
        }
        boolean custom = mode.equals("custom");
        boolean anyHost = mode.equals("host-passthrough") || mode.equals("maximum");
        String match = oneOf(cpu, "match", MATCHES, "exact", "Invalid value for attribute 'match' in element 'cpu'");
        String check = oneOf(cpu, "check", CHECKS, "default", "Invalid value for attribute 'check' in element 'cpu'");
        XmlElement modelElement = cpu.child("model");
        String model = modelElement == null || modelElement.text().isEmpty() ? null : modelElement.text();

        XmlElement.Builder b = XmlElement.builder("cpu");
        if (!custom || model != null) {
            b.attribute("mode", mode);
            if (custom) {
                b.attribute("match", match);
            }
            if (!check.equals("default")) {
                b.attribute("check", check);
            }
            String migratable = cpu.attribute("migratable");
            if (anyHost && migratable != null) {
                b.attribute("migratable", migratable);
            }
        }
        boolean formatModel = custom || mode.equals("host-model");
        String vendorId = modelElement == null || anyHost ? null : modelElement.attribute("vendor_id");
        if (formatModel && (model != null || vendorId != null)) {
            XmlElement.Builder m = XmlElement.builder("model");
            if (model != null) {
                String fallback = anyHost ? null : modelElement.attribute("fallback");
                if (fallback != null && !FALLBACKS.contains(fallback)) {
                    throw DomainErrors.unsupported("Invalid fallback attribute");
                }
                m.attribute("fallback", fallback == null ? "allow" : fallback);
            }
            if (vendorId != null) {
                m.attribute("vendor_id", vendorId);
            }
            b.child(m.text(model).build());
        }
        XmlElement vendor = cpu.child("vendor");
        if (vendor != null && model == null) {
            throw xml("CPU vendor specified without CPU model");
        }
        if (formatModel && vendor != null) {
            b.child(vendor);
        }
        XmlElement topology = cpu.child("topology");
        if (topology != null) {
            b.child(XmlElement.builder("topology")
                    .attribute("sockets", count(topology, "sockets", true))
                    .attribute("dies", topology.attribute("dies") == null ? "1" : count(topology, "dies", false))
                    .attribute("cores", count(topology, "cores", true))
                    .attribute("threads", count(topology, "threads", true)).build());
        }
        copy(cpu, "cache", b);
        copy(cpu, "maxphysaddr", b);
        List<XmlElement> features = cpu.children().stream().filter(e -> e.name().equals("feature")).toList();
        if (!features.isEmpty() && model == null && custom) {
            throw xml("Non-empty feature list specified without CPU model");
        }
        for (XmlElement feature : features) {
            b.child(feature(feature));
        }
        copy(cpu, "numa", b);
        for (XmlElement e : cpu.children()) {
            if (!KNOWN.contains(e.name())) {
                b.child(e);
            }
        }
        XmlElement done = b.build();
        return done.attributes().isEmpty() && done.children().isEmpty() ? null : done;
    }

    private static XmlElement feature(XmlElement feature) {
        String name = feature.attribute("name");
        if (name == null || name.isEmpty()) {
            throw xml("Invalid CPU feature name");
        }
        String policy = feature.attribute("policy");
        if (policy != null && !POLICIES.contains(policy)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: Invalid CPU feature policy");
        }
        return XmlElement.builder("feature").attribute("policy", policy == null ? "require" : policy)
                .attribute("name", name).build();
    }

    private static void copy(XmlElement cpu, String name, XmlElement.Builder b) {
        XmlElement e = cpu.child(name);
        if (e != null) {
            b.child(e);
        }
    }

    private static String oneOf(XmlElement e, String attribute, Set<String> allowed, String fallback, String error) {
        String v = e.attribute(attribute);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw xml(error + " '" + v + "'");
        }
        return v;
    }

    /** A topology count: a positive integer, written without leading zeros or sign. */
    private static String count(XmlElement topology, String attribute, boolean required) {
        String v = topology.attribute(attribute);
        if (v == null) {
            if (required) {
                throw xml("Missing required attribute '" + attribute + "' in element 'topology'");
            }
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 0xFFFFFFFFL) {
            throw xml("Invalid value for attribute '" + attribute + "' in element 'topology': '" + v
                    + "'. Expected non-negative integer value");
        }
        if (n == 0) {
            throw xml("Invalid value for attribute '" + attribute + "' in element 'topology': Zero is not permitted");
        }
        return Long.toString(n);
    }

    private static VirtException xml(String message) {
        return XmlValues.invalid(ErrorDomain.DOMAIN, message);
    }
}
