package org.jvirt.model;

/**
 * A {@code <video>} adapter: its {@code <model>} and address.
 *
 * @param modelType {@code <model type=>}: {@code cirrus}, {@code vga}, {@code qxl}, {@code xen},
 *                  {@code virtio}, {@code none}...; null when not given (the driver's default then)
 * @param ram {@code ram=} in KiB (QXL), or null
 * @param vram {@code vram=} in KiB, or null
 * @param vgamem {@code vgamem=} in KiB, or null
 * @param heads {@code heads=}, or null
 * @param primary whether {@code primary='yes'}
 * @param address the device address, or null
 * @param unknowns what the model does not understand (at {@code model} and inside the element); null means none
 *
 * @since 1.0
 */
public record VideoDevice(String modelType, Long ram, Long vram, Long vgamem, Integer heads, boolean primary,
                          DeviceAddress address, Unknowns unknowns) implements Device {

    public VideoDevice {
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A video adapter with only a model type (null: the driver's default), as libvirt adds for graphics. */
    public static VideoDevice of(String modelType) {
        return new VideoDevice(modelType, null, null, null, null, false, null, Unknowns.NONE);
    }

    /** This adapter with another model and sizes (null keeps none). */
    public VideoDevice with(String type, Long newRam, Long newVram, Integer newHeads, boolean isPrimary) {
        return new VideoDevice(type, newRam, newVram, vgamem, newHeads, isPrimary, address, unknowns);
    }

    @Override
    public String elementName() {
        return "video";
    }
}
