package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.QemuOptions.opt;

import java.util.List;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.GraphicsListen;
import org.jvirt.model.xml.XmlElement;

/**
 * The graphics consoles on the command line, as libvirt 9's {@code qemuBuildGraphicsCommandLine}: a
 * VNC server ({@code -vnc}: on an address and display, a unix socket or nowhere, its share policy,
 * websocket, password and audio backend) and a SPICE server ({@code -spice}: on a socket, nowhere or an
 * address and port, with its channel modes, compression, streaming, clipboard and file transfer). Without
 * graphics the builder's {@code -display none} stops QEMU opening a window.
 *
 * <p>Takes what {@link GraphicsValidate} accepted and refuses nothing. Stateless.
 */
final class GraphicsCommand {
    /** The SPICE children that become one {@code NAME=VALUE} option each, with the attribute holding the value. */
    private static final List<String[]> SPICE_OPTIONS = List.of(new String[] {"image", "compression",
        "image-compression"}, new String[] {"jpeg", "compression", "jpeg-wan-compression"},
        new String[] {"zlib", "compression", "zlib-glz-wan-compression"},
        new String[] {"playback", "compression", "playback-compression"},
        new String[] {"streaming", "mode", "streaming-video"});

    private GraphicsCommand() {
    }

    /** A console's first listen: its own, else one on its {@code listen=} address (or the default). */
    static GraphicsListen listen(GraphicsDevice g) {
        return g.listens().isEmpty() ? GraphicsListen.address(g.listen()) : g.listens().get(0);
    }

    static String vncListen(GraphicsDevice g) {
        String address = listen(g).address();
        return address != null ? address : g.listen() == null ? "127.0.0.1" : g.listen();
    }

    static boolean autoport(GraphicsDevice g) {
        return Boolean.TRUE.equals(g.autoport()) || g.port() == null || g.port() == -1;
    }

    /** An attribute of {@code <graphics>} the model keeps unparsed ({@code sharePolicy}...), or null. */
    static String attribute(GraphicsDevice g, String name) {
        return g.unknowns().attributesAt("").get(name);
    }

    /** The graphics children the model keeps unparsed (SPICE's {@code <image>}, {@code <channel>}...). */
    static List<XmlElement> children(GraphicsDevice g) {
        return g.unknowns().elementsAt("");
    }

    static void add(Guest guest, CommandLine out) {
        for (GraphicsDevice g : guest.def().devices(GraphicsDevice.class)) {
            switch (g.type()) {
                case "vnc" -> vnc(guest, g, out);
                case "spice" -> spice(g, out);
                default -> throw new IllegalStateException("graphics type '" + g.type() + "' was not validated");
            }
        }
    }

    private static void vnc(Guest guest, GraphicsDevice g, CommandLine out) {
        GraphicsListen l = listen(g);
        StringBuilder v = new StringBuilder();
        switch (l.type()) {
            case "socket" -> v.append("vnc=unix:").append(opt(l.socket()));
            case "none" -> v.append("none");
            default -> {
                String address = vncListen(g);
                v.append(address.contains(":") ? "[" + address + "]" : address);
                if (autoport(g)) {
                    // QEMU takes the first free display from :0 to :99, and query-vnc tells which.
                    v.append(":0,to=99");
                    out.vncAutoport = true;
                } else {
                    v.append(':').append(g.port() - 5900);
                }
                String websocket = attribute(g, "websocket");
                if (websocket != null) {
                    v.append(",websocket=").append(websocket);
                }
            }
        }
        String share = attribute(g, "sharePolicy");
        if (share != null) {
            v.append(",share=").append(share);
        }
        if (g.passwd() != null) {
            // Given over QMP (set_password) once QEMU runs: on the command line it would show in ps.
            v.append(",password=on");
        }
        List<XmlElement> audios = DeviceCommand.audios(guest);
        if (!audios.isEmpty()) {
            v.append(",audiodev=audio").append(audios.get(0).attribute("id"));
        }
        out.arg("-vnc", v.toString());
        if (g.keymap() != null) {
            out.arg("-k", g.keymap());
        }
    }

    private static void spice(GraphicsDevice g, CommandLine out) {
        GraphicsListen l = listen(g);
        StringBuilder s = new StringBuilder();
        switch (l.type()) {
            case "socket" -> s.append("unix,addr=").append(opt(l.socket())).append(',');
            case "none" -> s.append("port=0,"); // QEMU needs a port or another option; 0 listens nowhere
            default -> {
                s.append("port=").append(g.port()).append(',');
                if (l.address() != null || g.listen() != null) {
                    s.append("addr=").append(l.address() != null ? l.address() : g.listen()).append(',');
                }
            }
        }
        XmlElement mouse = child(g, "mouse");
        if (mouse != null && !"default".equals(mouse.attribute("mode"))) {
            s.append("agent-mouse=").append("client".equals(mouse.attribute("mode")) ? "on" : "off").append(',');
        }
        if (g.passwd() == null) {
            s.append("disable-ticketing=on,");
        }
        if ("insecure".equals(attribute(g, "defaultMode"))) {
            s.append("plaintext-channel=default,");
        }
        for (XmlElement c : children(g)) {
            if (c.name().equals("channel") && "insecure".equals(c.attribute("mode"))) {
                s.append("plaintext-channel=").append(c.attribute("name")).append(',');
            }
        }
        for (String[] o : SPICE_OPTIONS) {
            XmlElement c = child(g, o[0]);
            if (c != null && c.attribute(o[1]) != null) {
                s.append(o[2]).append('=').append(c.attribute(o[1])).append(',');
            }
        }
        XmlElement clipboard = child(g, "clipboard");
        if (clipboard != null && "no".equals(clipboard.attribute("copypaste"))) {
            s.append("disable-copy-paste=on,");
        }
        XmlElement files = child(g, "filetransfer");
        if (files != null && "no".equals(files.attribute("enable"))) {
            s.append("disable-agent-file-xfer=on,");
        }
        // libvirt turns seamless migration on whatever the destination supports
        s.append("seamless-migration=on");
        out.arg("-spice", s.toString());
        if (g.keymap() != null) {
            out.arg("-k", g.keymap());
        }
    }

    static XmlElement child(GraphicsDevice g, String name) {
        for (XmlElement e : children(g)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
