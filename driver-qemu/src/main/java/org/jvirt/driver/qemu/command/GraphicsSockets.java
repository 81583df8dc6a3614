package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.GraphicsListen;

/**
 * The unix sockets libvirt gives VNC and SPICE listens of type socket that name none, as its
 * {@code qemuProcessGraphicsSetupListen} when a domain starts: {@code vnc.sock} and {@code spice.sock}
 * in the domain's private directory. The live definition shows them, as libvirt's does. Stateless.
 */
public final class GraphicsSockets {
    private GraphicsSockets() {
    }

    /** The socket a console of {@code type} ({@code vnc}, {@code spice}) listens on when it names none. */
    public static Path socket(Path privateDir, String type) {
        return privateDir.resolve(type + ".sock");
    }

    /** {@code def} with a socket path for each socket listen that has none; {@code def} itself when none lacks one. */
    public static DomainDefinition assign(DomainDefinition def, Path privateDir) {
        List<Device> devices = null;
        int i = 0;
        for (Device d : def.devices()) {
            if (d instanceof GraphicsDevice g && (g.type().equals("vnc") || g.type().equals("spice"))
                    && g.listens().stream().anyMatch(l -> l.type().equals("socket") && l.socket() == null)) {
                List<GraphicsListen> listens = g.listens().stream().map(l -> l.type().equals("socket")
                        && l.socket() == null ? new GraphicsListen("socket", null, null,
                        socket(privateDir, g.type()).toString()) : l).toList();
                if (devices == null) {
                    devices = new ArrayList<>(def.devices());
                }
                devices.set(i, g.toBuilder().listens(listens).build());
            }
            i++;
        }
        return devices == null ? def : def.toBuilder().devices(devices).build();
    }
}
