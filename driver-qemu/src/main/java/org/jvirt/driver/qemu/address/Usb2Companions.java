package org.jvirt.driver.qemu.address;

import org.jvirt.model.ControllerDevice;

/**
 * The ICH9 USB2 controller and its UHCI companions, which libvirt puts on one PCI slot, each at its
 * function (IS_USB2_CONTROLLER). Stateless.
 */
final class Usb2Companions {
    private Usb2Companions() {
    }

    /** The function {@code c} takes on the shared slot: 7 for the EHCI, 0 to 2 for the UHCIs; -1 for any other. */
    static int function(ControllerDevice c) {
        if (!c.type().equals("usb") || c.model() == null) {
            return -1;
        }
        return switch (c.model()) {
            case "ich9-ehci1" -> 7;
            case "ich9-uhci1" -> 0;
            case "ich9-uhci2" -> 1;
            case "ich9-uhci3" -> 2;
            default -> -1;
        };
    }
}
