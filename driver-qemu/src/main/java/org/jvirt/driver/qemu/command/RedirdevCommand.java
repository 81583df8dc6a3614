package org.jvirt.driver.qemu.command;

import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * USB redirection ({@code <redirdev bus='usb'>}) on the command line, as libvirt's
 * qemuBuildRedirdevCommandLine: a {@code -chardev} {@code charredirN} carrying the USB traffic and the
 * {@code usb-redir} device {@code redirN} at its USB port. The model keeps {@code <redirdev>} as an
 * element: {@link #honoured} says which ones this class builds (a {@code <boot>} order, a filter are
 * not), {@link #validate} refuses the rest. Stateless.
 */
final class RedirdevCommand {
    private RedirdevCommand() {
    }

    /** Whether a {@code <redirdev>} has only {@code bus}, {@code type}, sources, a protocol and an address. */
    static boolean honoured(XmlElement redirdev) {
        return redirdev.text().isBlank() && Set.of("bus", "type").containsAll(redirdev.attributes().keySet())
                && ElementDevices.chardevChildren(redirdev, Set.of("address"));
    }

    static void validate(Guest g) {
        for (XmlElement r : ElementDevices.named(g.def(), "redirdev")) {
            if (!"usb".equals(r.attribute("bus"))) {
                throw Unsupported.config(g.name(), "Redirection bus " + r.attribute("bus") + " is not supported by QEMU");
            }
            if ("spicevmc".equals(r.attribute("type"))) {
                throw ElementDevices.spicevmc(g, "<redirdev>");
            }
            CharDeviceValidate.backend(g.name(), ElementDevices.chardev(r));
            ElementDevices.reconnect(g.name(), "<redirdev>", r);
            DeviceAddress a = ElementDevices.address(r);
            if (a != null && !"usb".equals(a.type())) {
                throw Unsupported.config(g.name(), "<redirdev>: address type '" + a.type()
                        + "' is not supported, only 'usb'");
            }
        }
    }

    static void add(Guest g, CommandLine out) {
        int i = 0;
        for (XmlElement r : ElementDevices.named(g.def(), "redirdev")) {
            out.usb(g);
            String alias = "redir" + i++;
            out.arg("-chardev", ElementDevices.chardevArg(r, "char" + alias));
            Map<String, Object> p = Json.object("driver", "usb-redir", "chardev", "char" + alias, "id", alias);
            DeviceAddress a = ElementDevices.address(r);
            if (a == null) {
                p.put("bus", "usb.0");
            }
            DeviceProps.address(p, a, g.def());
            out.device(p);
        }
    }
}
