package org.jvirt.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * What libvirt refuses once a definition is completed (virDomainDefValidate, libvirt 9's
 * domain_validate.c), as far as the model goes: each device on its own, then the definition as
 * a whole. Stateless; every refusal is a {@link VirtException} with libvirt's code and words.
 */
final class DomainValidate {
    private DomainValidate() {
    }

    static void apply(DomainDefinition def) {
        os(def.os());
        usbNone(def.devices());
        for (Device d : def.devices()) {
            if (d instanceof DiskDevice disk) {
                disk(disk);
            } else if (d instanceof CharDevice chr) {
                character(chr);
            } else if (d instanceof ControllerDevice c) {
                controller(c);
            } else if (d instanceof VideoDevice v && "none".equals(v.modelType())
                    && def.devices(VideoDevice.class).size() > 1) {
                throw DomainErrors.unsupported("a 'none' video type must be the only video device defined for the domain");
            } else if (d instanceof UnknownDevice u) {
                unknown(u.element(), def.devices());
            }
        }
        disks(def.devices(DiskDevice.class));
    }

    /**
     * virDomainDefControllersParse and the hostdev and hub parts of virDomainDefParseXML: a USB
     * controller of model {@code none} disables USB, so no other USB controller, host USB device or
     * USB hub may come with it.
     */
    private static void usbNone(List<Device> devices) {
        boolean none = false;
        boolean other = false;
        for (Device d : devices) {
            if (d instanceof ControllerDevice c && c.type().equals("usb")) {
                boolean isNone = "none".equals(c.model());
                if (none || isNone && other) {
                    throw DomainErrors.detail("Can't add another USB controller: USB is disabled for this domain");
                }
                none |= isNone;
                other |= !isNone;
            }
        }
        if (!none) {
            return;
        }
        for (Device d : devices) {
            if (d instanceof UnknownDevice u && u.element().name().equals("hostdev")
                    && "usb".equals(u.element().attribute("type"))) {
                throw DomainErrors.unsupported("Can't add host USB device: USB is disabled in this host");
            }
            if (d instanceof UnknownDevice u && u.element().name().equals("hub")
                    && "usb".equals(u.element().attribute("type"))) {
                throw DomainErrors.unsupported("Can't add USB hub: USB is disabled for this domain");
            }
        }
    }

    /**
     * virDomainDefOSValidate: with firmware chosen automatically ({@code <os firmware=>}) the loader
     * names nothing but its wishes, and only EFI keeps variables; without it, a loader names its path.
     */
    private static void os(DomainOs os) {
        if (os == null) {
            return;
        }
        Unknowns u = os.unknowns();
        String firmware = u.attributesAt("").get("firmware");
        boolean loader = os.loader() != null || Preserved.at(u, "loader");
        XmlElement nvram = u.elementsAt("").stream().filter(e -> e.name().equals("nvram")).findFirst().orElse(null);
        if (firmware != null) {
            Map<String, String> attributes = u.attributesAt("loader");
            String rule = attributes.get("readonly") != null ? "loader attribute 'readonly'"
                    : os.loaderType() != null ? "loader attribute 'type'"
                    : os.loader() != null && !os.loader().isEmpty() ? "loader path"
                    : nvram != null && nvram.attribute("template") != null ? "nvram attribute 'template'"
                    : "no".equals(attributes.get("secure")) ? "loader attribute 'secure'" : null;
            if (loader && rule != null) {
                throw DomainErrors.detail(rule + " cannot be specified when firmware autoselection is enabled");
            }
            boolean nvramFile = nvram != null && (nvram.attribute("type") != null || !nvram.text().isEmpty());
            if (loader && nvramFile && !firmware.equals("efi")) {
                throw DomainErrors.detail("firmware type '" + firmware + "' does not support nvram");
            }
        } else if (loader && (os.loader() == null || os.loader().isEmpty())) {
            throw DomainErrors.detail("no loader path specified and firmware auto selection disabled");
        }
    }

    /** The checks of devices the model keeps as elements: SCSI passthrough filters, redirected USB, RNG sources. */
    private static void unknown(XmlElement e, List<Device> devices) {
        if (e.name().equals("hostdev") && "scsi".equals(e.attribute("type"))
                && "unfiltered".equals(e.attribute("sgio"))) {
            throw DomainErrors.unsupported("unfiltered sgio is no longer supported");
        }
        if (e.name().equals("redirdev") && (e.attribute("bus") == null || e.attribute("bus").equals("usb"))
                && devices.stream().noneMatch(d -> d instanceof ControllerDevice c && c.type().equals("usb")
                        && !"none".equals(c.model()))) {
            throw DomainErrors.unsupported("cannot add redirected USB device: USB is disabled for this domain");
        }
        XmlElement backend = e.name().equals("rng") ? e.child("backend") : null;
        if (backend != null && "egd".equals(backend.attribute("model"))) {
            // An EGD daemon is reached through a character device (virDomainRNGDefValidate).
            List<CharSource> sources = backend.children().stream().filter(s -> s.name().equals("source"))
                    .map(s -> new CharSource(s.attribute("mode"), s.attribute("path"), s.attribute("host"),
                            s.attribute("service")))
                    .toList();
            character(CharDevice.builder("serial").type(backend.attribute("type")).sources(sources).build());
        }
    }

