package org.jvirt.driver.xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.xm.cfg.XmValue;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest's display. HVM guests, and every guest of xend before 3.0.4 (versions 1 and 2), say it
 * in settings of their own: {@code vnc = 1} with {@code vncunused} (1, the default: any free port;
 * 0: port 5900 + {@code vncdisplay}), {@code vnclisten}, {@code vncpasswd}, {@code keymap}, and
 * {@code sdl = 1} with {@code display} and {@code xauthority}. Paravirtual guests of xend 3.0.4
 * and later (versions 3 and 4) say it as a framebuffer, the first entry of the {@code vfb} list
 * ({@link VfbEntry}). Either way a display brings the mouse that drives it. As libvirt 0.4.4, a
 * paravirtual guest whose settings name no display is read from {@code vfb} whatever the version.
 * Stateless.
 */
final class Graphics {
    private static final System.Logger LOG = System.getLogger(Graphics.class.getName());

    private Graphics() {
    }

    static List<XmlElement> read(XmSettings s, boolean hvm, int version) {
        List<XmlElement> displays = new ArrayList<>();
        if (hvm || version < 3) {
            if (s.flag("vnc", false)) {
                boolean unused = s.flag("vncunused", true);
                Long display = s.integer("vncdisplay");
                displays.add(vnc(unused, display == null ? 0 : display, s.string("vnclisten"), s.string("vncpasswd"),
                        s.string("keymap")));
            }
            if (s.flag("sdl", false)) {
                displays.add(sdl(s.string("display"), s.string("xauthority")));
            }
        }
        if (!hvm && displays.isEmpty()) {
            List<String> vfbs = s.strings("vfb");
            if (vfbs.size() > 1) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: only the first of {1} vfb entries is read, as libvirt reads one",
                        s.fileName(), vfbs.size());
            }
            if (!vfbs.isEmpty()) {
                XmlElement display = VfbEntry.parse(vfbs.get(0), s.position("vfb", 0)).element();
                if (display != null) {
                    displays.add(display);
                }
            }
        }
        List<XmlElement> out = new ArrayList<>();
        if (!displays.isEmpty()) {
            out.add(Xml.empty("input", "type", "mouse", "bus", hvm ? "ps2" : "xen"));
        }
        out.addAll(displays);
        return out;
    }

    static XmlElement vnc(boolean unused, long display, String listen, String passwd, String keymap) {
        return Xml.empty("graphics", "type", "vnc", "port", Long.toString(unused ? -1 : 5900 + display),
                "listen", listen, "passwd", passwd, "keymap", keymap);
    }

    static XmlElement sdl(String display, String xauthority) {
        return Xml.empty("graphics", "type", "sdl", "display", display, "xauth", xauthority);
    }

    /** The display settings, or {@code vfb} for a paravirtual guest of version 3 or later. */
    static void write(DomainDefinition def, boolean hvm, int version, Map<String, XmValue> out) {
        List<GraphicsDevice> displays = def.devices(GraphicsDevice.class);
        for (GraphicsDevice g : displays) {
            if (!g.type().equals("vnc") && !g.type().equals("sdl")) {
                throw XmErrors.unsupported(def.name(), "unsupported graphics type '" + g.type()
                        + "': xm guests have vnc or sdl displays");
            }
        }
        if (!hvm && version >= 3) {
            if (!displays.isEmpty()) {
                out.put("vfb", XmValue.strings(displays.stream().map(VfbEntry::of).toList()));
            }
            return;
        }
        List<GraphicsDevice> vncs = displays.stream().filter(g -> g.type().equals("vnc")).toList();
        List<GraphicsDevice> sdls = displays.stream().filter(g -> g.type().equals("sdl")).toList();
        out.put("sdl", XmValue.of(sdls.size()));
        out.put("vnc", XmValue.of(vncs.size()));
        out.put("vncunused", XmValue.of(vncs.stream().filter(Graphics::autoport).count()));
        if (!vncs.isEmpty()) {
            GraphicsDevice vnc = vncs.get(0);
            Boot.put(out, "vnclisten", listen(vnc));
            Boot.put(out, "vncpasswd", vnc.passwd());
            Boot.put(out, "keymap", vnc.keymap());
            if (!autoport(vnc)) {
                out.put("vncdisplay", XmValue.of(vnc.port() - 5900L));
            }
        }
        if (!sdls.isEmpty()) {
            Boot.put(out, "display", sdls.get(0).unknowns().attributesAt("").get("display"));
            Boot.put(out, "xauthority", sdls.get(0).unknowns().attributesAt("").get("xauth"));
        }
    }

    /** Whether the VNC server takes any free port ({@code vncunused}). */
    static boolean autoport(GraphicsDevice vnc) {
        return Boolean.TRUE.equals(vnc.autoport()) || vnc.port() == null || vnc.port() == -1;
    }

    /** The address the display listens on: {@code listen=}, else its first address listen. */
    static String listen(GraphicsDevice g) {
        if (g.listen() != null) {
            return g.listen();
        }
        return g.listens().stream().filter(l -> "address".equals(l.type()) && l.address() != null)
                .map(l -> l.address()).findFirst().orElse(null);
    }
}
