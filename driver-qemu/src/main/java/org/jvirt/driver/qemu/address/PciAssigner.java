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
import org.jvirt.model.MemballoonDevice;
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
    private final ChipsetSlots chipsetSlots;

    PciAssigner(Chipset chipset, boolean pcieRoot) {
        this.chipset = chipset;
        this.pcieRoot = pcieRoot;
        this.flags = new PciDeviceFlags(pcieRoot, chipset.defaultNicModel(), HostPciDevices.host());
        this.chipsetSlots = new ChipsetSlots(chipset, flags);
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
            chipsetSlots.reserve(devices, dry, true);
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
            chipsetSlots.reserve(devices, set, false);
            devicesSlots(devices, set, false);
            multifunction(devices);
            PciControllers.completeAll(devices);
        }
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
                        || c.type().equals("usb") && ChipsetSlots.piix3Usb(c) && a.function() == 2)) {
            // PIIX3's own IDE and USB: reserved with the chipset's slots.
            if (set.size() > 0 && (set.bus(0).flags() & PciConnect.PCI_DEVICE) == 0) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                        ErrorCode.INTERNAL_ERROR.format("Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers"));
            }
            return;
        }
        set.reserve(a, f, true);
    }

    /** qemuDomainPCIAddressReserveNextAddr: the next slot that fits the device, recorded unless a dry run. */
    private void next(GuestDevices devices, int i, PciAddressSet set, boolean dryRun) {
        next(devices, i, set, dryRun, flags.of(devices.get(i)));
    }

    static void next(GuestDevices devices, int i, PciAddressSet set, boolean dryRun, int deviceFlags) {
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
            String model = ((MemballoonDevice) devices.get(i)).model();
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
        // the devices' order, computed once: marking a slot multifunction changes addresses, not the order
        List<Integer> order = null;
        for (int i = 0; i < devices.size(); i++) {
            PciAddress a = devices.pci(i);
            if (a == null || a.function() == 0) {
                continue;
            }
            if (order == null) {
                order = IterationOrder.of(devices);
            }
            for (int j : order) {
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
}
