package org.jvirt.driver.qemu.address;

import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.VideoDevice;

/**
 * The slots a chipset has for its own devices (qemuDomainValidateDevicePCISlotsPIIX3 and _Q35): on
 * i440FX the PIIX3's ISA bridge, IDE, USB and power management at 00:01.0-3 and the primary video at
 * 00:02.0; on Q35 the SATA controller at 00:1f.2 (with the LPC bridge and SMBus at 00:1f.0 and .3), the
 * primary video at 00:01.0, the first USB2 controllers at 00:1d.0 or 00:1a.0, a dmi-to-pci-bridge at
 * 00:1e.0 and an ICH9 sound card at 00:1b.0 when free. Addresses the document gave elsewhere to the
 * PIIX3's or Q35's own controllers are refused. Stateless.
 */
final class ChipsetSlots {
    private final Chipset chipset;
    private final PciDeviceFlags flags;

    ChipsetSlots(Chipset chipset, PciDeviceFlags flags) {
        this.chipset = chipset;
        this.flags = flags;
    }

    /** PIIX3's own USB controller: UHCI, or one of no model yet. */
    static boolean piix3Usb(ControllerDevice c) {
        return c.model() == null || c.model().equals("piix3-uhci");
    }

    /** The chipset's fixed slots, for i440FX and Q35; none for other machines. */
    void reserve(GuestDevices devices, PciAddressSet set, boolean dryRun) {
        if (chipset.i440fx()) {
            piix3(devices, set, dryRun);
        } else if (chipset.q35()) {
            q35(devices, set, dryRun);
        }
    }

    /** qemuDomainValidateDevicePCISlotsPIIX3. */
    private void piix3(GuestDevices devices, PciAddressSet set, boolean dryRun) {
        for (int i = 0; i < devices.size(); i++) {
            if (!(devices.get(i) instanceof ControllerDevice c) || c.index() == null || c.index() != 0) {
                continue;
            }
            PciAddress fixed;
            String refusal;
            if (c.type().equals("ide")) {
                fixed = PciAddress.of(0, 1, 1);
                refusal = "Primary IDE controller must have PCI address 0:0:1.1";
            } else if (c.type().equals("usb") && piix3Usb(c)) {
                fixed = PciAddress.of(0, 1, 2);
                refusal = "PIIX3 USB controller at index 0 must have PCI address 0:0:1.2";
            } else {
                continue;
            }
            if (devices.hasPci(i)) {
                PciAddress a = devices.pci(i);
                if (a.domain() != 0 || a.bus() != 0 || a.slot() != 1 || a.function() != fixed.function()) {
                    throw internal(refusal);
                }
            } else {
                devices.setPci(i, fixed);
            }
            if (set.size() > 0) {
                set.reserve(fixed, PciConnect.PCI, true);
            }
        }
        if (set.size() > 0) {
            // The ISA bridge at 00:01.0 and the power management bridge at 00:01.3.
            set.reserve(PciAddress.of(0, 1, 0), PciConnect.PCI, true);
            set.reserve(PciAddress.of(0, 1, 3), PciConnect.PCI, true);
        }
        primaryVideo(devices, set, dryRun, PciAddress.of(0, 2, 0), PciConnect.PCI);
    }

    /** qemuDomainValidateDevicePCISlotsQ35. */
    private void q35(GuestDevices devices, PciAddressSet set, boolean dryRun) {
        int pcie = PciConnect.PCIE_DEVICE;
        for (int i = 0; i < devices.size(); i++) {
            if (!(devices.get(i) instanceof ControllerDevice c)) {
                continue;
            }
            if (c.type().equals("sata") && c.index() != null && c.index() == 0) {
                PciAddress fixed = PciAddress.of(0, 0x1f, 2);
                if (devices.hasPci(i)) {
                    PciAddress a = devices.pci(i);
                    if (a.domain() != 0 || a.bus() != 0 || a.slot() != 0x1f || a.function() != 2) {
                        throw internal("Primary SATA controller must have PCI address 0:0:1f.2");
                    }
                } else {
                    devices.setPci(i, fixed);
                }
            } else if (c.type().equals("usb") && "ich9-uhci1".equals(c.model()) && c.address() == null) {
                // Where real Q35 boards have their USB2 controllers, when free.
                for (int slot : new int[] {0x1d, 0x1a}) {
                    PciAddress a = PciAddress.of(0, slot, 0);
                    if (!set.slotInUse(a)) {
                        set.reserve(a, pcie, true);
                        devices.setPci(i, a.withMultifunction("on"));
                        break;
                    }
                }
            } else if (c.type().equals("pci") && "dmi-to-pci-bridge".equals(c.model()) && c.address() == null) {
                PciAddress a = PciAddress.of(0, 0x1e, 0);
                if (!set.slotInUse(a)) {
                    set.reserve(a, pcie, true);
                    devices.setPci(i, a);
                }
            }
        }
        if (set.size() > 0) {
            // The LPC (ISA) bridge at 00:1f.0 and the SMBus at 00:1f.3.
            set.reserve(PciAddress.of(0, 0x1f, 0), pcie, true);
            set.reserve(PciAddress.of(0, 0x1f, 3), pcie, true);
        }
        primaryVideo(devices, set, dryRun, PciAddress.of(0, 1, 0), pcie);
        PciAddress audio = PciAddress.of(0, 0x1b, 0);
        if (!set.slotInUse(audio)) {
            for (int i : devices.indexesOf("sound")) {
                if ("ich9".equals(((SoundDevice) devices.get(i)).model()) && devices.wantsPci(i)) {
                    set.reserve(audio, pcie, true);
                    devices.setPci(i, audio);
                    break;
                }
            }
        }
    }

    /** The first video adapter at the slot QEMU would give it, when free; else the next one. */
    private void primaryVideo(GuestDevices devices, PciAddressSet set, boolean dryRun, PciAddress slot,
            int slotFlags) {
        List<Integer> videos = devices.indexesOf("video");
        if (videos.isEmpty()) {
            return;
        }
        int i = videos.get(0);
        String model = ((VideoDevice) devices.get(i)).modelType();
        if ("none".equals(model) || "ramfb".equals(model) || !devices.wantsPci(i)) {
            return;
        }
        set.validate(slot, slotFlags, true);
        if (set.slotInUse(slot)) {
            PciAssigner.next(devices, i, set, dryRun, flags.of(devices.get(i)));
        } else {
            set.reserve(slot, slotFlags, true);
            devices.setPci(i, slot);
        }
    }

    private static VirtException internal(String detail) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, ErrorCode.INTERNAL_ERROR.format(detail));
    }
}
