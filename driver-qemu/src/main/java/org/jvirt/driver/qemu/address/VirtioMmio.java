package org.jvirt.driver.qemu.address;

import java.util.Map;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;

/**
 * libvirt's qemuDomainAssignVirtioMMIOAddresses: on Arm's vexpress boards, and on Arm and RISC-V virt
 * guests without a PCIe root or that already have a virtio-mmio device, virtio devices without an address
 * go on virtio-mmio instead of PCI. Stateless.
 */
final class VirtioMmio {
    private VirtioMmio() {
    }

    static void assign(GuestDevices devices, Chipset chipset, boolean pcieRoot) {
        String nicModel = chipset.defaultNicModel();
        if (!(chipset.arm() || chipset.riscv())
                || !(chipset.machine().startsWith("vexpress-") || chipset.armVirt() || chipset.riscvVirt())) {
            return;
        }
        boolean hasMmio = false;
        for (int i = 0; i < devices.size(); i++) {
            DeviceAddress a = devices.address(i);
            hasMmio |= a != null && "virtio-mmio".equals(a.type());
        }
        if (pcieRoot && !hasMmio) {
            return;
        }
        DeviceAddress mmio = new DeviceAddress("virtio-mmio", Map.of());
        for (int i = 0; i < devices.size(); i++) {
            if (devices.address(i) == null && virtio(devices, i, nicModel)) {
                devices.setAddress(i, mmio);
            }
        }
    }

    /** The devices qemuDomainPrimeVirtioDeviceAddresses turns to virtio-mmio. */
    private static boolean virtio(GuestDevices devices, int i, String nicModel) {
        Object d = devices.get(i);
        if (d instanceof DiskDevice disk) {
            return "virtio".equals(disk.targetBus());
        } else if (d instanceof InterfaceDevice nic) {
            String model = nic.model() == null ? nicModel : nic.model();
            return model.startsWith("virtio");
        } else if (d instanceof VideoDevice v) {
            return "virtio".equals(v.modelType());
        } else if (d instanceof InputDevice in) {
            return "virtio".equals(in.bus());
        } else if (d instanceof ControllerDevice c) {
            return c.type().equals("virtio-serial") || c.type().equals("scsi");
        } else if (d instanceof MemballoonDevice m) {
            return !"none".equals(m.model());
        } else if (d instanceof UnknownDevice u) {
            String name = u.element().name();
            String model = u.element().attribute("model");
            return name.equals("rng")
                    || name.equals("hostdev") && "scsi_host".equals(u.element().attribute("type"))
                    || name.equals("memory") && ("virtio-pmem".equals(model) || "virtio-mem".equals(model));
        }
        return false;
    }
}
