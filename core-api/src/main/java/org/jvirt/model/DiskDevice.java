package org.jvirt.model;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A {@code <disk>}: an image file, block device or directory presented to the guest as a
 * disk, CD-ROM or floppy. Drivers match disks by {@link #targetDev()} (for detach).
 *
 * <p>Null {@code type}, {@code device} and {@code targetBus} take libvirt's defaults when the
 * record is made: {@code file}, {@code disk}, and a bus derived from the target name
 * ({@code hd*} ide, {@code sd*} scsi, {@code vd*} virtio, {@code xvd*} xen, {@code ubd*} uml,
 * floppies fdc, otherwise ide), so a disk always formats with them, as libvirt 9 does.
 *
 * @param type {@code file}, {@code block}, {@code dir}, {@code network}, {@code volume}...; never null after construction
 * @param device {@code disk}, {@code cdrom}, {@code floppy}, {@code lun}; never null after construction
 * @param driverName {@code <driver name=>} ({@code qemu}, {@code file}, {@code tap}, {@code phy}...), or null
 * @param driverType {@code <driver type=>}, the image format ({@code raw}, {@code qcow2}, {@code aio}...), or null
 * @param driverCache {@code <driver cache=>}, or null
 * @param source the path in {@code <source>}: its {@code file=} for file disks, {@code dev=}
 *               for block disks, {@code dir=} for directories; null when there is none (an
 *               empty CD-ROM) and always null for other types, whose source stays in unknowns
 * @param targetDev the device name in the guest ({@code vda}, {@code hdc}, {@code xvda}); never null
 * @param targetBus {@code ide}, {@code scsi}, {@code virtio}, {@code xen}, {@code fdc}...; never null after construction
 * @param readOnly whether {@code <readonly/>} is present
 * @param shareable whether {@code <shareable/>} is present
 * @param serial the {@code <serial>} text, or null
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 * @throws VirtException INVALID_ARG when {@code targetDev} is null
 *
 * @since 1.0
 */
public record DiskDevice(String type, String device, String driverName, String driverType,
                         String driverCache, String source, String targetDev, String targetBus,
                         boolean readOnly, boolean shareable, String serial, DeviceAddress address,
                         Unknowns unknowns) implements Device {

    public DiskDevice {
        type = type == null ? "file" : type;
        device = device == null ? "disk" : device;
        if (targetDev == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "a disk needs a target device name (<target dev=>)");
        }
        targetBus = targetBus == null ? defaultBus(device, targetDev) : targetBus;
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A new builder; {@code targetDev} must be set before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this disk's values. */
    public Builder toBuilder() {
        return new Builder().type(type).device(device).driver(driverName, driverType, driverCache)
                .source(source).target(targetDev, targetBus).readOnly(readOnly).shareable(shareable)
                .serial(serial).address(address).unknowns(unknowns);
    }

    @Override
    public String elementName() {
        return "disk";
    }

    /** The name {@code <source>}'s path attribute has for this disk type. */
    String sourceAttribute() {
        return sourceAttribute(type);
    }

    /** {@code file}, {@code dev} or {@code dir} for the types whose source is a path, else null. */
    static String sourceAttribute(String diskType) {
        return switch (diskType) {
            case "file" -> "file";
            case "block" -> "dev";
            case "dir" -> "dir";
            default -> null;
        };
    }

    private static String defaultBus(String device, String dev) {
        if (device.equals("floppy")) {
            return "fdc";
        }
        if (dev.startsWith("hd")) {
            return "ide";
        } else if (dev.startsWith("sd")) {
            return "scsi";
        } else if (dev.startsWith("vd")) {
            return "virtio";
        } else if (dev.startsWith("xvd")) {
            return "xen";
        } else if (dev.startsWith("ubd")) {
            return "uml";
        }
        return "ide";
    }

    /** Builds a {@link DiskDevice}; not thread-safe. */
    public static final class Builder {
        private String type;
        private String device;
        private String driverName;
        private String driverType;
        private String driverCache;
        private String source;
        private String targetDev;
        private String targetBus;
        private boolean readOnly;
        private boolean shareable;
        private String serial;
        private DeviceAddress address;
        private Unknowns unknowns = Unknowns.NONE;

        private Builder() {
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder device(String value) {
            this.device = value;
            return this;
        }

        /** Sets {@code <driver name= type= cache=>}; any of them may be null. */
        public Builder driver(String name, String imageType, String cache) {
            this.driverName = name;
            this.driverType = imageType;
            this.driverCache = cache;
            return this;
        }

        public Builder source(String path) {
            this.source = path;
            return this;
        }

        /** Sets {@code <target dev= bus=>}; a null bus takes libvirt's default. */
        public Builder target(String dev, String bus) {
            this.targetDev = dev;
            this.targetBus = bus;
            return this;
        }

        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        public Builder shareable(boolean value) {
            this.shareable = value;
            return this;
        }

        public Builder serial(String value) {
            this.serial = value;
            return this;
        }

        public Builder address(DeviceAddress value) {
            this.address = value;
            return this;
        }

        public Builder unknowns(Unknowns value) {
            this.unknowns = value;
            return this;
        }

        /** @throws VirtException INVALID_ARG if no target dev was set */
        public DiskDevice build() {
            return new DiskDevice(type, device, driverName, driverType, driverCache, source,
                    targetDev, targetBus, readOnly, shareable, serial, address, unknowns);
        }
    }
}
