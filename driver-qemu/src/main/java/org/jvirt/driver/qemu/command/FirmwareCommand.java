package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DomainOs;
import org.jvirt.model.xml.XmlElement;

/**
 * The guest's firmware, {@code <os><loader>} and {@code <nvram>}, as libvirt 9 gives it to QEMU: a ROM
 * loader is {@code -bios}; a pflash loader and its NVRAM are {@code -blockdev} nodes
 * ({@code libvirt-pflash0-*}, {@code libvirt-pflash1-*}, before {@code -machine}) that the machine's
 * {@code pflash0}/{@code pflash1} properties name, and a secure-boot loader turns on the flash's
 * {@code secure} property. jvirt creates no NVRAM from a template: the NVRAM file must exist, as the
 * loader must (QEMU opens both when it starts). Stateless.
 */
final class FirmwareCommand {
    /** The loader attributes this class reads ({@code type} is the model's). */
    static final Set<String> LOADER_ATTRIBUTES = Set.of("readonly", "secure");

    private FirmwareCommand() {
    }

    private static Map<String, String> loaderAttributes(DomainOs os) {
        return os.unknowns().attributesAt("loader");
    }

    private static boolean pflash(DomainOs os) {
        return os.loader() != null && "pflash".equals(os.loaderType());
    }

    /** The {@code <nvram>} path, or null. */
    private static String nvram(DomainOs os) {
        XmlElement nvram = BootCommand.osElement(os, "nvram");
        return nvram == null ? null : nvram.text().strip();
    }

    /**
     * Refuses, as libvirt: secure boot off q35 or without SMM, an NVRAM without a pflash loader; and
     * firmware files that cannot be read, NVRAM templates (jvirt does not copy them).
     */
    static void validate(Guest g) {
        String name = g.name();
        DomainOs os = g.def().os();
        Map<String, String> a = loaderAttributes(os);
        for (String attribute : LOADER_ATTRIBUTES) {
            String v = a.get(attribute);
            if (v != null && !v.equals("yes") && !v.equals("no")) {
                throw Unsupported.invalid(name, "invalid loader " + attribute + " value '" + v + "'");
            }
        }
        if ("yes".equals(a.get("secure"))) {
            if (!Machines.isQ35(g.machine())) {
                throw Unsupported.config(name, "Secure boot is supported with q35 machine types only");
            }
            if (!g.def().features().stream().anyMatch(f -> f.name().equals("smm") && "on".equals(f.attribute("state")))) {
                throw Unsupported.config(name, "Secure boot requires SMM feature enabled");
            }
        }
        if (pflash(os)) {
            // A ROM is -bios, whose file QEMU looks up in its own data directory too: QEMU says if it is missing.
            BootCommand.readable(name, "firmware", os.loader());
        }
        XmlElement nvram = BootCommand.osElement(os, "nvram");
        if (nvram != null) {
            if (!pflash(os)) {
                throw Unsupported.config(name, "<nvram> needs a <loader type='pflash'>");
            }
            if (!nvram.attributes().isEmpty() || !nvram.children().isEmpty()) {
                throw Unsupported.config(name, "<nvram> with attributes (template) is not supported: jvirt does"
                        + " not create NVRAM files");
            }
            if (!Files.isReadable(Path.of(nvram.text().strip()))) {
                // libvirt would copy the loader's template here, and fails so when it knows none
                throw Unsupported.failed(name, "unable to find any master var store for loader: " + os.loader());
            }
        }
    }

    /** The pflash {@code -blockdev}s, before {@code -machine}. */
    static void blockdevs(Guest g, CommandLine out) {
        DomainOs os = g.def().os();
        if (!pflash(os)) {
            return;
        }
        flash(out, 0, os.loader(), "yes".equals(loaderAttributes(os).get("readonly")));
        if (nvram(os) != null) {
            flash(out, 1, nvram(os), false);
        }
    }

    private static void flash(CommandLine out, int unit, String file, boolean readOnly) {
        String node = "libvirt-pflash" + unit;
        out.arg("-blockdev", Json.write(Json.object("driver", "file", "filename", file, "node-name",
                node + "-storage", "auto-read-only", true, "discard", "unmap")));
        out.arg("-blockdev", Json.write(Json.object("node-name", node + "-format", "read-only", readOnly,
                "driver", "raw", "file", node + "-storage")));
    }

    /** {@code ,pflash0=...[,pflash1=...]}: the machine's flash, after its memory properties. */
    static String machineProps(Guest g) {
        DomainOs os = g.def().os();
        if (!pflash(os)) {
            return "";
        }
        return ",pflash0=libvirt-pflash0-format" + (nvram(os) != null ? ",pflash1=libvirt-pflash1-format" : "");
    }

    /** {@code -bios} for a ROM loader, the flash's {@code secure} global for a secure one: after {@code -cpu}. */
    static void loader(Guest g, CommandLine out) {
        DomainOs os = g.def().os();
        if (os.loader() == null) {
            return;
        }
        if (!pflash(os)) {
            out.arg("-bios", os.loader());
        } else if ("yes".equals(loaderAttributes(os).get("secure"))) {
            out.arg("-global", "driver=cfi.pflash01,property=secure,value=on");
        }
    }
}
