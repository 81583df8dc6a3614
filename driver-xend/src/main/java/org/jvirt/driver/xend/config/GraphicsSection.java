package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.GraphicsListen;
import org.jvirt.model.xml.XmlElement;

/**
 * Graphical consoles, VNC or SDL, in one of xend's two forms. The old one is a few entries of the
 * image — {@code (vnc 1)} or {@code (sdl 1)}, and from xend 3.0.3 {@code (vncunused 1)} or
 * {@code (vncdisplay N)}, {@code (vnclisten)}, {@code (vncpasswd)}, {@code (keymap)} — used by
 * paravirtualised guests before xend 3.0.4 and HVM guests before 3.1. The new one is a
 * {@code (device (vfb (type vnc) ...))} with the same entries, after a {@code (device (vkbd))}.
 * Either comes with a mouse, on the guest's PS/2 or Xen bus.
 */
final class GraphicsSection {
    /** VNC display N listens on TCP port 5900 + N. */
    static final int VNC_BASE_PORT = 5900;

    private GraphicsSection() {
    }

    /** The consoles of the document, each with its mouse: every vfb, or else the image's. */
    static List<XmlElement> read(SxpGuest g) {
        List<XmlElement> devices = new ArrayList<>();
        for (SexprList device : g.root.entries("device")) {
            if (device.lookup("device/vfb").isPresent()) {
                String type = SxpGuest.text(device, "device/vfb/type").orElse("");
                if (type.equals("sdl") || type.equals("vnc")) {
                    devices.add(mouse(g));
                    devices.add(graphics(g, type, device, "device/vfb/", g.facts.vncPort()));
                }
            }
        }
        if (!devices.isEmpty()) {
            return devices;
        }
        if (g.text(g.image("vnc")).filter(v -> v.startsWith("1")).isPresent()) {
            int port = g.facts.vncPort();
            if (port == -1 && g.version < 2) {
                // xend 3.0.2 gave each domain its own display: its id.
                port = VNC_BASE_PORT + g.domid;
            }
            devices.add(mouse(g));
            devices.add(graphics(g, "vnc", g.root, g.image(""), port));
        }
        if (g.text(g.image("sdl")).filter(v -> v.startsWith("1")).isPresent()) {
            devices.add(mouse(g));
            devices.add(XmlElement.builder("graphics").attribute("type", "sdl").build());
        }
        return devices;
    }

    private static XmlElement mouse(SxpGuest g) {
        return XmlElement.builder("input").attribute("type", "mouse").attribute("bus", g.hvm ? "ps2" : "xen").build();
    }

    /** A console of {@code type} whose entries are at {@code prefix} in {@code list}, on {@code port} if known. */
    private static XmlElement graphics(SxpGuest g, String type, SexprList list, String prefix, int knownPort) {
        XmlElement.Builder graphics = XmlElement.builder("graphics").attribute("type", type);
        if (type.equals("sdl")) {
            return graphics.build();
        }
        int port = knownPort;
        String display = SxpGuest.text(list, prefix + "vncdisplay").orElse(null);
        boolean unused = SxpGuest.text(list, prefix + "vncunused").filter(v -> !v.equals("0")).isPresent();
        if (port == -1 && display != null && !unused) {
            // Not in libvirt 0.4.4, which left such a port to xenstore: a fixed display is known beforehand.
            port = VNC_BASE_PORT + (int) numberOrZero(display);
        }
        graphics.attribute("port", Integer.toString(port));
        for (String[] e : new String[][] {{"vnclisten", "listen"}, {"vncpasswd", "passwd"}, {"keymap", "keymap"}}) {
            SxpGuest.text(list, prefix + e[0]).ifPresent(v -> graphics.attribute(e[1], v));
        }
        return graphics.build();
    }

    private static long numberOrZero(String display) {
        var n = SxpNumbers.parse(display);
        if (n.isEmpty() || n.getAsLong() < 0 || n.getAsLong() > 65535 - VNC_BASE_PORT) {
            throw XendErrors.incorrect("vncdisplay '" + display + "' is not a display number");
        }
        return n.getAsLong();
    }

    /** Whether this guest's consoles go in the image (xend's old form) rather than in vfb devices. */
    static boolean inImage(DefGuest w) {
        return w.hvm ? w.version < 4 : w.version < 3;
    }

    /** The image's entries for the first console, in the old form. */
    static void writeImage(DefGuest w, List<Sexpr> image) {
        List<GraphicsDevice> consoles = w.def.devices(GraphicsDevice.class);
        if (!inImage(w) || consoles.isEmpty()) {
            return;
        }
        GraphicsDevice first = consoles.get(0);
        if (first.type().equals("sdl")) {
            image.add(Sexpr.entry("sdl", "1"));
        } else {
            image.add(Sexpr.entry("vnc", "1"));
            if (w.version >= 2) {
                vncEntries(first, image);
            }
        }
    }

    /** {@code (device (vkbd))} and {@code (device (vfb ...))} for each console, in the new form. */
    static void writeDevices(DefGuest w, List<Sexpr> vm) {
        if (inImage(w)) {
            return;
        }
        for (GraphicsDevice console : w.def.devices(GraphicsDevice.class)) {
            vm.add(Sexpr.node("device", Sexpr.entry("vkbd")));
            List<Sexpr> vfb = new ArrayList<>();
            vfb.add(Sexpr.atom("vfb"));
            vfb.add(Sexpr.entry("type", console.type()));
            if (console.type().equals("vnc")) {
                vncEntries(console, vfb);
            }
            vm.add(Sexpr.node("device", Sexpr.list(vfb)));
        }
    }

    /** The port (a display of its own, or any unused one), listen address, password and keymap. */
    private static void vncEntries(GraphicsDevice vnc, List<Sexpr> out) {
        Integer port = vnc.port();
        if (Boolean.TRUE.equals(vnc.autoport()) || port != null && port == -1) {
            out.add(Sexpr.entry("vncunused", "1"));
        } else if (port != null && port >= VNC_BASE_PORT) {
            out.add(Sexpr.entry("vncdisplay", Integer.toString(port - VNC_BASE_PORT)));
        }
        String listen = listen(vnc);
        if (listen != null) {
            out.add(Sexpr.entry("vnclisten", listen));
        }
        if (vnc.passwd() != null) {
            out.add(Sexpr.entry("vncpasswd", vnc.passwd()));
        }
        if (vnc.keymap() != null) {
            out.add(Sexpr.entry("keymap", vnc.keymap()));
        }
    }

    private static String listen(GraphicsDevice vnc) {
        if (vnc.listen() != null) {
            return vnc.listen();
        }
        for (GraphicsListen l : vnc.listens()) {
            if (l.address() != null) {
                return l.address();
            }
        }
        return null;
    }

    /** Refuses consoles xend does not have: anything but VNC and SDL. */
    static void check(DefGuest w) {
        for (GraphicsDevice console : w.def.devices(GraphicsDevice.class)) {
            if (!console.type().equals("vnc") && !console.type().equals("sdl")) {
                throw XendErrors.unsupported("xend's consoles are VNC or SDL, not <graphics type='" + console.type()
                        + "'> (domain '" + w.name() + "')");
            }
        }
    }
}
