package org.jvirt.driver.qemu.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;

/** The devices the assigner works on: addresses read once and read again after every change, and libvirt's order. */
class GuestDevicesTest {
    private static List<Device> devices(String xml) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><memory>1024</memory><devices>" + xml
                + "</devices></domain>").devices();
    }

    /** The devices in {@code order}, each as its element's name and what tells it from its kind's others. */
    private static List<String> named(GuestDevices d, List<Integer> order) {
        return order.stream().map(i -> {
            Device device = d.get(i);
            String what = device instanceof ControllerDevice c ? c.type()
                    : device instanceof org.jvirt.model.DiskDevice disk ? disk.targetDev() : "";
            return (device.elementName() + " " + what).strip();
        }).toList();
    }

    private static int indexOf(GuestDevices d, String elementName) {
        for (int i = 0; i < d.size(); i++) {
            if (d.get(i).elementName().equals(elementName)) {
                return i;
            }
        }
        throw new AssertionError("no " + elementName);
    }

    @Test
    void anAddressIsReadAgainAfterEveryChangeOfItsDevice() {
        GuestDevices d = new GuestDevices(devices("<watchdog model='i6300esb'>"
                + "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></watchdog>"
                + "<controller type='usb' index='0'/>"));
        int watchdog = indexOf(d, "watchdog");
        int usb = indexOf(d, "controller");
        assertThat(d.pci(watchdog)).isEqualTo(PciAddress.of(0, 5, 0));
        assertThat(d.pci(usb)).isNull();
        assertThat(d.wantsPci(usb)).isTrue();
        d.setPci(watchdog, PciAddress.of(0, 6, 0));
        d.setPci(usb, PciAddress.of(0, 7, 0).withMultifunction("on"));
        assertThat(d.pci(watchdog)).isEqualTo(PciAddress.of(0, 6, 0));
        assertThat(d.address(usb).attribute("multifunction")).isEqualTo("on");
        assertThat(d.hasPci(usb)).isTrue();
        d.set(usb, ControllerDevice.of("usb", 0));
        assertThat(d.pci(usb)).isNull();
        int added = d.add(new ControllerDevice("pci", 1, "pcie-root-port", DeviceAddress.pci(0, 0, 2, 0), null));
        assertThat(d.pci(added)).isEqualTo(PciAddress.of(0, 2, 0));
        d.setAddress(added, new DeviceAddress("ccw", java.util.Map.of()));
        assertThat(d.pci(added)).isNull();
        assertThat(d.address(added).type()).isEqualTo("ccw");
    }

    @Test
    void aNumberThatDoesNotParseIsNoPciAddress() {
        GuestDevices d = new GuestDevices(devices("<controller type='usb' index='0'>"
                + "<address type='pci' domain='0x0000' bus='0x00' slot='0xzz' function='0x0'/></controller>"));
        assertThat(d.pci(0)).isNull();
        assertThat(d.hasPci(0)).isFalse();
    }

    @Test
    void libvirtVisitsKindByKindEachInItsOrderAndSomeKindsNever() {
        GuestDevices d = new GuestDevices(devices("<controller type='usb' index='0'/><disk type='file' device='disk'>"
                + "<target dev='vda' bus='virtio'/></disk><graphics type='vnc'/><controller type='pci' index='0'"
                + " model='pcie-root'/><interface type='user'/><disk type='file' device='disk'><target dev='vdb'"
                + " bus='virtio'/></disk><rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"));
        assertThat(named(d, IterationOrder.of(d))).containsExactly("disk vda", "disk vdb", "interface",
                "controller usb", "controller pci", "rng");
    }
}
