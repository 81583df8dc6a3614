package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.xml.XmlWriter;

/**
 * libvirt's network XML: reads libvirt 0.4 to 9 documents and writes libvirt 9's form exactly
 * as {@code virsh net-dumpxml} shows it.
 *
 * <p>Parsing is a pure function that returns a definition or throws {@link VirtException}:
 * syntax errors are XML_ERROR in domain XML with line and column, errors of meaning XML_ERROR
 * in domain NETWORK, a missing name NO_NAME. Unknown elements and attributes are kept and
 * written back (unknown top-level elements after the last {@code <ip>}); only the
 * {@code connections=} count of an active network, which is state, is read and not kept.
 * Stateless and thread-safe.
 *
 * @since 1.0
 */
public final class NetworkXml {
    private static final ErrorDomain NETWORK = ErrorDomain.NETWORK;
    /** Forward modes whose bridge libvirt creates itself, and so always describes in full. */
    private static final Set<String> OWN_BRIDGE_MODES = Set.of("nat", "route", "open");

    private NetworkXml() {
    }

    /**
     * Parses a whole network document.
     *
     * @throws VirtException see the class comment
     */
    public static NetworkDefinition parse(String xml) {
        return fromElement(XmlReader.parse(xml));
    }

    /**
     * Reads an already parsed {@code <network>} element.
     *
     * @throws VirtException see the class comment
     */
    public static NetworkDefinition fromElement(XmlElement network) {
        try {
            return read(network);
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VirtException(ErrorCode.XML_ERROR, NETWORK,
                    "XML error: cannot read network definition: " + e, null, null, e);
        }
    }

    /** Writes a definition as libvirt 9 does, ending with a newline. */
    public static String format(NetworkDefinition n) {
        XmlWriter w = new XmlWriter(512);
        Unknowns u = n.unknowns();
        w.open("network");
        Preserved.attributes(w, u, "").closeStart();
        Preserved.textElement(w, "name", n.name(), u, "name");
        Preserved.textElement(w, "uuid", n.uuid() == null ? null : n.uuid().toString(), u, "uuid");
        if (n.forwardMode() != null || n.forwardDev() != null || Preserved.at(u, "forward")) {
            w.open("forward").attribute("dev", n.forwardDev()).attribute("mode", n.forwardMode());
            Preserved.attributes(w, u, "forward");
            Preserved.close(w, "forward", "", u, "forward");
        }
        bridge(w, n, u);
        if (n.mac() != null || Preserved.at(u, "mac")) {
            w.open("mac").attribute("address", n.mac());
            Preserved.attributes(w, u, "mac");
            Preserved.close(w, "mac", "", u, "mac");
        }
        if (n.domainName() != null || Preserved.at(u, "domain")) {
            w.open("domain").attribute("name", n.domainName());
            Preserved.attributes(w, u, "domain");
            Preserved.close(w, "domain", "", u, "domain");
        }
        for (NetworkIp ip : n.ips()) {
            ip(w, ip);
        }
        for (XmlElement e : u.elementsAt("")) {
            w.element(e);
        }
        w.end("network");
        return w.toString();
    }

    private static void bridge(XmlWriter w, NetworkDefinition n, Unknowns u) {
        boolean ownBridge = n.forwardMode() == null || OWN_BRIDGE_MODES.contains(n.forwardMode());
        boolean defaults = n.stp() && n.delay() == 0;
        if (!ownBridge && n.bridgeName() == null && defaults && !Preserved.at(u, "bridge")) {
            return;
        }
        w.open("bridge").attribute("name", n.bridgeName());
        if (ownBridge || !defaults) {
            w.attribute("stp", n.stp() ? "on" : "off").attribute("delay", n.delay());
        }
        Preserved.attributes(w, u, "bridge");
        Preserved.close(w, "bridge", "", u, "bridge");
    }

