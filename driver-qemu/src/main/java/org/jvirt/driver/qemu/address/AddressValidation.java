package org.jvirt.driver.qemu.address;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;

/**
 * The address checks of libvirt's QEMU validation (qemu_validate.c) that come after addresses are
 * assigned: a USB disk sits on a USB port, or nowhere yet. Stateless.
 */
public final class AddressValidation {
    private AddressValidation() {
    }

    /** @throws VirtException INTERNAL_ERROR (domain QEMU) for a USB disk with another kind of address */
    public static void check(DomainDefinition def) {
        for (Device d : def.devices()) {
            if (d instanceof DiskDevice disk && "usb".equals(disk.targetBus()) && disk.address() != null
                    && !"usb".equals(disk.address().type())) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                        ErrorCode.INTERNAL_ERROR.format("unexpected address type for usb disk"));
            }
        }
    }
}
