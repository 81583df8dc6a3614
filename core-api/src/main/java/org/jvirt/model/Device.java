package org.jvirt.model;

/**
 * One element of a domain's {@code <devices>}: a closed set of kinds the model understands,
 * plus {@link UnknownDevice} holding verbatim any kind it does not.
 *
 * <p>Every implementation is an immutable record, safe to share between threads, equal by
 * value.
 *
 * @since 1.0
 */
public sealed interface Device
        permits DiskDevice, InterfaceDevice, CharDevice, GraphicsDevice, InputDevice, SoundDevice,
        MemballoonDevice, ControllerDevice, VideoDevice, UnknownDevice {

    /** The XML element name of this device: {@code disk}, {@code interface}, {@code serial}...; never null. */
    String elementName();

    /** Where the device sits on the guest's buses ({@code <address>}), or null when unassigned. */
    DeviceAddress address();

    /** Attributes and elements inside this device that the model does not understand; never null. */
    Unknowns unknowns();
}