    private static void ip(XmlWriter w, NetworkIp ip) {
        Unknowns u = ip.unknowns();
        w.open("ip").attribute("family", ip.family()).attribute("address", ip.address())
                .attribute("netmask", ip.netmask());
        if (ip.prefix() != null) {
            w.attribute("prefix", ip.prefix());
        }
        // libvirt writes <ip> with an end tag even when it has no children.
        Preserved.attributes(w, u, "").closeStart();
        if (!ip.dhcpRanges().isEmpty() || !ip.dhcpHosts().isEmpty() || Preserved.at(u, "dhcp")) {
            w.open("dhcp");
            Preserved.attributes(w, u, "dhcp").closeStart();
            for (int i = 0; i < ip.dhcpRanges().size(); i++) {
                DhcpRange r = ip.dhcpRanges().get(i);
                String location = "dhcp/range[" + (i + 1) + "]";
                w.open("range").attribute("start", r.start()).attribute("end", r.end());
                Preserved.attributes(w, u, location);
                Preserved.close(w, "range", "", u, location);
            }
            for (int i = 0; i < ip.dhcpHosts().size(); i++) {
                DhcpHost h = ip.dhcpHosts().get(i);
                String location = "dhcp/host[" + (i + 1) + "]";
                w.open("host").attribute("mac", h.mac()).attribute("name", h.name())
                        .attribute("ip", h.ip());
                Preserved.attributes(w, u, location);
                Preserved.close(w, "host", "", u, location);
            }
            for (XmlElement e : u.elementsAt("dhcp")) {
                w.element(e);
            }
            w.end("dhcp");
        }
        for (XmlElement e : u.elementsAt("")) {
            w.element(e);
        }
        w.end("ip");
    }

    private static NetworkDefinition read(XmlElement root) {
        if (!root.name().equals("network")) {
            throw XmlValues.invalid(NETWORK, "expecting root element of 'network', not '" + root.name() + "'");
        }
        ElementCursor c = ElementCursor.root(root, "network", NETWORK);
        // The count of connected guests is state, not definition.
        c.attr("connections");
        NetworkDefinition.Builder b = NetworkDefinition.builder();
        String name = c.childText("name");
        if (name == null || name.isEmpty()) {
            // libvirt's words: VIR_ERR_NO_NAME without detail, as virDomainDefParseXML and virNetworkDefParseXML say it
            throw new VirtException(ErrorCode.NO_NAME, NETWORK, "missing name information");
        }
        b.name(name);
        String uuid = c.childText("uuid");
        if (uuid != null) {
            b.uuid(XmlValues.uuid(uuid, NETWORK));
        }
        ElementCursor forward = c.child("forward");
        if (forward != null) {
            String mode = forward.attr("mode");
            b.forward(mode == null ? "nat" : mode, forward.attr("dev"));
        }
        ElementCursor bridge = c.child("bridge");
        if (bridge != null) {
            Boolean stp = XmlValues.onOffAttr(bridge, "stp");
            String delay = bridge.attr("delay");
            b.bridge(bridge.attr("name"), stp == null || stp,
                    delay == null ? 0 : XmlValues.nonNegativeLong(delay, "<bridge delay=>", NETWORK));
        }
        ElementCursor mac = c.child("mac");
        if (mac != null) {
            String address = mac.attr("address");
            b.mac(address == null ? null : XmlValues.mac(address, NETWORK));
        }
        ElementCursor domain = c.child("domain");
        if (domain != null) {
            b.domainName(domain.attr("name"));
        }
        for (XmlElement ip : c.takeChildren("ip")) {
            b.addIp(ip(ip));
        }
        return b.unknowns(c.unknowns()).build();
    }

    private static NetworkIp ip(XmlElement element) {
        ElementCursor c = ElementCursor.root(element, "network/ip", NETWORK);
        String family = c.attr("family");
        String address = c.attr("address");
        String netmask = c.attr("netmask");
        Integer prefix = XmlValues.intAttr(c, "prefix");
        List<DhcpRange> ranges = new ArrayList<>();
        List<DhcpHost> hosts = new ArrayList<>();
        ElementCursor dhcp = c.child("dhcp");
        if (dhcp != null) {
            for (ElementCursor r : dhcp.children("range")) {
                String start = r.attr("start");
                String end = r.attr("end");
                if (start == null || end == null) {
                    throw XmlValues.invalid(NETWORK, "missing start or end address in DHCP range");
                }
                ranges.add(new DhcpRange(start, end));
            }
            for (ElementCursor h : dhcp.children("host")) {
                String hostMac = h.attr("mac");
                hosts.add(new DhcpHost(hostMac == null ? null : XmlValues.mac(hostMac, NETWORK),
                        h.attr("name"), h.attr("ip")));
            }
        }
        return new NetworkIp(family, address, netmask, prefix, ranges, hosts, c.unknowns());
    }
}
