package org.jvirt.model;

/**
 * The {@code <memballoon>} device through which the host changes a guest's current memory.
 *
 * @param model {@code virtio}, {@code xen} or {@code none}, or null when not given
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 *
 * @since 1.0
 */
public record MemballoonDevice(String model, DeviceAddress address, Unknowns unknowns)
        implements Device {

    public MemballoonDevice {
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A balloon of this model at this address (which may be null). */
    public static MemballoonDevice of(String model, DeviceAddress address) {
        return new MemballoonDevice(model, address, Unknowns.NONE);
    }

    @Override
    public String elementName() {
        return "memballoon";
    }
}
