package org.jvirt.driver.qemu.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.QemuRules;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.PostParse;
import org.junit.jupiter.api.Test;

/**
 * The addresses and controllers a definition gets at define, as libvirt 9's QEMU driver gives them:
 * each expected value is libvirt's, read from its dump of the same input (LibvirtQemuComparisonTest's
 * oracle, libvirt 5.5's qemuxml2argv test inputs named in each test).
 */
class QemuAddressesTest {
    static final EmulatorInfo X86 = new EmulatorInfo("/usr/bin/qemu-system-x86_64", 1, 2, "7.2.22", "x86_64",
            List.of(new EmulatorInfo.Machine("pc-i440fx-7.2", "pc", true, 255, false),
                    new EmulatorInfo.Machine("pc-q35-7.2", "q35", false, 288, false)),
            List.of("qemu64"), Set.of(), true);

    static DomainDefinition define(String os, String devices) {
        DomainDefinition parsed = DomainXml.parse("<domain type='qemu'><name>g</name>"
                + "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><memory unit='KiB'>219136</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='" + os + "'>hvm</type></os><devices>" + devices + "</devices></domain>");
        return PostParse.apply(parsed, new QemuRules(x -> X86, () -> "52:54:00:00:00:01", e -> true));
    }

    /** Each device as libvirt writes it, one a line, for the kinds given. */
    static List<String> devices(DomainDefinition def, String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return def.devices().stream().filter(d -> wanted.contains(d.elementName()))
                .map(QemuAddressesTest::oneLine).collect(Collectors.toList());
    }

    static String oneLine(Device d) {
        return DomainXml.formatDevice(d).replaceAll(">\\s+<", "><").strip();
    }

    static String pci(int bus, int slot, int function) {
        return String.format("<address type='pci' domain='0x0000' bus='0x%02x' slot='0x%02x' function='0x%x'/>",
                bus, slot, function);
    }

    /** clock-utc: PIIX3's IDE and USB at 00:01.1 and 00:01.2, the implicit pci-root, the balloon next. */
    @Test
    void anI440fxGuestHasPiix3sControllersAtTheirSlots() {
        DomainDefinition def = define("pc", "<controller type='usb' index='0'/><controller type='ide' index='0'/>"
                + "<memballoon model='virtio'/>");
        assertThat(devices(def, "controller")).containsExactly(
                "<controller type='usb' index='0' model='piix3-uhci'>" + pci(0, 1, 2) + "</controller>",
                "<controller type='ide' index='0'>" + pci(0, 1, 1) + "</controller>",
                "<controller type='pci' index='0' model='pci-root'/>");
        assertThat(devices(def, "memballoon")).containsExactly("<memballoon model='virtio'>" + pci(0, 2, 0)
                + "</memballoon>");
    }

    /** channel-virtio-autoassign: ports from 1 on the first controller with a free one, chosen ones kept. */
    @Test
    void virtioChannelsTakeTheFirstFreePorts() {
        DomainDefinition def = define("pc", "<controller type='virtio-serial' index='0' ports='4'/>"
                + "<controller type='virtio-serial' index='1'>" + pci(0, 10, 0) + "</controller>"
                + "<channel type='pty'><target type='virtio' name='a'/></channel>"
                + "<channel type='pty'><target type='virtio' name='b'/>"
                + "<address type='virtio-serial' controller='0' bus='2'/></channel>"
                + "<channel type='pty'><target type='virtio' name='c'/>"
                + "<address type='virtio-serial' controller='0' port='1'/></channel>"
                + "<channel type='pty'><target type='virtio' name='d'/></channel>");
        assertThat(devices(def, "channel")).extracting(s -> s.replaceAll(".*(<address[^>]*>).*", "$1"))
                .containsExactly("<address type='virtio-serial' controller='0' bus='0' port='2'/>",
                        "<address type='virtio-serial' controller='0' bus='0' port='3'/>",
                        "<address type='virtio-serial' controller='0' bus='0' port='1'/>",
                        "<address type='virtio-serial' controller='1' bus='0' port='1'/>");
        assertThat(devices(def, "controller")).contains(
                "<controller type='virtio-serial' index='0' ports='4'>" + pci(0, 2, 0) + "</controller>");
    }

