package org.jvirt.driver.qemu.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jvirt.model.DomainOs;
import org.jvirt.model.xml.XmlElement;

/**
 * How the guest boots, as libvirt's qemuBuildBootCommandLine: {@code -boot} with the boot menu
 * ({@code <bootmenu enable= timeout=>}: {@code menu=}, {@code splash-time=}) and the BIOS's reboot
 * timeout ({@code <bios rebootTimeout=>}; its serial console, {@code useserial}, is the machine's
 * {@code graphics=off}), then direct kernel boot ({@code -kernel}, {@code -initrd},
 * {@code -append}), the device tree ({@code <dtb>}: {@code -dtb}) and the SLIC ACPI table
 * ({@code <acpi><table type='slic'>}: {@code -acpitable}). The order of devices ({@code <boot dev=>}) is
 * each device's {@code bootindex}. Firmware chosen by libvirt ({@code <os firmware=>}) needs QEMU's
 * firmware descriptors, which this host has none of: refused as libvirt fails to start. Stateless.
 */
final class BootCommand {
    /** The elements of {@code <os>} the model keeps as unknown that this class honours. */
    static final Set<String> OS_ELEMENTS = Set.of("bootmenu", "bios", "dtb", "acpi");

    /** Where QEMU's firmware descriptors are, which libvirt reads to choose a {@code <os firmware=>}. */
    private static final java.util.List<Path> FIRMWARE_DESCRIPTORS = java.util.List.of(
            Path.of("/usr/share/qemu/firmware"), Path.of("/etc/qemu/firmware"));

    private BootCommand() {
    }

