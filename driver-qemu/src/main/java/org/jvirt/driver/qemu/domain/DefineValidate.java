package org.jvirt.driver.qemu.domain;

import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.GraphicsListen;
import org.jvirt.model.InputDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * What libvirt's QEMU driver refuses at define ({@code qemu_validate.c}, its domain and device
 * validation callbacks), in libvirt's words and with its error codes (domain QEMU), with qemu.conf's
 * defaults (SPICE without TLS). What only jvirt's command line cannot run is refused at start instead
 * ({@code org.jvirt.driver.qemu.command.QemuValidate}). Stateless.
 */
final class DefineValidate {
    private DefineValidate() {
    }

    /** Fails with libvirt's error for the first fault libvirt finds in a completed definition. */
    static void apply(DomainDefinition def, EmulatorInfo emulator) {
        if (def.bootloader() != null || def.bootloaderArgs() != null) {
            // qemuDomainDefPostParse
            throw unsupported(def, "bootloader is not supported by QEMU");
        }
        tseg(def);
        memoryHotplug(def);
        for (Device d : def.devices()) {
            zpci(def, d, emulator);
            if (d instanceof DiskDevice disk) {
                disk(def, disk);
            } else if (d instanceof CharDevice chr) {
                charSource(def, chr.type(), chr);
            } else if (d instanceof InputDevice input) {
                input(def, input);
            } else if (d instanceof GraphicsDevice graphics) {
                graphics(def, graphics);
            } else if (d instanceof UnknownDevice u) {
                unknown(def, u.element(), emulator);
            }
        }
    }

    /**
     * qemuDomainDefValidateMemoryHotplug: QEMU would quietly make one NUMA node for hot-plugged
     * memory; libvirt wants the guest's nodes said (but on POWER).
     */
    private static void memoryHotplug(DomainDefinition def) {
        XmlElement max = DomainDefaults.topElement(def, "maxMemory");
        if (max == null || DomainDefaults.arch(def).startsWith("ppc64")) {
            return;
        }
        boolean hotplug = positive(max.attribute("slots")) || positive(max.text());
        XmlElement cpu = DomainDefaults.topElement(def, "cpu");
        XmlElement numa = cpu == null ? null : cpu.child("numa");
        boolean cells = numa != null && numa.children().stream().anyMatch(c -> c.name().equals("cell"));
        if (hotplug && !cells) {
            throw unsupported(def, "At least one numa node has to be configured when enabling memory hotplug");
        }
    }

    /** qemuDomainDefTsegPostParse: an SMM TSEG size is Q35's, in whole MiB. */
    private static void tseg(DomainDefinition def) {
        for (XmlElement f : def.features()) {
            XmlElement tseg = f.name().equals("smm") && "on".equals(f.attribute("state")) ? f.child("tseg") : null;
            if (tseg == null) {
                continue;
            }
            String machine = DomainDefaults.machine(def);
            if (!(machine.equals("q35") || machine.startsWith("pc-q35"))) {
                throw unsupported(def, "SMM TSEG is only supported with q35 machine type");
            }
            // The core writes the size in the largest unit that holds it whole: MiB or more, or not whole MiB.
            String unit = tseg.attribute("unit") == null ? "MiB" : tseg.attribute("unit");
            boolean wholeMiB = unit.equals("MiB") || unit.equals("GiB") || unit.equals("TiB") || unit.equals("PiB")
                    || unit.equals("EiB") || isZero(tseg.text());
            if (!wholeMiB) {
                throw unsupported(def, "SMM TSEG size must be divisible by 1 MiB");
            }
        }
    }

    /** qemuValidateDomainDeviceDefDisk's transient disks, qemuDomainValidateStorageSource's formats. */
    private static void disk(DomainDefinition def, DiskDevice disk) {
        boolean transientDisk = disk.unknowns().elementsAt("").stream().anyMatch(e -> e.name().equals("transient"));
        if (transientDisk && !disk.type().equals("file")) {
            throw unsupported(def, "transient disk supported only with 'file' type (" + disk.targetDev() + ")");
        }
        if ("cow".equals(disk.driverType())) {
            throw unsupported(def, "'cow' storage format is not supported");
        }
        if ("dir".equals(disk.driverType())) {
            throw unsupported(def, "'directory' storage format is not directly supported by QEMU, "
                    + "use 'dir' disk type instead");
        }
    }

