package org.jvirt.driver.qemu.command;

import java.util.Set;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's QEMU XML namespace ({@code xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'}), read
 * under its canonical prefix {@code qemu} whatever prefix the document used: {@code <qemu:commandline>}'s
 * {@code <qemu:arg value=>} are appended to the command line, after the devices and before the sandbox,
 * and its {@code <qemu:env name= value=>} set in QEMU's environment (an absent value is empty), as
 * libvirt's qemuBuildCommandLine does. {@code <qemu:capabilities>} adds to or removes from libvirt's
 * own probed QEMU capabilities; jvirt decides what it writes from the definition and QEMU 7.2 alone, so
 * those tweaks are accepted and have no effect. Stateless.
 */
final class NamespaceCommand {
    static final String COMMANDLINE = "qemu:commandline";
    static final String CAPABILITIES = "qemu:capabilities";

    private NamespaceCommand() {
    }

    /** Whether a top-level element is one of the namespace's that this class honours. */
    static boolean honoured(XmlElement e) {
        return e.name().equals(COMMANDLINE) || e.name().equals(CAPABILITIES);
    }

    /**
     * Refuses what libvirt's schema does not allow in the two elements: children other than
     * {@code arg}/{@code env} and {@code add}/{@code del}, an arg without value, an env without a name or
     * with a name that is no environment variable's (libvirt: "Invalid environment name").
     */
    static void validate(Guest g) {
        for (XmlElement e : g.def().unknowns().elementsAt("")) {
            if (e.name().equals(COMMANDLINE)) {
                for (XmlElement c : e.children()) {
                    switch (c.name()) {
                        case "qemu:arg" -> {
                            if (c.attribute("value") == null) {
                                throw Unsupported.invalid(g.name(), "No qemu command-line argument specified");
                            }
                        }
                        case "qemu:env" -> {
                            String name = c.attribute("name");
                            if (name == null) {
                                throw Unsupported.invalid(g.name(), "No qemu environment name specified");
                            }
                            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                                throw Unsupported.invalid(g.name(), "Invalid environment name, it must begin with"
                                        + " a letter or underscore");
                            }
                        }
                        default -> throw Unsupported.config(g.name(), "<" + COMMANDLINE + "><" + c.name()
                                + "> is not supported");
                    }
                }
            } else if (e.name().equals(CAPABILITIES)) {
                for (XmlElement c : e.children()) {
                    if (!Set.of("qemu:add", "qemu:del").contains(c.name()) || c.attribute("capability") == null) {
                        throw Unsupported.config(g.name(), "<" + CAPABILITIES + "><" + c.name()
                                + "> is not supported");
                    }
                }
            }
        }
    }

    /** The {@code qemu:arg}s, in order, and the {@code qemu:env}s into QEMU's environment. */
    static void add(Guest g, CommandLine out) {
        for (XmlElement e : g.def().unknowns().elementsAt("")) {
            if (!e.name().equals(COMMANDLINE)) {
                continue;
            }
            for (XmlElement c : e.children()) {
                if (c.name().equals("qemu:arg")) {
                    out.arg(c.attribute("value"));
                } else {
                    String value = c.attribute("value");
                    out.env.put(c.attribute("name"), value == null ? "" : value);
                }
            }
        }
    }
}
