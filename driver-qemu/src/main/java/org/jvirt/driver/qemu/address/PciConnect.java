package org.jvirt.driver.qemu.address;

/**
 * libvirt's PCI connection flags ({@code virDomainPCIConnectFlags}): what a device needs from the
 * slot it plugs into, and what a bus offers its slots. A device fits a bus when they share a type
 * bit and the bus grants the auto-assignment and hot-plug the device asks for. Constants only.
 */
final class PciConnect {
    private PciConnect() {
    }

    static final int AUTOASSIGN = 1;
    static final int HOTPLUGGABLE = 1 << 1;
    static final int INTEGRATED = 1 << 2;
    static final int AGGREGATE_SLOT = 1 << 3;
    static final int PCI_DEVICE = 1 << 4;
    static final int PCIE_DEVICE = 1 << 5;
    static final int PCIE_ROOT_PORT = 1 << 6;
    static final int PCIE_SWITCH_UPSTREAM_PORT = 1 << 7;
    static final int PCIE_SWITCH_DOWNSTREAM_PORT = 1 << 8;
    static final int DMI_TO_PCI_BRIDGE = 1 << 9;
    static final int PCI_EXPANDER_BUS = 1 << 10;
    static final int PCIE_EXPANDER_BUS = 1 << 11;
    static final int PCI_BRIDGE = 1 << 12;
    static final int PCIE_TO_PCI_BRIDGE = 1 << 13;

    static final int TYPES = PCI_DEVICE | PCIE_DEVICE | PCIE_ROOT_PORT | PCIE_SWITCH_UPSTREAM_PORT
            | PCIE_SWITCH_DOWNSTREAM_PORT | DMI_TO_PCI_BRIDGE | PCI_EXPANDER_BUS | PCIE_EXPANDER_BUS | PCI_BRIDGE
            | PCIE_TO_PCI_BRIDGE;
    static final int ENDPOINT = PCI_DEVICE | PCIE_DEVICE;

    /** A conventional PCI endpoint libvirt may place itself. */
    static final int PCI = PCI_DEVICE | AUTOASSIGN;

    /** The connection a PCI controller of {@code model} needs upstream (virDomainPCIControllerModelToConnectType). */
    static int ofControllerModel(String model) {
        if (model == null) {
            return 0;
        }
        return switch (model) {
            case "pci-bridge" -> PCI_BRIDGE;
            case "pci-expander-bus" -> PCI_EXPANDER_BUS;
            case "pcie-expander-bus" -> PCIE_EXPANDER_BUS;
            case "dmi-to-pci-bridge" -> DMI_TO_PCI_BRIDGE;
            case "pcie-to-pci-bridge" -> PCIE_TO_PCI_BRIDGE;
            case "pcie-root-port" -> PCIE_ROOT_PORT | AGGREGATE_SLOT;
            case "pcie-switch-upstream-port" -> PCIE_SWITCH_UPSTREAM_PORT;
            case "pcie-switch-downstream-port" -> PCIE_SWITCH_DOWNSTREAM_PORT;
            default -> 0;
        };
    }

    /**
     * The controller model a device of these flags is (virDomainPCIControllerConnectTypeToModel), or null:
     * a pcie-to-pci-bridge is none there.
     */
    static String controllerModel(int flags) {
        if ((flags & PCIE_ROOT_PORT) != 0) {
            return "pcie-root-port";
        } else if ((flags & PCIE_SWITCH_UPSTREAM_PORT) != 0) {
            return "pcie-switch-upstream-port";
        } else if ((flags & PCIE_SWITCH_DOWNSTREAM_PORT) != 0) {
            return "pcie-switch-downstream-port";
        } else if ((flags & DMI_TO_PCI_BRIDGE) != 0) {
            return "dmi-to-pci-bridge";
        } else if ((flags & PCI_EXPANDER_BUS) != 0) {
            return "pci-expander-bus";
        } else if ((flags & PCIE_EXPANDER_BUS) != 0) {
            return "pcie-expander-bus";
        } else if ((flags & PCI_BRIDGE) != 0) {
            return "pci-bridge";
        }
        return null;
    }

    /** How libvirt names, in its refusal, the kind of slot a device of these flags needs; null for none. */
    static String describe(int flags) {
        if ((flags & PCI_DEVICE) != 0) {
            return "standard PCI device";
        } else if ((flags & PCIE_DEVICE) != 0) {
            return "PCI Express device";
        } else if ((flags & (PCIE_ROOT_PORT | PCIE_SWITCH_UPSTREAM_PORT | PCIE_SWITCH_DOWNSTREAM_PORT
                | DMI_TO_PCI_BRIDGE)) == 0 && (flags & PCIE_TO_PCI_BRIDGE) != 0) {
            return "pcie-to-pci-bridge";
        }
        return controllerModel(flags);
    }
}
