package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.GraphicsListen;
import org.jvirt.model.Unknowns;
import org.jvirt.model.xml.XmlElement;

/**
 * {@link QemuValidate}'s checks of graphics consoles, as {@link GraphicsCommand} builds them: one VNC
 * and one SPICE server at most, each on one listen of type address, socket or none.
 * Refused with their reason: SDL and egl-headless (the driver runs QEMU headless, without a window
 * system or an OpenGL render node), listens on a libvirt network (the driver has no networks), SPICE
 * TLS (libvirt's default configuration has it off, and refuses alike), SPICE OpenGL, and SPICE ports the
 * driver would have to choose. Stateless.
 */
final class GraphicsValidate {
    /** VNC's unparsed attributes the command line reads. */
    private static final Set<String> VNC_ATTRIBUTES = Set.of("socket", "sharePolicy", "websocket");
    private static final Set<String> SHARE_POLICIES = Set.of("allow-exclusive", "force-shared", "ignore");
    /** SPICE's unparsed children the command line reads, with the attribute each holds and its values. */
    private static final Map<String, Map<String, Set<String>>> SPICE_CHILDREN = Map.of(
            "image", Map.of("compression", Set.of("auto_glz", "auto_lz", "quic", "glz", "lz", "off")),
            "jpeg", Map.of("compression", Set.of("auto", "never", "always")),
            "zlib", Map.of("compression", Set.of("auto", "never", "always")),
            "playback", Map.of("compression", Set.of("on", "off")),
            "streaming", Map.of("mode", Set.of("filter", "all", "off")),
            "clipboard", Map.of("copypaste", Set.of("yes", "no")),
            "filetransfer", Map.of("enable", Set.of("yes", "no")),
            "mouse", Map.of("mode", Set.of("server", "client", "default")),
            "channel", Map.of("name", Set.of("main", "display", "inputs", "cursor", "playback", "record",
                    "smartcard", "usbredir"), "mode", Set.of("insecure", "any")));

    private GraphicsValidate() {
    }

    static void check(Guest g) {
        String name = g.name();
        List<GraphicsDevice> gs = g.def().devices(GraphicsDevice.class);
        for (String type : List.of("vnc", "spice")) {
            if (gs.stream().filter(x -> x.type().equals(type)).count() > 1) {
                throw Unsupported.config(name, "only one graphics device of type '" + type + "' is supported");
            }
        }
        for (GraphicsDevice d : gs) {
            switch (d.type()) {
                case "vnc", "spice" -> { }
                case "sdl" -> throw Unsupported.config(name, "graphics type 'sdl' is not supported by the QEMU"
                        + " driver: it runs QEMU without a window system (an SDL window needs an X or Wayland"
                        + " display)");
                case "egl-headless" -> throw Unsupported.config(name, "graphics type 'egl-headless' is not supported by"
                        + " the QEMU driver: it needs an OpenGL render node (/dev/dri), which the driver does not use");
                default -> throw Unsupported.config(name, "graphics type '" + d.type()
                        + "' is not supported by the QEMU driver (supported: vnc, spice)");
            }
            String what = d.type().equals("vnc") ? "VNC" : "SPICE";
            if (d.address() != null) {
                throw Unsupported.config(name, "graphics: device addresses are not supported");
            }
            if (d.listens().size() > 1) {
                throw Unsupported.config(name, "QEMU does not support multiple listens for one graphics device.");
            }
            GraphicsListen l = GraphicsCommand.listen(d);
            switch (l.type()) {
                case "address" -> {
                    String listen = d.type().equals("vnc") ? GraphicsCommand.vncListen(d)
                            : l.address() != null ? l.address() : d.listen();
                    if (listen != null && !listen.matches("[0-9A-Fa-f:.]+")) {
                        throw Unsupported.config(name, what + " listen address '" + listen
                                + "' is not supported, only IP addresses");
                    }
                    if (d.type().equals("spice") && GraphicsCommand.autoport(d)) {
                        throw Unsupported.config(name, "SPICE with autoport is not supported by the QEMU driver: it"
                                + " does not choose SPICE ports (give port=)");
                    }
                    if (!GraphicsCommand.autoport(d) && (d.port() < (d.type().equals("vnc") ? 5900 : 1)
                            || d.port() > 65535)) {
                        throw Unsupported.config(name, d.type().equals("vnc") ? "vnc port must be in range [5900,65535]"
                                : "SPICE port " + d.port() + " is out of range");
                    }
                }
                case "socket" -> {
                    // without socket=, GraphicsSockets gave one
                }
                case "none" -> { }
                case "network" -> throw Unsupported.config(name, what + " listen on network '" + l.network()
                        + "' is not supported: the QEMU driver has no libvirt networks to find its address in");
                default -> throw Unsupported.config(name, what + " listen type '" + l.type() + "' is not supported");
            }
            if (d.keymap() != null && !d.keymap().matches("[a-z-]{2,8}")) {
                throw Unsupported.invalid(name, "invalid " + what + " keymap '" + d.keymap() + "'");
            }
            if (d.type().equals("vnc")) {
                vnc(name, d, l);
            } else {
                spice(name, d);
            }
        }
    }

