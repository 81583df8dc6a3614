package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xm.cfg.XmPosition;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The {@code vif} list, one {@code KEY=VALUE,...} string an interface
 * ({@code mac=00:16:3e:66:94:9c,bridge=xenbr0,script=vif-bridge,model=e1000,ip=192.168.0.9,type=ioemu}).
 * Read: {@code mac}, {@code bridge}, {@code script}, {@code model}, {@code ip} as libvirt 0.4.4 read
 * them, and {@code vifname} (the host-side name) as its later Xen drivers did; {@code type=ioemu}
 * says the guest is HVM, which the file says already; other keys ({@code rate}, {@code backend}...)
 * mean nothing to libvirt and are passed over. Every interface is a bridge (xend's scripts bridge
 * them), with no {@code <source>} when the entry names no bridge (which the Xen rules read as the
 * {@code ethernet} interface libvirt 9 makes of such a vif). An empty entry is an interface
 * of xend's defaults. Written back in that order, {@code type=ioemu} added for HVM guests; an
 * interface of a libvirt network is written with that network's bridge. Stateless.
 */
final class Interfaces {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}");

    private Interfaces() {
    }

    static List<XmlElement> read(XmSettings s) {
        List<XmlElement> out = new ArrayList<>();
        List<String> entries = s.strings("vif");
        for (int i = 0; i < entries.size(); i++) {
            XmPosition at = s.position("vif", i);
            out.add(element(KeyValues.parse(entries.get(i), "vif", at, i), entries.get(i), at, i));
        }
        return out;
    }

    private static XmlElement element(Map<String, String> fields, String entry, XmPosition at, int index) {
        String mac = fields.get("mac");
        if (mac != null && !MAC.matcher(mac).matches()) {
            throw XmErrors.entry(at, "vif", index, entry, "has mac '" + mac + "', which is not a MAC address");
        }
        XmlElement.Builder net = Xml.element("interface", "type", "bridge");
        if (mac != null) {
            net.child(Xml.empty("mac", "address", mac));
        }
        if (fields.containsKey("bridge")) {
            net.child(Xml.empty("source", "bridge", fields.get("bridge")));
        }
        if (fields.containsKey("script")) {
            net.child(Xml.empty("script", "path", fields.get("script")));
        }
        if (fields.containsKey("ip")) {
            net.child(Xml.empty("ip", "address", fields.get("ip")));
        }
        if (fields.containsKey("model")) {
            net.child(Xml.empty("model", "type", fields.get("model")));
        }
        if (fields.containsKey("vifname")) {
            net.child(Xml.empty("target", "dev", fields.get("vifname")));
        }
        return net.build();
    }

    /**
     * {@code vif}, when the guest has interfaces.
     *
     * @param bridges the bridge of a libvirt network, by name; null when there is no such network
     */
    static void write(DomainDefinition def, boolean hvm, UnaryOperator<String> bridges, Map<String, XmValue> out) {
        List<String> entries = new ArrayList<>();
        for (InterfaceDevice net : def.devices(InterfaceDevice.class)) {
            entries.add(entry(def, net, hvm, bridges));
        }
        if (!entries.isEmpty()) {
            out.put("vif", XmValue.strings(entries));
        }
    }

    private static String entry(DomainDefinition def, InterfaceDevice net, boolean hvm, UnaryOperator<String> bridges) {
        StringBuilder vif = new StringBuilder("mac=").append(net.mac());
        switch (net.type()) {
            case "bridge" -> vif.append(",bridge=").append(net.sourceBridge());
            case "network" -> {
                String bridge = bridges.apply(net.sourceNetwork());
                if (bridge == null) {
                    throw XmErrors.definition(ErrorCode.NO_NETWORK, def.name(),
                            "no network with matching name '" + net.sourceNetwork() + "'");
                }
                vif.append(",bridge=").append(bridge);
            }
            case "ethernet" -> {
                // No bridge: the vif script sets the interface up.
            }
            default -> throw XmErrors.unsupported(def.name(), "unsupported interface type '" + net.type()
                    + "' for interface " + net.mac() + ": xm interfaces are bridges or scripted");
        }
        if (hvm) {
            vif.append(",type=ioemu");
        }
        append(vif, "script", net.script());
        append(vif, "model", net.model());
        append(vif, "ip", net.ip());
        append(vif, "vifname", net.targetDev());
        return vif.toString();
    }

    private static void append(StringBuilder vif, String key, String value) {
        if (value != null) {
            vif.append(',').append(key).append('=').append(value);
        }
    }
}
