package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * The watchdog ({@code <watchdog>}) on the command line, as libvirt 9.0's qemuBuildWatchdogCommandLine:
 * the {@code i6300esb} (PCI) or {@code ib700} (ISA) device {@code watchdog0}, then
 * {@code -watchdog-action} saying what QEMU does when it fires. The model keeps {@code <watchdog>} as an
 * element: {@link #honoured} says which ones this class builds, {@link #validate} refuses the values it
 * cannot build. Stateless.
 */
final class WatchdogCommand {
    /** The actions QEMU takes itself; libvirt's {@code dump} is a pause after which libvirt dumps. */
    private static final Set<String> ACTIONS = Set.of("reset", "shutdown", "poweroff", "pause", "none",
            "inject-nmi");

    private WatchdogCommand() {
    }

    /** Whether a {@code <watchdog>} has only {@code model}, {@code action} and an {@code <address>}. */
    static boolean honoured(XmlElement watchdog) {
        return ElementDevices.only(watchdog, Set.of("model", "action"), Set.of("address"));
    }

    /** Refuses, in libvirt's words where libvirt refuses too, what a watchdog cannot be on this guest. */
    static void validate(Guest g) {
        List<XmlElement> watchdogs = ElementDevices.named(g.def(), "watchdog");
        if (watchdogs.size() > 1) {
            throw Unsupported.config(g.name(), "only one <watchdog> device is supported");
        }
        for (XmlElement w : watchdogs) {
            String model = w.attribute("model");
            DeviceAddress a = ElementDevices.address(w);
            switch (model == null ? "" : model) {
                case "i6300esb" -> {
                    if (a != null && !"pci".equals(a.type())) {
                        throw Unsupported.config(g.name(), model + " model of watchdog can go only on PCI bus");
                    }
                    DeviceValidate.pciAddress(a);
                }
                case "ib700" -> {
                    if (a != null) {
                        throw Unsupported.config(g.name(), model
                                + " model of watchdog does not support configuring the address");
                    }
                    if (!g.x86()) {
                        throw Unsupported.config(g.name(), "ib700 model of watchdog is an ISA card of x86 machines");
                    }
                }
                case "diag288" -> {
                    if (a != null) {
                        throw Unsupported.config(g.name(), model
                                + " model of watchdog is virtual and cannot go on any bus.");
                    }
                    throw Unsupported.config(g.name(), model + " model of watchdog is allowed for s390 and s390x only");
                }
                default -> throw Unsupported.config(g.name(), "watchdog model '" + model
                        + "' is not supported (supported: i6300esb, ib700)");
            }
            String action = action(w);
            if (action.equals("dump")) {
                // libvirt pauses the guest and writes a core dump itself; the driver does not
                throw Unsupported.config(g.name(), "watchdog action 'dump' is not supported by the QEMU driver");
            }
            if (!ACTIONS.contains(action)) {
                throw Unsupported.config(g.name(), "watchdog action '" + action + "' is not supported");
            }
        }
    }

    /** A watchdog's action: its own, else libvirt's default {@code reset}. */
    static String action(XmlElement watchdog) {
        return watchdog.attribute("action") == null ? "reset" : watchdog.attribute("action");
    }

    static void add(Guest g, CommandLine out) {
        for (XmlElement w : ElementDevices.named(g.def(), "watchdog")) {
            Map<String, Object> p = Json.object("driver", w.attribute("model"), "id", "watchdog0");
            DeviceProps.address(p, ElementDevices.address(w), g.def());
            out.device(p);
            out.arg("-watchdog-action", action(w));
        }
    }
}