    /** The unknown child {@code name} of {@code <os>}, or null. */
    static XmlElement osElement(DomainOs os, String name) {
        for (XmlElement e : os.unknowns().elementsAt("")) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Refuses, as libvirt: initrd or cmdline without a kernel, unknown boot devices, a boot menu timeout
     * out of [0,65535], a reboot timeout out of [-1,65535], {@code useserial} (jvirt has no SGA BIOS
     * console), ACPI tables other than SLIC or off x86, and boot files that cannot be read (QEMU would
     * fail to start on them).
     */
    static void validate(Guest g) {
        String name = g.name();
        DomainOs os = g.def().os();
        if (os.kernel() == null && (os.initrd() != null || os.cmdline() != null)) {
            throw Unsupported.config(name, "<initrd> and <cmdline> need a <kernel>");
        }
        for (String dev : os.bootDevices()) {
            if (!Set.of("hd", "cdrom", "network", "fd").contains(dev)) {
                throw Unsupported.config(name, "boot device '" + dev + "' is not supported");
            }
        }
        String firmware = os.unknowns().attributesAt("").get("firmware");
        if (firmware != null && FIRMWARE_DESCRIPTORS.stream().noneMatch(Files::isDirectory)) {
            // libvirt picks firmware from QEMU's descriptors, of which this host has none.
            throw Unsupported.failed(name, "Unable to find any firmware to satisfy '" + firmware + "'");
        } else if (firmware != null) {
            throw Unsupported.config(name, "<os firmware='" + firmware + "'> is not supported by the QEMU driver:"
                    + " name the firmware with <loader>");
        }
        XmlElement menu = osElement(os, "bootmenu");
        if (menu != null) {
            only(name, menu, Set.of("enable", "timeout"));
            String enable = menu.attribute("enable");
            if (enable != null && !enable.equals("yes") && !enable.equals("no")) {
                throw Unsupported.invalid(name, "invalid value for boot menu enable: '" + enable + "'");
            }
            String timeout = menu.attribute("timeout");
            if (timeout != null && "yes".equals(enable) && !inRange(timeout, 0, 65535)) {
                throw Unsupported.config(name, "invalid value for boot menu timeout, must be in range [0,65535]");
            }
        }
        XmlElement bios = osElement(os, "bios");
        if (bios != null) {
            only(name, bios, Set.of("rebootTimeout", "useserial"));
            String timeout = bios.attribute("rebootTimeout");
            if (timeout != null && !inRange(timeout, -1, 65535)) {
                throw Unsupported.config(name, "invalid value for rebootTimeout, must be in range [-1,65535]");
            }
            String useserial = bios.attribute("useserial");
            if (useserial != null && !useserial.equals("yes") && !useserial.equals("no")) {
                throw Unsupported.invalid(name, "invalid value for useserial: '" + useserial + "'");
            }
            if ("yes".equals(useserial) && !g.x86()) {
                throw Unsupported.config(name, "BIOS serial console only supported on x86 architectures");
            }
            if ("yes".equals(useserial) && g.def().devices(org.jvirt.model.CharDevice.class).stream()
                    .noneMatch(c -> c.kind().equals("serial"))) {
                throw Unsupported.invalid(name, "need at least one serial port to use BIOS serial output");
            }
        }
        XmlElement dtb = osElement(os, "dtb");
        if (dtb != null) {
            readable(name, "device tree", dtb.text().strip());
        }
        XmlElement acpi = osElement(os, "acpi");
        if (acpi != null) {
            for (XmlElement table : acpi.children()) {
                if (!table.name().equals("table") || !"slic".equals(table.attribute("type"))
                        || !table.attributes().keySet().equals(Set.of("type"))) {
                    throw Unsupported.config(name, "ACPI table '" + table.name() + "' of type '"
                            + table.attribute("type") + "' is not supported, only type 'slic'");
                }
                if (!g.x86()) {
                    throw Unsupported.config(name, "ACPI table type 'slic' is not supported for architecture '"
                            + g.arch() + "'");
                }
                readable(name, "ACPI table", table.text().strip());
            }
            if (acpi.children().size() > 1) {
                throw Unsupported.config(name, "only one ACPI table is supported");
            }
        }
    }

    private static void only(String name, XmlElement e, Set<String> attributes) {
        for (String a : e.attributes().keySet()) {
            if (!attributes.contains(a)) {
                throw Unsupported.config(name, "attribute '" + a + "' of <os><" + e.name() + "> is not supported");
            }
        }
        if (!e.children().isEmpty()) {
            throw Unsupported.config(name, "<os><" + e.name() + "> with content is not supported");
        }
    }

    private static boolean inRange(String value, long min, long max) {
        try {
            long v = Long.parseLong(value);
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** QEMU reads the file when it starts: one it cannot read would fail the start after the fact. */
    static void readable(String name, String what, String file) {
        if (file.isEmpty() || !Files.isReadable(Path.of(file))) {
            throw Unsupported.config(name, "cannot read the " + what + " file '" + file + "'");
        }
    }

    /**
     * {@code ,graphics=off} for {@code <bios useserial='yes'/>}: on x86 the machine's graphics off is what
     * turns SeaBIOS's serial console on.
     */
    static String machineProps(Guest g) {
        XmlElement bios = osElement(g.def().os(), "bios");
        return bios != null && "yes".equals(bios.attribute("useserial")) ? ",graphics=off" : "";
    }

    /** {@code -boot} and the boot files, in libvirt's order. */
    static void add(Guest g, CommandLine out) {
        DomainOs os = g.def().os();
        StringBuilder boot = new StringBuilder();
        XmlElement menu = osElement(os, "bootmenu");
        String enable = menu == null ? null : menu.attribute("enable");
        if (enable != null) {
            boot.append("menu=").append(enable.equals("yes") ? "on" : "off").append(',');
        }
        XmlElement bios = osElement(os, "bios");
        if (bios != null && bios.attribute("rebootTimeout") != null) {
            boot.append("reboot-timeout=").append(Long.parseLong(bios.attribute("rebootTimeout"))).append(',');
        }
        if ("yes".equals(enable) && menu.attribute("timeout") != null) {
            boot.append("splash-time=").append(Long.parseLong(menu.attribute("timeout"))).append(',');
        }
        out.arg("-boot", boot.append("strict=on").toString());
        if (os.kernel() != null) {
            out.arg("-kernel", os.kernel());
            if (os.initrd() != null) {
                out.arg("-initrd", os.initrd());
            }
            if (os.cmdline() != null) {
                out.arg("-append", os.cmdline());
            }
        }
        XmlElement dtb = osElement(os, "dtb");
        if (dtb != null) {
            out.arg("-dtb", dtb.text().strip());
        }
        XmlElement acpi = osElement(os, "acpi");
        if (acpi != null) {
            for (XmlElement table : acpi.children()) {
                out.arg("-acpitable", "sig=SLIC,file=" + QemuOptions.opt(table.text().strip()));
            }
        }
    }
}
