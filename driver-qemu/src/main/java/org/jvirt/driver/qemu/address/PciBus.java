package org.jvirt.driver.qemu.address;

/**
 * One PCI bus of an address set (virDomainPCIAddressBus): what its controller model lets plug into
 * it, its usable slots, and which functions of each slot are taken. Mutable; used by one thread.
 */
final class PciBus {
    static final int LAST_SLOT = 31;

    private String model;
    private int flags;
    private int minSlot;
    private int maxSlot;
    private final int[] functions = new int[LAST_SLOT + 1];
    private final boolean[] aggregate = new boolean[LAST_SLOT + 1];

    /** A bus with no model yet: it accepts nothing until {@link #setModel} says what it is. */
    PciBus() {
    }

    String model() {
        return model;
    }

    int flags() {
        return flags;
    }

    int minSlot() {
        return minSlot;
    }

    int maxSlot() {
        return maxSlot;
    }

    /** Replaces what the bus accepts, keeping its model (a root port reserved for a PCIe-to-PCI bridge). */
    void restrictTo(int value) {
        flags = value;
    }

    /** virDomainPCIAddressBusSetModel: what a controller of {@code value} accepts downstream. */
    void setModel(String value, boolean hotplug) {
        int hot = hotplug ? PciConnect.HOTPLUGGABLE : 0;
        int auto = PciConnect.AUTOASSIGN;
        switch (value) {
            case "pci-root" -> set(auto | PciConnect.PCI_DEVICE | PciConnect.PCI_BRIDGE | PciConnect.PCI_EXPANDER_BUS
                    | hot, 1, LAST_SLOT);
            case "pci-bridge", "pcie-to-pci-bridge" -> set(auto | PciConnect.PCI_DEVICE | PciConnect.PCI_BRIDGE | hot,
                    1, LAST_SLOT);
            case "pci-expander-bus" -> set(auto | PciConnect.PCI_DEVICE | PciConnect.PCI_BRIDGE | hot, 0, LAST_SLOT);
            // No auto-assignment: only root ports, integrated devices and what the document places there.
            case "pcie-root" -> set(PciConnect.PCIE_DEVICE | PciConnect.PCIE_ROOT_PORT | PciConnect.DMI_TO_PCI_BRIDGE
                    | PciConnect.PCIE_EXPANDER_BUS, 1, LAST_SLOT);
            case "dmi-to-pci-bridge" -> set(PciConnect.PCI_DEVICE | PciConnect.PCI_BRIDGE, 0, LAST_SLOT);
            case "pcie-root-port", "pcie-switch-downstream-port" -> set(auto | PciConnect.PCIE_DEVICE
                    | PciConnect.PCIE_SWITCH_UPSTREAM_PORT | PciConnect.PCIE_TO_PCI_BRIDGE | hot, 0, 0);
            case "pcie-switch-upstream-port" -> set(PciConnect.PCIE_SWITCH_DOWNSTREAM_PORT, 0, LAST_SLOT);
            case "pcie-expander-bus" -> set(PciConnect.PCIE_ROOT_PORT | PciConnect.DMI_TO_PCI_BRIDGE, 0, LAST_SLOT);
            default -> throw new IllegalArgumentException("PCI controller model " + value);
        }
        model = value;
    }

    private void set(int newFlags, int min, int max) {
        flags = newFlags;
        minSlot = min;
        maxSlot = max;
    }

    boolean functionUsed(int slot, int function) {
        return (functions[slot] & (1 << function)) != 0;
    }

    boolean slotUsed(int slot) {
        return functions[slot] != 0;
    }

    boolean aggregates(int slot) {
        return aggregate[slot];
    }

    /** Takes one function of a slot; the first function taken by an aggregating device lets others share it. */
    void take(int slot, int function, boolean aggregating) {
        if (functions[slot] == 0 && aggregating) {
            aggregate[slot] = true;
        }
        functions[slot] |= 1 << function;
    }

    /** virDomainPCIAddressBusIsFullyReserved: every usable slot has every function taken. */
    boolean full() {
        for (int slot = minSlot; slot <= maxSlot; slot++) {
            if (functions[slot] != 0xFF) {
                return false;
            }
        }
        return true;
    }
}
