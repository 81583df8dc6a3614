package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/**
 * What libvirt 0.4 wrote and libvirt 9's schemas forbid is read as libvirt 9's equivalent, so
 * that jvirt formats the modern form (the corpus schema test in driver-test checks the result
 * against libvirt 9.6's RelaxNG schemas).
 */
class LegacyDialectTest {

    private static DomainDefinition xen(String inside) {
        return DomainXml.parse("<domain type='xen'><name>old</name><memory>1024</memory>" + inside + "</domain>");
    }

    @Test
    void diskTargetsWithXendsDeviceSuffixAreKeptAndRefusedAsLibvirt9RefusesThem() {
        DomainDefinition d = xen("<os><type>hvm</type></os><devices>"
                + "<disk type='file'><source file='/a.img'/><target dev='hda:disk'/></disk></devices>");

        assertThat(d.devices(DiskDevice.class).get(0).targetDev()).isEqualTo("hda:disk");
        assertThatThrownBy(() -> PostParse.apply(d, DomainRules.GENERIC)).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).isEqualTo("XML error: Unknown disk name 'hda:disk' and no address"
                            + " specified");
                });
        DomainDefinition pv = xen("<os><type>linux</type></os><devices>"
                + "<disk type='file'><source file='/a.img'/><target dev='xvda:disk'/></disk></devices>");
        assertThatThrownBy(() -> PostParse.apply(pv, DomainRules.GENERIC)).as("on any bus, not only drive buses")
                .hasMessageContaining("Unknown disk name 'xvda:disk'");
    }

    @Test
    void ioemuPrefixIsLeftAloneLibvirt9StillAcceptsIt() {
        DomainDefinition d = xen("<os><type>hvm</type></os><devices>"
                + "<disk type='file'><source file='/a.img'/><target dev='ioemu:hda'/></disk></devices>");

        assertThat(d.devices(DiskDevice.class).get(0).targetDev()).isEqualTo("ioemu:hda");
    }

    @Test
    void wiremodeOfTcpDevicesIsTheProtocol() {
        DomainDefinition d = xen("<os><type>hvm</type></os><devices><serial type='tcp'>"
                + "<source mode='bind' host='localhost' service='9999' wiremode='telnet'/><target port='0'/>"
                + "</serial></devices>");

        CharDevice serial = d.devices(CharDevice.class).get(0);
        assertThat(serial.protocol()).isEqualTo("telnet");
        assertThat(d.unmodelled()).isEmpty();
        assertThat(DomainXml.format(d, -1, false)).contains("""
                    <serial type='tcp'>
                      <source mode='bind' host='localhost' service='9999'/>
                      <protocol type='telnet'/>
                      <target port='0'/>
                    </serial>
                """);
    }

    @Test
    void anExplicitProtocolWinsAndWiremodeGoesAsLibvirt9PassesOverIt() {
        DomainDefinition d = xen("<devices><serial type='tcp'>"
                + "<source mode='bind' host='localhost' service='9999' wiremode='telnet'/><protocol type='raw'/>"
                + "</serial></devices>");

        assertThat(d.devices(CharDevice.class).get(0).protocol()).isEqualTo("raw");
        assertThat(d.unmodelled()).isEmpty();
    }

    @Test
    void linuxIsXenInXenDomainsOnlyAndIsWrittenBackAsLinux() {
        DomainDefinition pv = xen("<os><type>linux</type><kernel>/k</kernel></os>");

        assertThat(pv.os().type()).isEqualTo("xen");
        assertThat(DomainXml.format(pv, -1, false)).contains("<type>linux</type>");
        assertThat(DomainXml.parse("<domain type='test'><name>t</name><memory>1</memory>"
                + "<os><type>linux</type></os></domain>").os().type()).isEqualTo("linux");
    }

    @Test
    void bootloaderGuestsWithoutOsAreXenGuests() {
        DomainDefinition d = xen("<bootloader>/usr/bin/pygrub</bootloader>");

        assertThat(d.os()).isEqualTo(DomainOs.builder("xen").build());
        assertThat(DomainXml.format(d, -1, false)).as("libvirt writes Xen's paravirtualised type as 'linux'")
                .contains("""
                  <bootloader>/usr/bin/pygrub</bootloader>
                  <os>
                    <type>linux</type>
                  </os>
                """);
        assertThat(xen("").os()).as("no bootloader, no os").isNull();
    }

    @Test
    void ethernetSourceDevIsNotKept() {
        DomainDefinition d = xen("<devices><interface type='ethernet'><mac address='00:11:22:33:44:55'/>"
                + "<source dev='eth3'/><script path='vif-routed'/></interface>"
                + "<interface type='direct'><source dev='eth0' mode='vepa'/></interface></devices>");

        assertThat(d.unmodelled()).containsExactly("devices/interface/source/@dev", "devices/interface/source/@mode");
        assertThat(DomainXml.format(d, -1, false)).doesNotContain("eth3").contains("<source dev='eth0' mode='vepa'/>");
    }
}
