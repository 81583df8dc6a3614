package org.jvirt.driver.xm.config;

import java.util.Map;
import org.jvirt.driver.xm.cfg.XmPosition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * One entry of the {@code vfb} list, a paravirtual framebuffer: {@code type=vnc} with
 * {@code vncunused}, {@code vncdisplay}, {@code vnclisten}, {@code vncpasswd}, {@code keymap}; or
 * {@code type=sdl} with {@code display} and {@code xauthority}
 * ({@code type=vnc,vncunused=1,vnclisten=127.0.0.1,vncpasswd=123poi}). An entry of neither type is
 * no display, as libvirt 0.4.4 read it. Without {@code vncunused} the server takes any free port
 * unless the entry names its {@code vncdisplay}: libvirt 0.4.4 took any port even then, losing the
 * display its own writer had written ({@code type=vnc,vncdisplay=1}), which libvirt 9 reads as
 * display 1. Stateless.
 *
 * @param fields the entry's fields
 */
record VfbEntry(Map<String, String> fields) {

    /** Reads the entry at {@code at}. */
    static VfbEntry parse(String entry, XmPosition at) {
        Map<String, String> fields = KeyValues.parse(entry, "vfb", at, 0);
        String display = fields.get("vncdisplay");
        if (display != null && !display.matches("[0-9]{1,9}")) {
            throw XmErrors.entry(at, "vfb", 0, entry, "has vncdisplay '" + display + "', which is not a display number");
        }
        return new VfbEntry(fields);
    }

    /** Its {@code <graphics>}, or null when of neither type. */
    XmlElement element() {
        String type = fields.get("type");
        if ("vnc".equals(type)) {
            String display = fields.get("vncdisplay");
            return Graphics.vnc(!"0".equals(fields.getOrDefault("vncunused", display == null ? "1" : "0")),
                    display == null ? 0 : Long.parseLong(display), fields.get("vnclisten"), fields.get("vncpasswd"),
                    fields.get("keymap"));
        }
        if ("sdl".equals(type)) {
            return Graphics.sdl(fields.get("display"), fields.get("xauthority"));
        }
        return null;
    }

    /** The entry of a display. */
    static String of(GraphicsDevice g) {
        StringBuilder vfb = new StringBuilder("type=").append(g.type());
        if (g.type().equals("sdl")) {
            Map<String, String> more = g.unknowns().attributesAt("");
            append(vfb, "display", more.get("display"));
            append(vfb, "xauthority", more.get("xauth"));
            return vfb.toString();
        }
        if (Graphics.autoport(g)) {
            vfb.append(",vncunused=1");
        } else {
            vfb.append(",vncdisplay=").append(g.port() - 5900);
        }
        append(vfb, "vnclisten", Graphics.listen(g));
        append(vfb, "vncpasswd", g.passwd());
        append(vfb, "keymap", g.keymap());
        return vfb.toString();
    }

    private static void append(StringBuilder vfb, String key, String value) {
        if (value != null) {
            vfb.append(',').append(key).append('=').append(value);
        }
    }
}
