package org.jvirt.driver.qemu.address;

import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.InputDevice;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.SoundDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.VideoDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * libvirt's qemuDomainAssignPCIAddresses: a dry run finds how many buses the devices need and adds
 * the controllers for them (pcie-root-ports on a PCIe guest, with one spare when libvirt manages the
 * topology; pci-bridges on a PCI one), then every device that wants a PCI address gets the next free
 * slot that fits it, in libvirt's order — the chipset's fixed slots first (PIIX3's IDE and USB at
 * 00:01.1 and 00:01.2, the primary video at 00:02.0 on i440FX; SATA at 00:1f.2 and video at 00:01.0
 * on Q35), then PCI controllers, filesystems, interfaces, sound, other controllers, virtio disks,
 * host devices, the balloon, RNGs, the watchdog, videos, shared memory, virtio inputs, PCI serial
 * ports, IOMMU, vsock, memory devices. Stateless; each call works on its own devices.
 */
final class PciAssigner {
    private final Chipset chipset;
    private final PciDeviceFlags flags;
    private final boolean pcieRoot;

    PciAssigner(Chipset chipset, boolean pcieRoot) {
        this.chipset = chipset;
        this.pcieRoot = pcieRoot;
        this.flags = new PciDeviceFlags(pcieRoot, chipset.defaultNicModel(), HostPciDevices.host());
    }

    void assign(GuestDevices devices) {
        int maxIndex = -1;
        for (int i : devices.controllers("pci")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            maxIndex = Math.max(maxIndex, c.index());
        }
        int buses = maxIndex + 1;
        if (buses > 0) {
            PciAddressSet dry = create(devices, buses, true);
            chipsetSlots(devices, dry, true);
            if (hasPciRoot(devices)) {
                boolean allFull = true;
                for (int b = 0; b < dry.size(); b++) {
                    allFull &= dry.bus(b).full();
                }
                // One slot kept for a pci-bridge a later hot-plug may need.
                if (!allFull) {
                    dry.reserveNext(PciConnect.PCI);
                }
            }
            devicesSlots(devices, dry, true);
            if (maxIndex <= 0 && dry.size() > maxIndex + 1 && pcieRoot) {
                // libvirt manages this topology: one empty root port for hot-plug.
                dry.reserveNext(PciConnect.PCIE_DEVICE | PciConnect.AUTOASSIGN);
            }
            for (int b = 1; b < dry.size(); b++) {
                if (devices.controller("pci", b) >= 0) {
                    continue;
                }
                String model = dry.bus(b).model();
                devices.add(new ControllerDevice("pci", b, model, null, null));
                if (!model.equals("pci-root") && !model.equals("pcie-root")) {
                    dry.reserveNext(PciConnect.ofControllerModel(model));
                }
            }
            buses = dry.size();
        }
        PciAddressSet set = create(devices, buses, false);
        if (chipset.supportsPci()) {
            chipsetSlots(devices, set, false);
            devicesSlots(devices, set, false);
            multifunction(devices);
            completeControllers(devices);
        }
    }

