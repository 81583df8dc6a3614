package org.jvirt.driver.xend.config;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.model.CharDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Character devices. A paravirtualised guest always has one console, a pty, and nothing else. An
 * HVM guest has its image's {@code (serial)} and {@code (parallel)}, each a qemu-dm string
 * ({@link CharStrings}) or {@code none}; its serial port is also its console.
 */
final class CharSection {
    private CharSection() {
    }

    /** The serial port, its console and the parallel port of an HVM guest; a paravirtualised guest's console. */
    static List<XmlElement> read(SxpGuest g) {
        List<XmlElement> devices = new ArrayList<>();
        String tty = g.facts.consoleTty();
        if (g.hvm) {
            String serial = g.text(g.image("serial")).orElse(null);
            if (serial != null && !serial.equals("none")) {
                devices.add(CharStrings.read("serial", 0, serial, tty));
                // libvirt 0.4's console: the first serial port again.
                devices.add(CharStrings.read("console", 0, serial, tty));
            }
            String parallel = g.text(g.image("parallel")).orElse(null);
            if (parallel != null && !parallel.equals("none")) {
                // xend puts no pty of a parallel port in xenstore.
                devices.add(CharStrings.read("parallel", 0, parallel, null));
            }
        } else {
            devices.add(CharStrings.read("console", 0, "pty", tty));
        }
        return devices;
    }

    /**
     * An HVM image's {@code (parallel)} and {@code (serial)}: the parallel port, the serial port —
     * or, without one, the console as libvirt 9 reads it (a serial port) — or {@code none}.
     */
    static void writeImage(DefGuest w, List<Sexpr> image) {
        CharDevice parallel = null;
        CharDevice serial = null;
        CharDevice console = null;
        for (CharDevice c : w.def.devices(CharDevice.class)) {
            switch (c.kind()) {
                case "parallel" -> parallel = only(parallel, c, w);
                case "serial" -> serial = only(serial, c, w);
                case "console" -> console = console == null ? c : console;
                default -> {
                }
            }
        }
        image.add(Sexpr.entry("parallel", parallel == null ? "none" : CharStrings.write(parallel)));
        CharDevice port = serial != null ? serial : console;
        image.add(Sexpr.entry("serial", port == null ? "none" : CharStrings.write(port)));
    }

    private static CharDevice only(CharDevice found, CharDevice another, DefGuest w) {
        if (found != null) {
            throw XendErrors.unsupported("Only one " + another.kind() + " device is supported by xend (domain '"
                    + w.name() + "')");
        }
        return another;
    }

    /**
     * Refuses what xend cannot be told: channels; serial or parallel ports of a paravirtualised
     * guest, whose only character device is its console; an HVM console that is no serial port.
     */
    static void check(DefGuest w) {
        for (CharDevice c : w.def.devices(CharDevice.class)) {
            boolean serialConsole = c.kind().equals("console") && (c.targetType() == null
                    || c.targetType().equals("serial"));
            if (c.kind().equals("channel") || !w.hvm && !c.kind().equals("console") || w.hvm && c.kind().equals("console")
                    && !serialConsole) {
                throw XendErrors.unsupported("xend has no place for a " + c.kind() + " of type '" + c.type() + "'"
                        + (c.targetType() == null ? "" : " with target type '" + c.targetType() + "'") + " in " + (w.hvm ? "a fully virtualised" : "a paravirtualised") + " guest (domain '"
                        + w.name() + "')");
            }
        }
    }
}
