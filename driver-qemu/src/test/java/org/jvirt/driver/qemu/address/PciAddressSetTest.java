package org.jvirt.driver.qemu.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/** libvirt's PCI address set rules (domain_addr.c), bus by bus, as the assigner relies on them. */
class PciAddressSetTest {

    static PciAddressSet pcieRoot(boolean dryRun) {
        PciAddressSet set = new PciAddressSet(1, dryRun);
        set.bus(0).setModel("pcie-root", false);
        return set;
    }

    /** pcie-root takes no auto-assigned endpoint: a dry run adds a root port for it, a real one fails. */
    @Test
    void aPcieDeviceGetsARootPortOnlyInADryRun() {
        PciAddressSet dry = pcieRoot(true);
        assertThat(dry.reserveNext(PciConnect.PCIE_DEVICE | PciConnect.AUTOASSIGN)).isEqualTo(PciAddress.of(1, 0, 0));
        assertThat(dry.bus(1).model()).isEqualTo("pcie-root-port");
        assertThatThrownBy(() -> pcieRoot(false).reserveNext(PciConnect.PCIE_DEVICE | PciConnect.AUTOASSIGN))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("internal error: No more available PCI slots"));
    }

    /** A conventional PCI device on a PCIe-only guest: a root port, then a pcie-to-pci-bridge it plugs into. */
    @Test
    void aPciDeviceOnAPcieGuestGetsAPcieToPciBridge() {
        PciAddressSet dry = pcieRoot(true);
        assertThat(dry.reserveNext(PciConnect.PCI)).isEqualTo(PciAddress.of(2, 1, 0));
        assertThat(dry.bus(1).model()).isEqualTo("pcie-root-port");
        assertThat(dry.bus(2).model()).isEqualTo("pcie-to-pci-bridge");
    }

    /** Root ports share a slot of pcie-root, function after function (they aggregate). */
    @Test
    void rootPortsAggregateOnOneSlot() {
        PciAddressSet set = pcieRoot(false);
        int port = PciConnect.ofControllerModel("pcie-root-port");
        assertThat(set.reserveNext(port)).isEqualTo(PciAddress.of(0, 1, 0));
        assertThat(set.reserveNext(port)).isEqualTo(PciAddress.of(0, 1, 1));
    }

    /** A slot function taken twice, and a PCIe root port placed on a conventional PCI bus. */
    @Test
    void refusalsNameTheAddress() {
        PciAddressSet set = new PciAddressSet(1, false);
        set.bus(0).setModel("pci-root", true);
        set.reserve(PciAddress.of(0, 3, 0), PciConnect.PCI, true);
        assertThatThrownBy(() -> set.reserve(PciAddress.of(0, 3, 0), PciConnect.PCI, true))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).isEqualTo("XML error: Attempted double use of PCI Address 0000:00:03.0");
                });
        assertThatThrownBy(() -> set.reserve(PciAddress.of(0, 4, 0), PciConnect.PCIE_ROOT_PORT, true))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "XML error: The device at PCI address 0000:00:04.0 cannot be plugged into the PCI controller"
                                + " with index='0'. It requires a controller that accepts a pcie-root-port."));
    }
}
