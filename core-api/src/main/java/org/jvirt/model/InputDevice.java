package org.jvirt.model;

/**
 * An {@code <input>} device: a mouse, tablet or keyboard on a bus.
 *
 * @param type {@code mouse}, {@code tablet}, {@code keyboard}..., or null when not given
 * @param bus {@code ps2}, {@code usb}, {@code xen}..., or null for the hypervisor's default
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 *
 * @since 1.0
 */
public record InputDevice(String type, String bus, DeviceAddress address, Unknowns unknowns)
        implements Device {

    public InputDevice {
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** An input device with no address. */
    public static InputDevice of(String type, String bus) {
        return new InputDevice(type, bus, null, Unknowns.NONE);
    }

    @Override
    public String elementName() {
        return "input";
    }
}
