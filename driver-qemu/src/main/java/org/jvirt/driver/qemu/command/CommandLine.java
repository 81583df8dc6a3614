package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.qmp.Json;

/**
 * A command line as it is being built: its words and environment, and the QEMU ids of the devices it
 * creates, which the driver keeps to manage them. One per build; not thread-safe.
 */
final class CommandLine {
    final List<String> argv = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final Map<String, QemuCommand.DiskIds> disks = new LinkedHashMap<>();
    final Map<String, QemuCommand.NicIds> nics = new LinkedHashMap<>();
    final Map<String, String> chardevs = new LinkedHashMap<>();
    boolean vncAutoport;
    private boolean usb;

    void arg(String... words) {
        Collections.addAll(argv, words);
    }

    /**
     * A {@code -device}, from its properties ({@code driver} first, then as libvirt orders them), in
     * QEMU's JSON syntax as libvirt 9 writes it. The one place that writes a device: QEMU creates the
     * key=value {@code -device}s before the JSON ones, so one syntax for all keeps every bus created before
     * the devices on it.
     */
    void device(Map<String, Object> props) {
        arg("-device", Json.write(props));
    }

    /**
     * The USB controller, once, when the first device that needs it comes and the definition has none
     * ({@link ControllerCommand} gives QEMU those it has): {@code -nodefaults} leaves the machine
     * without one.
     */
    void usb(Guest g) {
        if (!usb && !g.hasController("usb", 0)) {
            // a definition not completed by QemuRules: the machine's usual controller
            usb = true;
            device(Json.object("driver", Machines.isPc(g.machine()) ? "piix3-usb-uhci" : "qemu-xhci", "id", "usb"));
        }
    }

    QemuCommand toCommand(String cpuset) {
        return new QemuCommand(argv, env, cpuset, disks, nics, chardevs, vncAutoport);
    }
}
