package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's reading of a network interface (virDomainNetDefParseXML and its formatter): the
 * source its type needs, what belongs to a running guest, the address family of its IPs, what a
 * host-device interface keeps of its driver and where libvirt writes it. Stateless.
 */
final class InterfacePostParse {
    private InterfacePostParse() {
    }

    /**
     * virDomainNetDefParseXML: a host-side name libvirt generates ({@code vnetN}, {@code macvtapN},
     * {@code macvlanN}) belongs to a running guest, not to its definition.
     */
    static InterfaceDevice apply(InterfaceDevice net) {
        requireSource(net);
        InterfaceDevice.Builder b = net.toBuilder();
        String dev = net.targetDev();
        if (dev != null && (dev.startsWith("vnet") || dev.startsWith("macvtap") || dev.startsWith("macvlan"))) {
            b.targetDev(null);
        }
        Unknowns u = net.unknowns();
        String managed = u.attributesAt("").get("managed");
        if (managed != null && !managed.equals("yes") && !managed.equals("no")) {
            u = u.withoutAttribute("", "managed"); // libvirt reads yes or no and passes over anything else
        }
        List<XmlElement> sourceIps = u.elementsAt("source");
        if (sourceIps.stream().anyMatch(e -> e.name().equals("ip") && e.attribute("address") != null)) {
            // The host side's addresses: libvirt writes the family each address is of, whatever was said.
            List<XmlElement> read = new ArrayList<>(sourceIps);
            read.replaceAll(e -> !e.name().equals("ip") || e.attribute("address") == null ? e
                    : Elements.withAttributeAfter(e, "family",
                            e.attribute("address").indexOf(':') >= 0 ? "ipv6" : "ipv4", "address"));
            u = u.withElementsAt("source", read);
        }
        if (net.ip() != null) {
            u = ipFamily(net.ip(), u);
        }
        List<XmlElement> own = new ArrayList<>(u.elementsAt(""));
        if (!FILTERED_INTERFACES.contains(net.type())) {
            own.removeIf(e -> e.name().equals("filterref"));
        }
        if (net.type().equals("hostdev")) {
            // Its <driver> is the host device's: the backend's name is all libvirt reads of it.
            own.replaceAll(e -> !e.name().equals("driver") ? e : e.attribute("name") == null ? null
                    : XmlElement.builder("driver").attribute("name", e.attribute("name")).build());
            own.removeIf(Objects::isNull);
            List<XmlElement> source = new ArrayList<>(u.elementsAt("source"));
            source.replaceAll(e -> e.name().equals("address") ? AddressPostParse.hostPci(e, true) : e);
            u = u.withElementsAt("source", source);
        }
        InterfaceDevice done = b.unknowns(u.withElementsAt("", own)).build();
        return done.equals(net) ? net : done;
    }


    /** Interface types whose {@code <filterref>} libvirt reads (virDomainNetDefParseXML); others lose it. */
    private static final Set<String> FILTERED_INTERFACES = Set.of("network", "bridge", "ethernet");

    /**
     * virDomainNetIPParseXML and virDomainNetIPInfoFormat: an address's family is written, from the
     * address itself when the document names none, before its prefix and peer.
     */
    private static Unknowns ipFamily(String address, Unknowns u) {
        Map<String, String> given = u.attributesAt("ip");
        String family = given.get("family");
        if (family == null) {
            family = address.indexOf(':') >= 0 ? "ipv6" : "ipv4";
        }
        Unknowns out = u;
        for (String name : List.of("family", "prefix", "peer")) {
            out = out.withoutAttribute("ip", name);
        }
        out = out.withAttribute("ip", "family", family);
        for (String name : List.of("prefix", "peer")) {
            if (given.get(name) != null) {
                out = out.withAttribute("ip", name, given.get(name));
            }
        }
        return out;
    }

    /** Interface types whose {@code <source>} says where they connect (virDomainNetDefParseXMLRequireSource). */
    private static final Set<String> SOURCED_INTERFACES = Set.of("network", "bridge", "direct", "internal", "vds",
            "hostdev", "vdpa", "server", "client", "mcast", "udp");

    /** virDomainNetDefParseXML: an interface connected through its source names it. */
    private static void requireSource(InterfaceDevice net) {
        if (!SOURCED_INTERFACES.contains(net.type())) {
            return;
        }
        boolean source = net.sourceNetwork() != null || net.sourceBridge() != null
                || !net.unknowns().attributesAt("source").isEmpty() || !net.unknowns().elementsAt("source").isEmpty();
        if (!source) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "interface type='" + net.type() + "' requires a 'source' element");
        }
        String required = net.type().equals("network") ? "network" : net.type().equals("bridge") ? "bridge" : null;
        String value = "network".equals(required) ? net.sourceNetwork() : net.sourceBridge();
        if (required != null && value == null) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "Missing required attribute '" + required
                    + "' in element 'source'");
        }
    }
}