    /**
     * virDomainDiskDefValidate: a floppy is named as one, only removable media may be empty, an
     * address the bus can have, a LUN is a raw block device.
     */
    private static void disk(DiskDevice disk) {
        if (disk.device().equals("floppy") && !disk.targetDev().startsWith("fd")) {
            throw DomainErrors.internal("Invalid floppy device name: " + disk.targetDev());
        }
        boolean local = disk.type().equals("file") || disk.type().equals("block") || disk.type().equals("dir");
        if (disk.device().equals("disk") && local && (disk.source() == null || disk.source().isEmpty())) {
            throw new VirtException(ErrorCode.NO_SOURCE, ErrorDomain.DOMAIN,
                    "missing source information for device " + disk.targetDev());
        }
        if ("unfiltered".equals(disk.unknowns().attributesAt("").get("sgio"))) {
            throw DomainErrors.unsupported("unfiltered sgio is no longer supported");
        }
        DeviceAddress a = disk.address();
        if (a != null && DiskPostParse.DRIVE_BUSES.contains(disk.targetBus()) && !"drive".equals(a.type())) {
            throw DomainErrors.unsupported("Invalid address type '" + a.type() + "' for the disk '" + disk.targetDev()
                    + "' with the bus type '" + disk.targetBus() + "'");
        }
        if (disk.device().equals("lun")) {
            if (!disk.type().equals("block") && !disk.type().equals("volume") && !disk.type().equals("network")) {
                throw DomainErrors.unsupported("disk device='lun' is only valid for block type disk source");
            }
            if (disk.driverType() != null && !disk.driverType().equals("raw")) {
                throw DomainErrors.unsupported("disk device 'lun' must use 'raw' format");
            }
        }
    }

    /** virDomainChrSourceDefValidate: the host side a character device's type needs. */
    private static void character(CharDevice chr) {
        CharSource s = chr.sources().isEmpty() ? null : chr.sources().get(0);
        switch (chr.type()) {
            case "file", "dev", "pipe" -> {
                if (s == null || s.path() == null) {
                    throw DomainErrors.internal("Missing source path attribute for char device");
                }
            }
            case "unix" -> {
                boolean generated = chr.kind().equals("channel")
                        && ("virtio".equals(chr.targetType()) || "xen".equals(chr.targetType()));
                if ((s == null || s.path() == null) && !generated) {
                    throw DomainErrors.internal("Missing source path attribute for char device");
                }
            }
            case "tcp" -> {
                if (s == null || s.host() == null) {
                    throw DomainErrors.internal("Missing source host attribute for char device");
                }
                if (s.service() == null) {
                    throw DomainErrors.internal("Missing source service attribute for char device");
                }
            }
            case "udp" -> {
                boolean connect = chr.sources().stream()
                        .anyMatch(c -> "connect".equals(c.mode()) && c.service() != null);
                if (!connect) {
                    throw DomainErrors.internal("Missing source service attribute for char device");
                }
            }
            default -> {
                // pty, null, vc, stdio, spicevmc...: nothing to name.
            }
        }
    }

    /** virDomainControllerDefValidate: the PCI roots are where addresses start, not addressed themselves. */
    private static void controller(ControllerDevice c) {
        if (!c.type().equals("pci")) {
            return;
        }
        if (c.address() != null && ("pci-root".equals(c.model()) || "pcie-root".equals(c.model()))) {
            throw DomainErrors.unsupported("pci-root and pcie-root controllers should not have an address");
        }
        int index = c.index() == null ? 0 : c.index();
        if (index > 255) {
            throw DomainErrors.unsupported("PCI controller index " + index + " too high, maximum is 255");
        }
        String target = c.unknowns().elementsAt("").stream().filter(e -> e.name().equals("target"))
                .map(e -> e.attribute("index")).filter(Objects::nonNull).findFirst().orElse(null);
        if (target != null) {
            long targetIndex;
            try {
                targetIndex = Long.parseLong(target.strip());
            } catch (NumberFormatException e) {
                throw XmlValues.invalid(ErrorDomain.DOMAIN, "Invalid value for attribute 'index' in element 'target': '"
                        + target + "'. Expected integer value");
            }
            if (targetIndex < 0 || targetIndex > 30) {
                throw DomainErrors.unsupported("PCI controller target index '" + targetIndex + "' out of range - must be 0-30");
            }
            if (index == 0 && targetIndex != 0 || index != 0 && targetIndex == 0) {
                throw DomainErrors.unsupported("Only the PCI controller with index 0 can have target index 0, and vice versa");
            }
        }
    }

    /** virDomainDefDuplicateDiskInfoValidate and virDomainDefDuplicateDriveAddressesValidate. */
    private static void disks(List<DiskDevice> disks) {
        for (int i = 0; i < disks.size(); i++) {
            DiskDevice a = disks.get(i);
            for (int j = i + 1; j < disks.size(); j++) {
                DiskDevice b = disks.get(j);
                if (a.targetDev().equals(b.targetDev())) {
                    throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: target '"
                            + a.targetDev() + "' duplicated for disk sources '" + orNull(a.source()) + "' and '"
                            + orNull(b.source()) + "'");
                }
            }
        }
        for (int i = 0; i < disks.size(); i++) {
            DiskDevice a = disks.get(i);
            if (a.address() == null || !"drive".equals(a.address().type())) {
                continue;
            }
            for (int j = i + 1; j < disks.size(); j++) {
                DiskDevice b = disks.get(j);
                if (a.targetBus().equals(b.targetBus()) && a.address().equals(b.address())) {
                    Map<String, String> at = a.address().attributes();
                    throw DomainErrors.unsupported("Found duplicate drive address for disk with target name '" + a.targetDev()
                            + "' controller='" + at.get("controller") + "' bus='" + at.get("bus") + "' target='"
                            + at.get("target") + "' unit='" + at.get("unit") + "'");
                }
            }
        }
    }

    private static String orNull(String s) {
        return s == null ? "<null>" : s;
    }


}
