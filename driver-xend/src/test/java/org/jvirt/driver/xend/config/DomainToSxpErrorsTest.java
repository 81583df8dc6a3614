package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Definitions that lack what xend needs, or say what xend cannot be told: one clear error, no S-expression. */
class DomainToSxpErrorsTest {
    private static final String PV_OS = "<os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>";
    private static final String HVM_OS = "<os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader></os>";

    @Test
    void aParavirtualisedGuestNeedsAKernelOrABootloader() {
        DomainDefinition def = xml("<os><type>linux</type><initrd>/i</initrd></os>", "");
        assertError(def, 2, ErrorCode.NO_KERNEL, "domain 'g' is paravirtualised and has neither <os><kernel> nor <bootloader>");
        assertThat(XendConfig.toSexpr(xml("", "", "<bootloader>/usr/bin/pygrub</bootloader>"), 2).toString())
                .contains("(bootloader /usr/bin/pygrub)").doesNotContain("image");
    }

    @Test
    void anHvmGuestNeedsItsLoader() {
        assertError(xml("<os><type>hvm</type><boot dev='hd'/></os>", ""), 2, ErrorCode.XML_ERROR,
                "no HVM domain loader: domain 'g' needs <os><loader>");
    }

    @Test
    void aDiskNeedsASourceButAnHvmCdrom() {
        assertError(xml(PV_OS, "<disk type='file'><target dev='xvda'/></disk>"), 2, ErrorCode.NO_SOURCE,
                "missing source information for disk xvda");
        assertThat(XendConfig.toSexpr(xml(HVM_OS, "<disk type='file' device='cdrom'><target dev='hdc'/></disk>"), 2)
                .toString()).contains("(device (vbd (dev hdc:cdrom) (mode r)))");
    }

    @Test
    void aNetworkNeedsItsBridge() {
        DomainDefinition def = xml(PV_OS, "<interface type='network'><source network='default'/></interface>");
        assertError(def, 2, ErrorCode.NO_SOURCE, "network 'default': no such network, or it has no bridge");
        NetworkBridges bridges = n -> n.equals("default") ? Optional.of("virbr0") : Optional.empty();
        assertThat(XendConfig.toSexpr(def, 2, bridges).toString()).contains("(device (vif (bridge virbr0)))");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "PV  | <interface type='direct'><source dev='eth0'/></interface>   | not <interface type='direct'>",
        "PV  | <graphics type='spice'/>                                   | not <graphics type='spice'>",
        "PV  | <hostdev mode='subsystem' type='pci'/>                     | xend has no <hostdev>",
        "PV  | <disk type='network' device='disk'><target dev='xvda'/></disk> | not <disk type='network'>",
        "PV  | <serial type='pty'/>                                        | no place for a serial of type 'pty' in a paravirtualised guest",
        "PV  | <sound model='sb16'/>                                       | a paravirtualised guest has no sound card",
        "PV  | <input type='tablet' bus='usb'/>                            | pointer is its vfb's, not a tablet on bus usb",
        "HVM | <parallel type='pty'/><parallel type='pty'/>              | Only one parallel device is supported",
        "HVM | <serial type='pty'/><serial type='null'/>                 | Only one serial device is supported",
        "HVM | <channel type='pty'><target type='virtio'/></channel>      | no place for a channel",
        "HVM | <serial type='spicevmc'/>                                  | qemu-dm has no character device of type 'spicevmc'",
    })
    void whatXendCannotBeToldIsRefused(String guest, String devices, String message) {
        assertError(xml(guest.equals("PV") ? PV_OS : HVM_OS, devices), 4, ErrorCode.CONFIG_UNSUPPORTED, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<serial type='tcp'><source mode='connect' service='9'/></serial> | Missing source host attribute for char device serial",
        "<serial type='file'/>                                            | Missing source path attribute for char device serial",
        "<serial type='udp'><source mode='bind' host='h' service='1'/></serial> | Missing source service attribute for char device serial",
        "<input type='tablet' bus='ps2'/>                                 | invalid input device: xend has no tablet on bus ps2",
        "<sound model='ich6'/>                                            | unknown sound model type 'ich6'",
    })
    void whatAnHvmDeviceLacksIsAnXmlError(String devices, String message) {
        assertError(xml(HVM_OS, devices), 2, ErrorCode.XML_ERROR, message);
    }

    @Test
    void platformXendDoesNotHave() {
        assertError(xml(HVM_OS, "", "<features><hyperv/></features>"), 2, ErrorCode.CONFIG_UNSUPPORTED,
                "xend has no feature 'hyperv'");
        assertError(xml(HVM_OS, "", "<clock offset='timezone' timezone='Europe/Paris'/>"), 2,
                ErrorCode.CONFIG_UNSUPPORTED, "not <clock offset='timezone'>");
        assertError(xml("<os><type>hvm</type><loader>/l</loader><boot dev='hd'/><boot dev='cdrom'/><boot dev='fd'/>"
                + "<boot dev='network'/><boot dev='hd'/></os>", ""), 2, ErrorCode.XML_ERROR, "too many boot devices");
        DomainDefinition kvm = xml(HVM_OS, "").toBuilder().type("kvm").build();
        assertError(kvm, 2, ErrorCode.CONFIG_UNSUPPORTED, "xend runs domains of type 'xen', not 'kvm'");
        DomainDefinition exe = xml(HVM_OS, "").toBuilder().os(xml(HVM_OS, "").os().toBuilder().type("exe").build()).build();
        assertError(exe, 2, ErrorCode.CONFIG_UNSUPPORTED, "not OS type 'exe'");
        assertError(xml(PV_OS, "").toBuilder().cpuset("1-x").build(), 2, ErrorCode.XML_ERROR,
                "topology cpuset syntax error: '1-x'");
        assertError(xml(PV_OS, "").toBuilder().os(null).build(), 2, ErrorCode.NO_OS, "missing operating system information for g");
    }

    @Test
    void versionsStartAtOne() {
        assertError(xml(PV_OS, ""), 0, ErrorCode.INVALID_ARG, "xend's versions start at 1");
    }

    @Test
    void theImplicitDevicesOfLibvirt9AreLeftOut() {
        SexprList vm = (SexprList) XendConfig.toSexpr(xml(HVM_OS, "<controller type='ide'/><video><model type='cirrus'/>"
                + "</video><memballoon model='xen'/><input type='mouse' bus='ps2'/><input type='keyboard' bus='ps2'/>"), 4);
        assertThat(vm.entries("device")).isEmpty();
        assertThat(vm.value("vm/image/hvm/usbdevice")).isEmpty();
    }

    static DomainDefinition xml(String os, String devices, String... more) {
        return DomainXml.parse("<domain type='xen'><name>g</name><uuid>596a5d2171f48fb2e068e2386a5c413e</uuid>"
                + "<memory>262144</memory>" + String.join("", more) + os + "<devices>" + devices + "</devices></domain>");
    }

    private static void assertError(DomainDefinition def, int version, ErrorCode code, String message) {
        assertThatThrownBy(() -> XendConfig.toSexpr(def, version)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
