package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorDomain;

/**
 * How libvirt reads a {@code <graphics>} of an inactive definition: the port it chooses or not
 * ({@code port='-1'} and {@code autoport} settle each other), and the listen addresses, which
 * libvirt keeps as {@code <listen>} children and mirrors in the {@code listen=} attribute
 * (virDomainGraphicsDefParseXML's VNC, SPICE and RDP parts, virDomainGraphicsListensParseXML,
 * virDomainDefPostParseGraphics). Stateless.
 */
final class GraphicsPostParse {
    private GraphicsPostParse() {
    }

    static GraphicsDevice apply(GraphicsDevice g) {
        boolean vnc = g.type().equals("vnc");
        boolean spice = g.type().equals("spice");
        boolean rdp = g.type().equals("rdp");
        if (!vnc && !spice && !rdp) {
            return g;
        }
        Listen listen = listens(g, vnc);
        GraphicsDevice.Builder b = g.toBuilder().listens(listen.listens).unknowns(listen.unknowns)
                .listen(listen.address);
        if (vnc) {
            vncPorts(g, b, listen.type);
        } else if (spice) {
            spicePorts(g, b, listen);
        } else {
            rdpPorts(g, b);
        }
        GraphicsDevice done = b.build();
        return done.equals(g) ? g : done;
    }

    /**
     * The first listen's type, the address libvirt writes as {@code listen=}, the listens it writes
     * as children and the unknowns (where a VNC socket stays an attribute).
     */
    private record Listen(String type, String address, List<GraphicsListen> listens, Unknowns unknowns) {
    }

    private static Listen listens(GraphicsDevice g, boolean vnc) {
        Unknowns u = g.unknowns();
        String compat = g.listen() == null || g.listen().isEmpty() ? null : g.listen();
        String socket = vnc ? u.attributesAt("").get("socket") : null;
        List<GraphicsListen> listens = new ArrayList<>(g.listens());
        if (vnc) {
            // VNC's socket= attribute and its first <listen type='socket'> mirror each other.
            GraphicsListen first = listens.isEmpty() ? null : listens.get(0);
            if (socket != null && (first == null || !first.type().equals("socket"))) {
                if (first != null && (first.type().equals("address") || first.type().equals("network"))) {
                    listens.remove(0);
                }
                listens.add(0, new GraphicsListen("socket", null, null, socket));
            } else if (socket == null && first != null && first.type().equals("socket") && first.socket() != null) {
                socket = first.socket();
                u = u.withAttribute("", "socket", socket);
            }
        }
        if (socket != null) {
            return new Listen("socket", null, listens, u);
        }
        if (listens.isEmpty()) {
            listens.add(GraphicsListen.address(compat));
            return new Listen("address", compat, listens, u);
        }
        GraphicsListen first = listens.get(0);
        switch (first.type()) {
            case "address" -> {
                String address = first.address();
                if (address != null && compat != null && !address.equals(compat)) {
                    throw DomainErrors.unsupported("graphics 'listen' attribute '" + compat
                                    + "' must match 'address' attribute of first listen element (found '" + address + "')");
                }
                if (address == null && compat != null) {
                    listens.set(0, GraphicsListen.address(compat));
                    address = compat;
                }
                return new Listen("address", address, listens, u);
            }
            case "network" -> {
                // A network's address is the running guest's, not the definition's.
                listens.set(0, new GraphicsListen("network", null, first.network(), null));
                return new Listen("network", null, listens, u);
            }
            default -> {
                return new Listen(first.type(), null, listens, u);
            }
        }
    }

    /** VNC: no port, or -1, means libvirt chooses one; autoport='yes' discards any port of an inactive definition. */
    private static void vncPorts(GraphicsDevice g, GraphicsDevice.Builder b, String listenType) {
        if (!"address".equals(listenType) && !"network".equals(listenType)) {
            b.port(null).autoport(null);
            return;
        }
        int port = g.port() == null || g.port() == -1 ? 0 : g.port();
        boolean auto = g.port() == null || g.port() == -1;
        if (g.autoport() != null) {
            auto = g.autoport();
            if (auto) {
                port = 0;
            }
        }
        b.port(auto ? Integer.valueOf(-1) : port != 0 ? Integer.valueOf(port) : null).autoport(auto);
    }

    /** SPICE: port and tlsPort -1 mean autoport; without ports or autoport it listens nowhere. */
    private static void spicePorts(GraphicsDevice g, GraphicsDevice.Builder b, Listen listen) {
        int port = g.port() == null ? 0 : g.port();
        String tls = g.unknowns().attributesAt("").get("tlsPort");
        int tlsPort = tls == null ? 0 : tlsPort(tls);
        boolean auto = Boolean.TRUE.equals(g.autoport()) || port == -1 && tlsPort == -1;
        Unknowns u = listen.unknowns;
        if (auto) {
            port = 0;
            u = u.withoutAttribute("", "tlsPort");
        }
        if ("address".equals(listen.type) && port == 0 && tlsPort == 0 && !auto) {
            // virDomainDefPostParseGraphics: nowhere to listen is listen type 'none'.
            List<GraphicsListen> listens = new ArrayList<>(listen.listens);
            listens.set(0, new GraphicsListen("none", null, null, null));
            b.unknowns(u).listens(listens).listen(null).port(null).autoport(null);
            return;
        }
        if (!"address".equals(listen.type) && !"network".equals(listen.type)) {
            b.unknowns(u).port(null).autoport(null);
            return;
        }
        b.unknowns(u).port(port != 0 ? Integer.valueOf(port) : null).autoport(auto);
    }

    /** RDP: -1 or no port means autoport, written as port='0' autoport='yes'. */
    private static void rdpPorts(GraphicsDevice g, GraphicsDevice.Builder b) {
        int port = g.port() == null || g.port() == -1 ? 0 : g.port();
        boolean auto = g.port() == null || g.port() == -1 || Boolean.TRUE.equals(g.autoport());
        if (auto) {
            port = 0;
        }
        b.port(port != 0 || auto ? Integer.valueOf(port) : null).autoport(auto ? Boolean.TRUE : null);
    }

    private static int tlsPort(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "Invalid value for attribute 'tlsPort' in element 'graphics': '"
                    + value + "'. Expected integer value");
        }
    }
}