    /** qemuValidateDomainChrSourceDef: SPICE channels need SPICE; a reconnecting socket needs a timeout. */
    private static void charSource(DomainDefinition def, String type, CharDevice chr) {
        if (("spicevmc".equals(type) || "spiceport".equals(type)) && !DefaultDevices.hasGraphics(def.devices(), "spice")) {
            throw unsupported(def, "chardev '" + type + "' not supported without spice graphics");
        }
        if (chr == null || !("tcp".equals(type) || "unix".equals(type))) {
            return;
        }
        for (int n = 1; n <= Math.max(1, chr.sources().size()); n++) {
            for (XmlElement e : chr.unknowns().elementsAt("source[" + n + "]")) {
                if (e.name().equals("reconnect") && "yes".equals(e.attribute("enabled"))
                        && isZero(e.attribute("timeout"))) {
                    throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                            "chardev reconnect source timeout cannot be '0'", def.name());
                }
            }
        }
    }

    /** qemuValidateDomainDeviceDefInput: virtio input devices have no transitional models. */
    private static void input(DomainDefinition def, InputDevice input) {
        String model = input.unknowns().attributesAt("").get("model");
        if ("virtio".equals(input.bus())
                && ("virtio-transitional".equals(model) || "virtio-non-transitional".equals(model))) {
            throw unsupported(def, "virtio (non-)transitional models are not supported for input type="
                    + input.type());
        }
    }

    /** qemuValidateDomainDeviceDefGraphics: egl-headless's partners, one OpenGL display, SPICE TLS. */
    private static void graphics(DomainDefinition def, GraphicsDevice graphics) {
        if (DefaultDevices.hasGraphics(def.devices(), "egl-headless")) {
            String type = graphics.type();
            if (!type.equals("egl-headless") && !type.equals("vnc") && !type.equals("spice")) {
                throw unsupported(def, "graphics type 'egl-headless' is only supported with one of: "
                        + "'vnc', 'spice' graphics types");
            }
            boolean gl = graphics.unknowns().elementsAt("").stream()
                    .anyMatch(e -> e.name().equals("gl") && "yes".equals(e.attribute("enable")));
            if (type.equals("spice") && gl) {
                throw unsupported(def, "multiple OpenGL displays are not supported by QEMU");
            }
        }
        if (graphics.type().equals("spice")) {
            String tlsPort = graphics.unknowns().attributesAt("").get("tlsPort");
            List<GraphicsListen> listens = graphics.listens();
            String listenType = listens.isEmpty() ? "address" : listens.get(0).type();
            boolean network = listenType.equals("address") || listenType.equals("network");
            if (network && positive(tlsPort)) {
                // qemu.conf's spice_tls is off unless an administrator sets it up.
                throw unsupported(def, "spice TLS port set in XML configuration, but TLS is disabled in qemu.conf");
            }
        }
    }

    private static void unknown(DomainDefinition def, XmlElement e, EmulatorInfo emulator) {
        switch (e.name()) {
            case "smartcard" -> {
                if ("passthrough".equals(e.attribute("mode"))) {
                    charSource(def, e.attribute("type"), null);
                }
            }
            case "redirdev" -> charSource(def, e.attribute("type"), null);
            case "hostdev" -> {
                // qemuValidateDomainMdevDefVFIOPCI: a display shows on the guest's graphics
                if ("mdev".equals(e.attribute("type")) && "on".equals(e.attribute("display"))
                        && def.devices().stream().noneMatch(d -> d instanceof GraphicsDevice)) {
                    throw unsupported(def, "graphics device is needed for attribute value 'display=on' in <hostdev>");
                }
            }
            case "shmem" -> shmem(def, e, emulator);
            default -> {
                // nothing libvirt checks at define that jvirt models yet
            }
        }
    }

    /** qemuValidateDomainDeviceDefAddress: a zPCI address extension needs QEMU's zpci device (s390). */
    private static void zpci(DomainDefinition def, Device d, EmulatorInfo emulator) {
        List<XmlElement> atAddress = d instanceof UnknownDevice u
                ? (u.element().child("address") == null ? List.of() : u.element().child("address").children())
                : d.unknowns().elementsAt("address");
        for (XmlElement e : atAddress) {
            if (e.name().equals("zpci") && !emulator.hasType("zpci")) {
                throw unsupported(def, "This QEMU binary doesn't support zPCI");
            }
        }
    }

    /** qemuValidateDomainDeviceDefShmem: the QEMU device of the model must exist. */
    private static void shmem(DomainDefinition def, XmlElement shmem, EmulatorInfo emulator) {
        XmlElement modelElement = shmem.child("model");
        String model = modelElement == null || modelElement.attribute("type") == null ? "ivshmem"
                : modelElement.attribute("type");
        if (model.equals("ivshmem") && !emulator.hasType("ivshmem")) {
            throw unsupported(def, "ivshmem device is not supported with this QEMU binary");
        }
        if ((model.equals("ivshmem-plain") || model.equals("ivshmem-doorbell")) && !emulator.hasType(model)) {
            throw unsupported(def, "shmem model '" + model + "' is not supported by this QEMU binary");
        }
    }

    private static boolean positive(String number) {
        if (number == null) {
            return false;
        }
        try {
            return Long.parseLong(number.strip()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isZero(String number) {
        if (number == null) {
            return false;
        }
        try {
            return Long.parseLong(number.strip()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static VirtException unsupported(DomainDefinition def, String detail) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, detail, def.name());
    }
}
