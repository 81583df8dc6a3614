package org.jvirt.model;

import java.util.Objects;

/**
 * One {@code <listen>} of a graphics console: where a VNC, SPICE or RDP server accepts clients.
 * Unknown attributes and children of a listen stay in the graphics device's
 * {@link GraphicsDevice#unknowns()} at location {@code listen[n]}.
 *
 * @param type {@code address}, {@code network}, {@code socket} or {@code none}; never null
 * @param address the address listened on ({@code address} listens), or null for the hypervisor's default
 * @param network the libvirt network whose address is listened on ({@code network} listens), or null
 * @param socket the UNIX socket path ({@code socket} listens), or null for one libvirt chooses
 *
 * @since 1.0
 */
public record GraphicsListen(String type, String address, String network, String socket) {

    public GraphicsListen {
        Objects.requireNonNull(type, "type");
    }

    /** An {@code address} listen on {@code address} (null: the hypervisor's default). */
    public static GraphicsListen address(String address) {
        return new GraphicsListen("address", address, null, null);
    }
}