    /**
     * q35-virtio-pci, reduced: SATA at 00:1f.2, the video at 00:01.0, a pcie-root-port (named, numbered)
     * for each PCIe device (USB controller, disk, balloon) and one spare, qemu-xhci as the default USB
     * controller.
     */
    @Test
    void aQ35GuestGetsARootPortForEachPcieDevice() {
        DomainDefinition def = define("q35", "<disk type='file' device='disk'><source file='/a.img'/>"
                + "<target dev='vda' bus='virtio'/></disk><video><model type='virtio'/></video>"
                + "<memballoon model='virtio'/>");
        assertThat(devices(def, "controller")).containsExactly(
                "<controller type='usb' index='0' model='qemu-xhci'>" + pci(1, 0, 0) + "</controller>",
                "<controller type='sata' index='0'>" + pci(0, 0x1f, 2) + "</controller>",
                "<controller type='pci' index='0' model='pcie-root'/>",
                "<controller type='pci' index='1' model='pcie-root-port'><model name='pcie-root-port'/>"
                        + "<target chassis='1' port='0x10'/><address type='pci' domain='0x0000' bus='0x00'"
                        + " slot='0x02' function='0x0' multifunction='on'/></controller>",
                "<controller type='pci' index='2' model='pcie-root-port'><model name='pcie-root-port'/>"
                        + "<target chassis='2' port='0x11'/>" + pci(0, 2, 1) + "</controller>",
                "<controller type='pci' index='3' model='pcie-root-port'><model name='pcie-root-port'/>"
                        + "<target chassis='3' port='0x12'/>" + pci(0, 2, 2) + "</controller>",
                "<controller type='pci' index='4' model='pcie-root-port'><model name='pcie-root-port'/>"
                        + "<target chassis='4' port='0x13'/>" + pci(0, 2, 3) + "</controller>");
        assertThat(devices(def, "disk").get(0)).contains(pci(2, 0, 0));
        assertThat(devices(def, "video").get(0)).contains(pci(0, 1, 0));
        assertThat(devices(def, "memballoon").get(0)).contains(pci(3, 0, 0));
    }

    /** usb-hub and input-usbtablet: USB devices on the first free port of bus 0, hubs first. */
    @Test
    void usbDevicesTakeTheFirstFreePorts() {
        DomainDefinition def = define("pc", "<input type='tablet' bus='usb'/><hub type='usb'/>");
        assertThat(devices(def, "hub")).containsExactly(
                "<hub type='usb'><address type='usb' bus='0' port='1'/></hub>");
        assertThat(devices(def, "input")).contains(
                "<input type='tablet' bus='usb'><address type='usb' bus='0' port='2'/></input>");
    }

    /** 440fx-ide-address-conflict. */
    @Test
    void aPciAddressUsedTwiceIsRefused() {
        assertThatThrownBy(() -> define("pc", "<controller type='ide' index='0'/>"
                + "<interface type='user'><model type='rtl8139'/>" + pci(0, 1, 1) + "</interface>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).isEqualTo("XML error: Attempted double use of PCI Address 0000:00:01.1");
                });
    }