    /** The end of qemuDomainAssignPCIAddresses: every PCI controller named and numbered, bridges checked. */
    private static void completeControllers(GuestDevices devices) {
        for (int i : devices.controllers("pci")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            boolean expander = "pci-expander-bus".equals(c.model()) || "pcie-expander-bus".equals(c.model());
            int busNr = -1;
            if (expander && PciControllers.target(c, "busNr") == null) {
                busNr = newBusNr(devices);
                if (busNr < 0) {
                    PciAddress a = devices.pci(i);
                    throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                            .format("No free busNr lower than current lowest busNr is available to auto-assign to "
                                    + "bus " + (a == null ? 0 : a.bus()) + ". Must be manually assigned"));
                }
            }
            c = PciControllers.complete(c, busNr);
            devices.set(i, c);
            PciAddress a = devices.pci(i);
            if ("pci-bridge".equals(c.model()) && a != null && c.index() <= a.bus()) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                        .format(String.format("PCI controller at index %d (0x%02x) has bus='0x%02x', but index must "
                                + "be larger than bus", c.index(), c.index(), a.bus())));
            }
        }
    }

    /** qemuDomainAddressFindNewBusNr: two below the lowest busNr in use, or -1 when that is 2 or less. */
    private static int newBusNr(GuestDevices devices) {
        int lowest = 256;
        for (int i : devices.controllers("pci")) {
            String busNr = PciControllers.target((ControllerDevice) devices.get(i), "busNr");
            if (busNr != null) {
                lowest = Math.min(lowest, (int) PciAddress.number(busNr));
            }
        }
        return lowest <= 2 ? -1 : lowest - 2;
    }

    private static boolean hasPciRoot(GuestDevices devices) {
        int root = devices.controller("pci", 0);
        return root >= 0 && "pci-root".equals(((ControllerDevice) devices.get(root)).model());
    }

    /** qemuDomainPCIAddressSetCreate: a bus for each PCI controller, then the addresses the document chose. */
    private PciAddressSet create(GuestDevices devices, int count, boolean dryRun) {
        PciAddressSet set = new PciAddressSet(count, dryRun);
        for (int i : devices.controllers("pci")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            if (c.model() != null) {
                set.bus(c.index()).setModel(c.model(), !"off".equals(PciControllers.target(c, "hotplug")));
            }
        }
        if (count > 0 && set.bus(0).model() == null) {
            set.bus(0).setModel("pci-root", true);
        }
        String fill = pcieRoot ? "pcie-root-port" : "pci-bridge";
        for (int b = 1; b < count; b++) {
            if (set.bus(b).model() == null) {
                set.bus(b).setModel(fill, true);
            }
        }
        for (int i : IterationOrder.of(devices)) {
            collect(devices, i, set);
        }
        return set;
    }

    /** qemuDomainCollectPCIAddress: a slot the document chose is taken, refused when it cannot be. */
    private void collect(GuestDevices devices, int i, PciAddressSet set) {
        if (!devices.hasPci(i)) {
            return;
        }
        PciAddress a = devices.pci(i);
        int f = flags.of(devices.get(i));
        if (f == 0) {
            f = PciConnect.PCI_DEVICE;
        }
        if (devices.get(i) instanceof ControllerDevice c && a.domain() == 0 && a.bus() == 0 && a.slot() == 1
                && c.index() == 0 && (c.type().equals("ide") && a.function() == 1
                        || c.type().equals("usb") && piix3Usb(c) && a.function() == 2)) {
            // PIIX3's own IDE and USB: reserved with the chipset's slots.
            if (set.size() > 0 && (set.bus(0).flags() & PciConnect.PCI_DEVICE) == 0) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                        ErrorCode.INTERNAL_ERROR.format("Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers"));
            }
            return;
        }
        set.reserve(a, f, true);
    }

    private static boolean piix3Usb(ControllerDevice c) {
        return c.model() == null || c.model().equals("piix3-uhci");
    }

    private void chipsetSlots(GuestDevices devices, PciAddressSet set, boolean dryRun) {
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
            next(devices, i, set, dryRun);
        } else {
            set.reserve(slot, slotFlags, true);
            devices.setPci(i, slot);
        }
    }

    /** qemuDomainPCIAddressReserveNextAddr: the next slot that fits the device, recorded unless a dry run. */
    private void next(GuestDevices devices, int i, PciAddressSet set, boolean dryRun) {
        next(devices, i, set, dryRun, flags.of(devices.get(i)));
    }

    private static void next(GuestDevices devices, int i, PciAddressSet set, boolean dryRun, int deviceFlags) {
        // A device of no PCI kind without an address (a usb-net interface, a xen balloon, an ich7 sound
        // card) fails here as in libvirt: "Cannot automatically add a new PCI bus ... connect flags 00".
        PciAddress a = set.reserveNext(deviceFlags);
        if (!dryRun) {
            PciAddress had = devices.pci(i);
            devices.setPci(i, had == null ? a : a.withMultifunction(had.multifunction()));
        }
    }

    /** qemuDomainAssignDevicePCISlots. */
    private void devicesSlots(GuestDevices devices, PciAddressSet set, boolean dryRun) {
        List<Integer> controllers = devices.indexesOf("controller");
        for (int i : controllers) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            if (c.type().equals("pci") && !"pci-root".equals(c.model()) && !"pcie-root".equals(c.model())
                    && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("filesystem")) {
            if (devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("interface")) {
            if (!"hostdev".equals(((InterfaceDevice) devices.get(i)).type()) && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("sound")) {
            String model = ((SoundDevice) devices.get(i)).model();
            if (devices.wantsPci(i) && !model.equals("sb16") && !model.equals("pcspk") && !model.equals("usb")) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : controllers) {
            otherController(devices, i, set, dryRun);
        }
        for (int i : devices.indexesOf("disk")) {
            virtioDisk(devices, i, set, dryRun);
        }
        // An interface of type hostdev is a host device too, its PCI address the interface's.
        for (int i : devices.indexesOf("interface")) {
            InterfaceDevice nic = (InterfaceDevice) devices.get(i);
            boolean usbSource = nic.unknowns().elementsAt("source").stream()
                    .anyMatch(e -> e.name().equals("address") && "usb".equals(e.attribute("type")));
            if ("hostdev".equals(nic.type()) && !usbSource && devices.wantsPci(i)) {
                next(devices, i, set, dryRun, flags.pcie());
            }
        }
        for (int i : devices.indexesOf("hostdev")) {
            XmlElement e = ((UnknownDevice) devices.get(i)).element();
            String mode = e.attribute("mode");
            String type = e.attribute("type");
            XmlElement source = e.child("source");
            boolean vfioMdev = "mdev".equals(type) && "vfio-pci".equals(e.attribute("model"));
            if (devices.wantsPci(i) && (mode == null || mode.equals("subsystem"))
                    && ("pci".equals(type) || "scsi_host".equals(type) || vfioMdev) && source != null) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("memballoon")) {
            String model = ((org.jvirt.model.MemballoonDevice) devices.get(i)).model();
            if (!"none".equals(model) && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("rng")) {
            if (devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("watchdog")) {
            if ("i6300esb".equals(((UnknownDevice) devices.get(i)).element().attribute("model"))
                    && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("video")) {
            String model = ((VideoDevice) devices.get(i)).modelType();
            if (!"none".equals(model) && !"ramfb".equals(model) && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("shmem")) {
            if (devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("input")) {
            if ("virtio".equals(((InputDevice) devices.get(i)).bus()) && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (int i : devices.indexesOf("serial")) {
            if ("pci-serial".equals(((CharDevice) devices.get(i)).targetType()) && devices.wantsPci(i)) {
                next(devices, i, set, dryRun);
            }
        }
        for (String kind : List.of("iommu", "vsock", "memory")) {
            for (int i : devices.indexesOf(kind)) {
                if (flags.of(devices.get(i)) != 0 && devices.wantsPci(i)) {
                    next(devices, i, set, dryRun);
                }
            }
        }
    }

    /** Controllers other than PCI ones, PIIX3's IDE, FDC, CCID and a built-in SCSI bus; USB2 companions share a slot. */
    private void otherController(GuestDevices devices, int i, PciAddressSet set, boolean dryRun) {
        ControllerDevice c = (ControllerDevice) devices.get(i);
        String model = c.model() == null ? "" : c.model();
        if (c.type().equals("pci") || c.type().equals("fdc") || c.type().equals("ccid")
                || c.type().equals("usb") && model.equals("none")
                || c.type().equals("ide") && c.index() == 0
                || c.type().equals("scsi") && model.equals("ncr53c90")
                || !devices.wantsPci(i)) {
            return;
        }
        int function = Usb2Companions.function(c);
        if (function < 0) {
            next(devices, i, set, dryRun);
            return;
        }
        PciAddress master = null;
        for (int j : devices.controllers("usb")) {
            ControllerDevice other = (ControllerDevice) devices.get(j);
            if (Usb2Companions.function(other) >= 0 && other.index().equals(c.index()) && devices.hasPci(j)) {
                master = devices.pci(j);
                break;
            }
        }
        String multi = model.equals("ich9-uhci1") ? "on" : null;
        int f = flags.of(c);
        if (master != null) {
            PciAddress a = new PciAddress(master.domain(), master.bus(), master.slot(), function, multi);
            set.reserve(a, f, true);
            devices.setPci(i, a);
        } else {
            PciAddress a = set.reserveNextFunction(f, function);
            if (!dryRun) {
                devices.setPci(i, a.withMultifunction(multi));
            }
        }
    }

    private void virtioDisk(GuestDevices devices, int i, PciAddressSet set, boolean dryRun) {
        DiskDevice d = (DiskDevice) devices.get(i);
        if (!"virtio".equals(d.targetBus()) || devices.hasPci(i)) {
            return;
        }
        String type = d.address() == null ? null : d.address().type();
        if ("ccw".equals(type) || "virtio-mmio".equals(type)) {
            return;
        }
        if (!devices.wantsPci(i)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, ErrorCode.CONFIG_UNSUPPORTED
                    .format("virtio disk cannot have an address of type '" + type + "'"));
        }
        next(devices, i, set, dryRun);
    }

    /** virDomainPCIAddressSetAllMulti: function 0 of a slot with other functions in use says multifunction='on'. */
    private static void multifunction(GuestDevices devices) {
        for (int i = 0; i < devices.size(); i++) {
            PciAddress a = devices.pci(i);
            if (a == null || a.function() == 0) {
                continue;
            }
            for (int j : IterationOrder.of(devices)) {
                PciAddress b = devices.pci(j);
                if (b != null && b.sameSlot(a) && b.function() == 0) {
                    if (b.multifunction() == null) {
                        devices.setPci(j, b.withMultifunction("on"));
                    }
                    break;
                }
            }
        }
    }

    private static VirtException internal(String detail) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, ErrorCode.INTERNAL_ERROR.format(detail));
    }
}
