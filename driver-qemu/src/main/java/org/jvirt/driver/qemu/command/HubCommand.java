package org.jvirt.driver.qemu.command;

import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * USB hubs ({@code <hub type='usb'>}) on the command line, as libvirt's qemuBuildHubCommandLine: a
 * {@code usb-hub} {@code hubN} at the USB port define assigned it, right after the controllers, so that
 * the devices behind it (ports {@code 1.1}...) find it. The model keeps {@code <hub>} as an element:
 * {@link #honoured} says which ones this class builds, {@link #validate} refuses the rest. Stateless.
 */
final class HubCommand {
    private HubCommand() {
    }

    /** Whether a {@code <hub>} has only a {@code type} and an {@code <address>}. */
    static boolean honoured(XmlElement hub) {
        return ElementDevices.only(hub, Set.of("type"), Set.of("address"));
    }

    /** Refuses a hub of a type other than USB (libvirt's words) or placed anywhere but on USB bus 0. */
    static void validate(Guest g) {
        for (XmlElement hub : ElementDevices.named(g.def(), "hub")) {
            if (!"usb".equals(hub.attribute("type"))) {
                throw Unsupported.config(g.name(), "hub type " + hub.attribute("type") + " not supported");
            }
            DeviceAddress a = ElementDevices.address(hub);
            if (a != null && !"usb".equals(a.type())) {
                throw Unsupported.config(g.name(), "<hub>: address type '" + a.type()
                        + "' is not supported, only 'usb'");
            }
            if (a != null && a.attribute("bus") != null && QemuOptions.addressNumber(a.attribute("bus")) != 0
                    && !g.hasController("usb", (int) QemuOptions.addressNumber(a.attribute("bus")))) {
                throw Unsupported.config(g.name(), "<hub>: there is no USB controller "
                        + a.attribute("bus"));
            }
        }
    }

    static void add(Guest g, CommandLine out) {
        int i = 0;
        for (XmlElement hub : ElementDevices.named(g.def(), "hub")) {
            out.usb(g);
            DeviceAddress a = ElementDevices.address(hub);
            Map<String, Object> p = Json.object("driver", "usb-hub", "id", "hub" + i++);
            if (a == null) {
                p.put("bus", "usb.0");
            }
            DeviceProps.address(p, a, g.def());
            out.device(p);
        }
    }
}