    /** pci-domain-invalid. */
    @Test
    void aPciDomainOtherThanZeroIsRefused() {
        assertThatThrownBy(() -> define("pc", "<interface type='user'><model type='rtl8139'/>"
                + "<address type='pci' domain='0x0001' bus='0x00' slot='0x05' function='0x0'/></interface>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).isEqualTo(
                            "XML error: Invalid PCI address 0001:00:05.0. Only PCI domain 0 is available");
                });
    }

    /** usb-ports-out-of-range and usb-bus-missing. */
    @Test
    void usbPortsThatDoNotExistAreRefused() {
        assertThatThrownBy(() -> define("pc", "<hub type='usb'><address type='usb' bus='0' port='1'/></hub>"
                + "<input type='tablet' bus='usb'><address type='usb' bus='0' port='1.9'/></input>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("XML error: requested USB port 1.9 not present on USB bus 0"));
        assertThatThrownBy(() -> define("pc", "<input type='tablet' bus='usb'><address type='usb' bus='1'/></input>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("XML error: USB bus 1 requested but no controller with that index is present"));
    }

    /** memory-hotplug-dimm: a DIMM without a slot takes the lowest one free. */
    @Test
    void dimmsTakeTheLowestFreeSlot() {
        DomainDefinition parsed = DomainXml.parse("<domain type='qemu'><name>g</name>"
                + "<maxMemory slots='16' unit='KiB'>1099511627776</maxMemory><memory unit='KiB'>7434230</memory>"
                + "<vcpu>2</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "<cpu><numa><cell id='0' cpus='0-1' memory='219136' unit='KiB'/></numa></cpu><devices>"
                + "<memory model='dimm'><target><size unit='KiB'>523264</size><node>0</node></target></memory>"
                + "<memory model='dimm'><target><size unit='KiB'>524287</size><node>0</node></target>"
                + "<address type='dimm' slot='0'/></memory></devices></domain>");
        DomainDefinition def = PostParse.apply(parsed, new QemuRules(x -> X86, () -> "52:54:00:00:00:01", e -> true));
        assertThat(devices(def, "memory")).extracting(s -> s.replaceAll(".*(<address[^>]*>).*", "$1"))
                .containsExactly("<address type='dimm' slot='1'/>", "<address type='dimm' slot='0'/>");
    }

    /** hostdev-scsi-autogen-address: SCSI buses are narrow, 7 units a controller; each implied controller is LSI. */
    @Test
    void aScsiDiskBeyondTheSeventhGoesOnTheNextController() {
        DomainDefinition def = define("pc", "<disk type='file' device='disk'><source file='/a.img'/>"
                + "<target dev='sdh' bus='scsi'/></disk>");
        assertThat(devices(def, "disk").get(0)).contains(
                "<address type='drive' controller='1' bus='0' target='0' unit='0'/>");
        assertThat(devices(def, "controller")).contains(
                "<controller type='scsi' index='0' model='lsilogic'>" + pci(0, 2, 0) + "</controller>",
                "<controller type='scsi' index='1' model='lsilogic'>" + pci(0, 3, 0) + "</controller>");
    }

    /** Refusals as libvirt 9 words them for the same definitions. */
    @Test
    void controllersLibvirtCannotPlaceOrHaveAreRefused() {
        assertThatThrownBy(() -> define("q35", "<controller type='pci' index='1' model='pcie-to-pci-bridge'/>"
                + "<interface type='user'><model type='rtl8139'/></interface>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "internal error: Cannot automatically add a new PCI bus for a device with connect flags 2000"));
        assertThatThrownBy(() -> define("pc", "<controller type='pci' index='1' model='pcie-root-port'/>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "internal error: a PCI slot is needed to connect a PCI controller model='pcie-root-port', but"
                                + " none is available, and it cannot be automatically added"));
        assertThatThrownBy(() -> define("q35", "<controller type='usb' index='0' model='qemu-xhci' ports='20'/>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.getMessage()).isEqualTo(
                            "unsupported configuration: 'qemu-xhci' controller only supports up to '15' ports");
                });
        assertThatThrownBy(() -> define("pc", "<controller type='ide' index='0'>" + pci(0, 3, 0) + "</controller>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "internal error: Primary IDE controller must have PCI address 0:0:1.1"));
    }

    /** A definition read back from its own dump gets nothing new: assignment is idempotent. */
    @Test
    void assigningTwiceChangesNothing() {
        DomainDefinition def = define("q35", "<disk type='file' device='disk'><source file='/a.img'/>"
                + "<target dev='vda' bus='virtio'/></disk><input type='tablet' bus='usb'/>"
                + "<controller type='virtio-serial'/><channel type='pty'><target type='virtio' name='a'/></channel>");
        assertThat(QemuAddresses.assign(def)).isEqualTo(def);
    }
}