    private static void vnc(String name, GraphicsDevice d, GraphicsListen l) {
        String socket = GraphicsCommand.attribute(d, "socket");
        if (socket != null && !socket.equals(l.socket())) {
            throw Unsupported.config(name, "VNC socket='" + socket + "' differs from its listen's");
        }
        String share = GraphicsCommand.attribute(d, "sharePolicy");
        if (share != null && !SHARE_POLICIES.contains(share)) {
            throw Unsupported.invalid(name, "invalid VNC sharePolicy '" + share + "'");
        }
        String websocket = GraphicsCommand.attribute(d, "websocket");
        if (websocket != null && (!websocket.matches("[0-9]{1,5}") || !l.type().equals("address"))) {
            throw Unsupported.config(name, "VNC websocket='" + websocket + "' is not supported: only a given port,"
                    + " with an address listen");
        }
    }

    private static void spice(String name, GraphicsDevice d) {
        if (GraphicsCommand.attribute(d, "tlsPort") != null) {
            throw Unsupported.config(name, "spice TLS port set in XML configuration, but TLS is disabled in qemu.conf");
        }
        String defaultMode = GraphicsCommand.attribute(d, "defaultMode");
        if ("secure".equals(defaultMode)) {
            throw Unsupported.config(name, "spice defaultMode secure requested in XML configuration, but TLS"
                    + " connection is not available");
        }
        for (XmlElement c : GraphicsCommand.children(d)) {
            if (c.name().equals("gl")) {
                throw Unsupported.config(name, "SPICE OpenGL (<gl>) is not supported by the QEMU driver: it needs an"
                        + " OpenGL render node (/dev/dri), which the driver does not use");
            }
            if (c.name().equals("channel") && "secure".equals(c.attribute("mode"))) {
                throw Unsupported.config(name, "spice secure channels set in XML configuration, but TLS connection"
                        + " is not available");
            }
            Map<String, Set<String>> attributes = SPICE_CHILDREN.get(c.name());
            if (attributes == null || !attributes.keySet().containsAll(c.attributes().keySet())
                    || !c.children().isEmpty() || c.attributes().entrySet().stream()
                    .anyMatch(a -> !attributes.get(a.getKey()).contains(a.getValue()))) {
                throw Unsupported.config(name, "SPICE <" + c.name() + " " + c.attributes() + "> is not supported by"
                        + " the QEMU driver");
            }
        }
    }

    /**
     * The console without what {@link GraphicsCommand} reads of what the model keeps unparsed: VNC's
     * {@code socket} (the listen's, repeated), {@code sharePolicy} and {@code websocket}; SPICE's
     * {@code tlsPort} and {@code defaultMode} (whose secure values {@link #check} refuses) and its option
     * children; nothing of SDL and egl-headless consoles, which {@link #check} refuses whole.
     */
    static GraphicsDevice withoutHonoured(GraphicsDevice d) {
        Unknowns u = d.unknowns();
        if (u.isEmpty()) {
            return d;
        }
        if (d.type().equals("sdl") || d.type().equals("egl-headless")) {
            // refused whole by check, with the reason, rather than for an attribute the model does not know
            return d.toBuilder().unknowns(Unknowns.NONE).build();
        }
        Set<String> attributes = d.type().equals("vnc") ? VNC_ATTRIBUTES
                : d.type().equals("spice") ? Set.of("tlsPort", "defaultMode") : Set.of();
        for (String a : attributes) {
            u = u.withoutAttribute("", a);
        }
        if (d.type().equals("spice")) {
            List<XmlElement> top = u.elementsAt("");
            if (top.stream().anyMatch(e -> SPICE_CHILDREN.containsKey(e.name()) || e.name().equals("gl"))) {
                u = u.withElementsAt("", top.stream()
                        .filter(e -> !SPICE_CHILDREN.containsKey(e.name()) && !e.name().equals("gl")).toList());
            }
        }
        return u == d.unknowns() ? d : d.toBuilder().unknowns(u).build();
    }
}
