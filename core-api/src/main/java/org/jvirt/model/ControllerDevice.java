package org.jvirt.model;

import java.util.Objects;

/**
 * A {@code <controller>}: a bus that other devices sit on (IDE, SCSI, SATA, floppy, USB, PCI,
 * virtio-serial, CCID...).
 *
 * @param type {@code ide}, {@code scsi}, {@code sata}, {@code fdc}, {@code usb}, {@code pci},
 *             {@code virtio-serial}, {@code ccid}, {@code xenbus}...; never null
 * @param index the controller's index among those of its type, or null when the document gave
 *              none (post-parse then assigns the lowest unused)
 * @param model {@code model=} ({@code lsilogic}, {@code piix3-uhci}, {@code pcie-root}...), or null
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element (ports, vectors,
 *                 {@code <driver>}, {@code <master>}, {@code <target>}...); null means none
 *
 * @since 1.0
 */
public record ControllerDevice(String type, Integer index, String model, DeviceAddress address, Unknowns unknowns)
        implements Device {

    public ControllerDevice {
        Objects.requireNonNull(type, "type");
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A controller of {@code type} with {@code index} and no model: one post-parse adds. */
    public static ControllerDevice of(String type, int index) {
        return new ControllerDevice(type, index, null, null, Unknowns.NONE);
    }

    /** This controller with {@code value} as its index. */
    public ControllerDevice withIndex(int value) {
        return new ControllerDevice(type, value, model, address, unknowns);
    }

    @Override
    public String elementName() {
        return "controller";
    }
}
