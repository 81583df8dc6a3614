package org.jvirt.driver.qemu.address;

import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DomainDefinition;

/**
 * libvirt's QEMU driver's address assignment (qemuDomainAssignAddresses), the last step of reading a
 * domain: SCSI controllers the guest's disks implied get their model, then virtio-serial ports,
 * virtio-mmio on Arm boards, PCI slots (adding the PCI controllers they need, then naming and
 * numbering every PCI controller), USB ports, and memory slots. A definition that already has every address comes
 * back equal. Fails with libvirt's error (code, domain, words) for an address that cannot be had.
 * Stateless.
 */
public final class QemuAddresses {
    private QemuAddresses() {
    }

    /** {@code def} with every address libvirt's QEMU driver would give it. */
    public static DomainDefinition assign(DomainDefinition def) {
        Chipset chipset = Chipset.of(def);
        GuestDevices devices = new GuestDevices(def.devices());
        for (int i : devices.controllers("scsi")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            if (c.model() == null) {
                devices.set(i, ControllerModels.apply(c, def));
            }
        }
        int root = devices.controller("pci", 0);
        boolean pcieRoot = root >= 0 && "pcie-root".equals(((ControllerDevice) devices.get(root)).model());
        VirtioSerialAssigner.assign(devices);
        SpaprVio.assign(devices, chipset);
        VirtioMmio.assign(devices, chipset, pcieRoot);
        new PciAssigner(chipset, pcieRoot).assign(devices);
        UsbAssigner.assign(devices);
        MemorySlots.assign(devices, def);
        return def.toBuilder().devices(devices.toList()).build();
    }
}
