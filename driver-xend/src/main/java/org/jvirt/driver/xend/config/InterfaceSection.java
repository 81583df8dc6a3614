package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Network interfaces: {@code (device (vif ...))} with {@code (mac)}, {@code (bridge)} to join,
 * {@code (script)} (vif-bridge, vif-route...), {@code (ip)} for a routed set-up, {@code (model)}
 * of the emulated card, {@code (vifname)} of the host side, and, for an HVM guest before xend 3.1,
 * {@code (type ioemu)}. xend numbers a domain's vifs in their order, so the order is kept.
 */
final class InterfaceSection {
    private InterfaceSection() {
    }

    /** Every vif of the document, in order, as libvirt 0.4.4 read them. */
    static List<XmlElement> read(SxpGuest g) {
        List<XmlElement> interfaces = new ArrayList<>();
        int index = 0;
        for (SexprList device : g.root.entries("device")) {
            if (device.lookup("device/vif").isEmpty()) {
                continue;
            }
            String script = SxpGuest.text(device, "device/vif/script").orElse(null);
            String bridge = SxpGuest.text(device, "device/vif/bridge").orElse(null);
            XmlElement.Builder nic = XmlElement.builder("interface");
            if (bridge != null || script != null && script.contains("bridge")) {
                nic.attribute("type", "bridge");
                if (bridge != null) {
                    nic.child(XmlElement.builder("source").attribute("bridge", bridge).build());
                }
            } else {
                nic.attribute("type", "ethernet");
            }
            String vifname = SxpGuest.text(device, "device/vif/vifname").orElse(null);
            // As later libvirt: the host-side name xend would make is known only while the domain runs.
            if (vifname == null && g.domid >= 0) {
                vifname = "vif" + g.domid + "." + index;
            }
            if (vifname != null) {
                nic.child(XmlElement.builder("target").attribute("dev", vifname).build());
            }
            SxpGuest.text(device, "device/vif/mac")
                    .ifPresent(mac -> nic.child(XmlElement.builder("mac").attribute("address", mac).build()));
            SxpGuest.text(device, "device/vif/ip")
                    .ifPresent(ip -> nic.child(XmlElement.builder("ip").attribute("address", ip).build()));
            if (script != null) {
                nic.child(XmlElement.builder("script").attribute("path", script).build());
            }
            SxpGuest.text(device, "device/vif/model")
                    .ifPresent(model -> nic.child(XmlElement.builder("model").attribute("type", model).build()));
            interfaces.add(nic.build());
            index++;
        }
        return interfaces;
    }

    /** Every interface of the definition as a {@code (device (vif ...))}, in order. */
    static void write(DefGuest w, List<Sexpr> vm) {
        for (InterfaceDevice nic : w.def.devices(InterfaceDevice.class)) {
            vm.add(Sexpr.node("device", vif(w, nic)));
        }
    }

    private static SexprList vif(DefGuest w, InterfaceDevice nic) {
        List<Sexpr> vif = new ArrayList<>();
        vif.add(Sexpr.atom("vif"));
        if (nic.mac() != null) {
            vif.add(Sexpr.entry("mac", nic.mac()));
        }
        switch (nic.type()) {
            // A libvirt 0.4 interface without a type was a bridge; the model reads it as user.
            case "bridge", "user" -> {
                if (nic.sourceBridge() != null) {
                    vif.add(Sexpr.entry("bridge", nic.sourceBridge()));
                }
            }
            case "network" -> {
                String network = nic.sourceNetwork();
                String bridge = network == null ? null : w.bridges.bridgeOf(network).orElse(null);
                if (bridge == null) {
                    throw XendErrors.noSource("interface " + (nic.mac() == null ? "" : nic.mac() + " ")
                            + "of network '" + network + "': no such network, or it has no bridge");
                }
                vif.add(Sexpr.entry("bridge", bridge));
            }
            // An ethernet interface's <source dev=> of libvirt 0.4 was never used, and the model drops it.
            case "ethernet" -> {
            }
            default -> throw XendErrors.unsupported("xend's interfaces are bridged, routed or on a network, not <interface type='"
                    + nic.type() + "'> (domain '" + w.name() + "')");
        }
        if (nic.script() != null) {
            vif.add(Sexpr.entry("script", nic.script()));
        }
        if (nic.ip() != null) {
            vif.add(Sexpr.entry("ip", nic.ip()));
        }
        if (nic.model() != null) {
            vif.add(Sexpr.entry("model", nic.model()));
        }
        // As later libvirt: a host-side name xend would not make itself.
        if (nic.targetDev() != null && !nic.targetDev().startsWith("vif")) {
            vif.add(Sexpr.entry("vifname", nic.targetDev()));
        }
        if (w.hvm && w.version < 4) {
            // xend 3.1 and later take (type ioemu) to mean no paravirtual driver for the card.
            vif.add(Sexpr.entry("type", "ioemu"));
        }
        return Sexpr.list(vif);
    }
}
