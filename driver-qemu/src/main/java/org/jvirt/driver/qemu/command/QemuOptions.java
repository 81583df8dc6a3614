package org.jvirt.driver.qemu.command;

import org.jvirt.model.DeviceAddress;

/**
 * How values are written on QEMU's command line: the option syntax's escaping, and libvirt device
 * addresses as QEMU bus properties. Stateless.
 */
final class QemuOptions {
    private QemuOptions() {
    }

    /** Escapes a value for QEMU's option syntax, where a comma is written twice. */
    static String opt(String value) {
        return value.replace(",", ",,");
    }

    /**
     * A number of a libvirt address ({@code 0x1f} or {@code 31}): 0 when absent, as libvirt reads a
     * missing part; -1 when it is no number, which no range check lets through.
     */
    static long addressNumber(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether QEMU can be told to put a device at PCI address {@code a}: domain 0 (QEMU has no other),
     * a bus 0 to 255, slots 1 to 31 on the root bus (0 is the host bridge's) and 0 to 31 on the others,
     * functions 0 to 7. Whether the bus exists was checked when the domain was defined.
     */
    static boolean placeable(DeviceAddress a) {
        long dom = addressNumber(a.attribute("domain"));
        long bus = addressNumber(a.attribute("bus"));
        long slot = addressNumber(a.attribute("slot"));
        long fn = addressNumber(a.attribute("function"));
        return dom == 0 && bus >= 0 && bus <= 255 && slot >= (bus == 0 ? 1 : 0) && slot <= 31 && fn >= 0 && fn <= 7;
    }
}
