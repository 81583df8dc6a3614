package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The PCI slots of a guest and who has them (libvirt's {@code virDomainPCIAddressSet}): reserving a
 * slot a document names, with libvirt's refusals, and finding the next free one a device fits. In a
 * dry run, finding no slot adds the bus that would give one (a pcie-root-port, a pci-bridge, and a
 * dmi-to-pci-bridge or pcie-to-pci-bridge when a PCIe-only guest first needs conventional PCI), so
 * that the caller learns which controllers to add. Mutable; used by one thread.
 */
final class PciAddressSet {
    private final List<PciBus> buses = new ArrayList<>();
    private final boolean dryRun;

    PciAddressSet(int count, boolean dryRun) {
        for (int i = 0; i < count; i++) {
            buses.add(new PciBus());
        }
        this.dryRun = dryRun;
    }

    int size() {
        return buses.size();
    }

    PciBus bus(int index) {
        return buses.get(index);
    }

    boolean slotInUse(PciAddress address) {
        return address.bus() < buses.size() && buses.get(address.bus()).slotUsed(address.slot());
    }

    /**
     * virDomainPCIAddressReserveAddr(Internal): takes {@code address} for a device of {@code flags};
     * {@code fromConfig} when the document chose it (its refusals are then XML errors, and a PCI device
     * may take a PCIe slot or the reverse).
     */
    void reserve(PciAddress address, int flags, boolean fromConfig) {
        ErrorCode code = fromConfig ? ErrorCode.XML_ERROR : ErrorCode.INTERNAL_ERROR;
        if (dryRun) {
            address = grow(address, flags);
        }
        validate(address, flags, fromConfig);
        PciBus bus = buses.get(address.bus());
        if (bus.functionUsed(address.slot(), address.function())) {
            throw error(code, "Attempted double use of PCI Address " + address);
        }
        bus.take(address.slot(), address.function(), (flags & PciConnect.AGGREGATE_SLOT) != 0);
    }

    /**
     * virDomainPCIAddressReserveNextAddr with any function: the first wholly free slot (or a free
     * function of an aggregating slot, for an aggregating device) on the first bus that fits, taken.
     */
    PciAddress reserveNext(int flags) {
        return reserveNextFunction(flags, -1);
    }

    /**
     * virDomainPCIAddressReserveNextAddr: {@code function} of the first wholly free slot that fits
     * (-1: any function, which is 0 there, or a free one of an aggregating slot), taken.
     */
    PciAddress reserveNextFunction(int flags, int function) {
        PciAddress found = next(flags, function);
        reserve(found, flags, false);
        return found;
    }

    private PciAddress next(int flags, int function) {
        int first = Math.max(function, 0);
        if (buses.isEmpty()) {
            throw error(ErrorCode.XML_ERROR, "No PCI buses available");
        }
        for (int b = 0; b < buses.size(); b++) {
            PciBus bus = buses.get(b);
            PciAddress probe = PciAddress.of(b, bus.minSlot(), 0);
            if (!compatible(probe, bus.flags(), flags, false, false)) {
                continue;
            }
            for (int slot = bus.minSlot(); slot <= bus.maxSlot(); slot++) {
                if (!bus.slotUsed(slot)) {
                    return PciAddress.of(b, slot, first);
                }
                if ((flags & PciConnect.AGGREGATE_SLOT) != 0 && bus.aggregates(slot)) {
                    if (!bus.functionUsed(slot, first)) {
                        return PciAddress.of(b, slot, first);
                    }
                    for (int f = 0; function == -1 && f < 8; f++) {
                        if (!bus.functionUsed(slot, f)) {
                            return PciAddress.of(b, slot, f);
                        }
                    }
                }
            }
        }
        if (dryRun) {
            // The first slot of the bus (or of the last of the buses) added for it.
            PciAddress grown = grow(PciAddress.of(buses.size(), 0, first), flags);
            return PciAddress.of(grown.bus(), buses.get(grown.bus()).minSlot(), first);
        }
        throw error(ErrorCode.INTERNAL_ERROR, "No more available PCI slots");
    }

    /**
     * virDomainPCIAddressSetGrow: the buses up to {@code address}'s, each of the model that gives a
     * device of {@code flags} a slot; the address, moved to the last of them when a bridge had to go
     * first.
     */
    private PciAddress grow(PciAddress address, int flags) {
        int add = address.bus() - buses.size() + 1;
        if (add <= 0) {
            return address;
        }
        String model;
        boolean needPcieToPci = false;
        if ((flags & PciConnect.PCI_DEVICE) != 0) {
            model = "pci-bridge";
            boolean bridgeable = false;
            for (PciBus bus : buses) {
                bridgeable |= (bus.flags() & PciConnect.PCI_BRIDGE) != 0;
            }
            // A PCIe-only guest gets a pcie-root-port and a pcie-to-pci-bridge (QEMU has it) first.
            if (!bridgeable && add == 1) {
                needPcieToPci = true;
                add++;
                address = PciAddress.of(address.bus() + 1, address.slot(), address.function());
            } else {
                needPcieToPci = !bridgeable;
            }
        } else if ((flags & (PciConnect.PCIE_DEVICE | PciConnect.PCIE_SWITCH_UPSTREAM_PORT)) != 0) {
            model = "pcie-root-port";
        } else {
            String existing = PciConnect.controllerModel(flags);
            if (existing != null) {
                throw error(ErrorCode.INTERNAL_ERROR, "a PCI slot is needed to connect a PCI controller model='"
                        + existing + "', but none is available, and it cannot be automatically added");
            }
            throw error(ErrorCode.INTERNAL_ERROR, String.format(
                    "Cannot automatically add a new PCI bus for a device with connect flags %02x", flags));
        }
        int first = buses.size();
        for (int i = 0; i < add; i++) {
            buses.add(new PciBus());
        }
        int i = first;
        if (needPcieToPci) {
            PciBus port = buses.get(i++);
            port.setModel("pcie-root-port", true);
            port.restrictTo(PciConnect.PCIE_TO_PCI_BRIDGE);
            buses.get(i++).setModel("pcie-to-pci-bridge", true);
        }
        for (; i < buses.size(); i++) {
            buses.get(i).setModel(model, true);
        }
        return address;
    }

    /** virDomainPCIAddressValidate: the bus exists and takes such a device at that slot. */
    void validate(PciAddress address, int flags, boolean fromConfig) {
        ErrorCode code = fromConfig ? ErrorCode.XML_ERROR : ErrorCode.INTERNAL_ERROR;
        if (buses.isEmpty()) {
            throw error(code, "No PCI buses available");
        }
        if (address.domain() != 0) {
            throw error(code, "Invalid PCI address " + address + ". Only PCI domain 0 is available");
        }
        if (address.bus() >= buses.size()) {
            throw error(code, "Invalid PCI address " + address + ". Only PCI buses up to " + (buses.size() - 1)
                    + " are available");
        }
        PciBus bus = buses.get(address.bus());
        compatible(address, bus.flags(), flags, true, fromConfig);
        if (bus.minSlot() > 0 && address.slot() < bus.minSlot()) {
            throw error(code, "Invalid PCI address " + address + ". slot must be >= " + bus.minSlot());
        }
        if (address.slot() > bus.maxSlot()) {
            throw error(code, "Invalid PCI address " + address + ". slot must be <= " + bus.maxSlot());
        }
        if (address.function() > 7) {
            throw error(code, "Invalid PCI address " + address + ". function must be <= 7");
        }
    }

    /** virDomainPCIAddressFlagsCompatible; refuses with libvirt's words when {@code report}. */
    private static boolean compatible(PciAddress address, int busFlags, int devFlags, boolean report,
            boolean fromConfig) {
        ErrorCode code = fromConfig ? ErrorCode.XML_ERROR : ErrorCode.INTERNAL_ERROR;
        if ((devFlags & PciConnect.INTEGRATED) != 0) {
            if (address.bus() != 0) {
                if (report) {
                    throw error(code, "The device at PCI address " + address
                            + " needs to be an integrated device (bus=0)");
                }
                return false;
            }
            busFlags |= PciConnect.AUTOASSIGN;
        }
        if (fromConfig) {
            if ((busFlags & PciConnect.ENDPOINT) != 0) {
                busFlags |= PciConnect.ENDPOINT;
            }
            if ((devFlags & PciConnect.PCI_BRIDGE) != 0) {
                devFlags |= PciConnect.PCI_DEVICE;
            }
        } else if ((devFlags & PciConnect.AUTOASSIGN) != 0 && (busFlags & PciConnect.AUTOASSIGN) == 0) {
            if (report) {
                throw error(code, "The device at PCI address " + address + " was auto-assigned this address, but "
                        + "the PCI controller with index='" + address.bus() + "' doesn't allow auto-assignment");
            }
            return false;
        }
        if ((devFlags & PciConnect.HOTPLUGGABLE) != 0 && (busFlags & PciConnect.HOTPLUGGABLE) == 0) {
            if (report) {
                throw error(code, "The device at PCI address " + address + " requires hotplug capability, but the "
                        + "PCI controller with index='" + address.bus() + "' doesn't support hotplug");
            }
            return false;
        }
        if ((devFlags & busFlags & PciConnect.TYPES) == 0) {
            if (report) {
                String needs = PciConnect.describe(devFlags);
                if (needs == null) {
                    throw error(code, String.format("The device at PCI address %s has unrecognized connection type "
                            + "flags 0x%02x", address, devFlags & PciConnect.TYPES));
                }
                throw error(code, "The device at PCI address " + address + " cannot be plugged into the PCI "
                        + "controller with index='" + address.bus() + "'. It requires a controller that accepts a "
                        + needs + ".");
            }
            return false;
        }
        return true;
    }

    private static VirtException error(ErrorCode code, String detail) {
        return VirtException.of(code, ErrorDomain.DOMAIN, detail, null);
    }
}
