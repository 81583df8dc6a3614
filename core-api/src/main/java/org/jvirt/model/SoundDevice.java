package org.jvirt.model;

/**
 * A {@code <sound>} card.
 *
 * @param model the card model ({@code es1370}, {@code sb16}, {@code ich9}...), or null when not given
 * @param address the device address, or null
 * @param unknowns what the model does not understand inside the element; null means none
 *
 * @since 1.0
 */
public record SoundDevice(String model, DeviceAddress address, Unknowns unknowns) implements Device {

    public SoundDevice {
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A sound card with no address. */
    public static SoundDevice of(String model) {
        return new SoundDevice(model, null, Unknowns.NONE);
    }

    @Override
    public String elementName() {
        return "sound";
    }
}
