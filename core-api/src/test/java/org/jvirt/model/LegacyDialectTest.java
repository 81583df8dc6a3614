package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    void diskTargetsLoseXendsDeviceSuffix() {
        DomainDefinition d = xen("<os><type>hvm</type></os><devices>"
                + "<disk type='file'><source file='/a.img'/><target dev='hda:disk'/></disk>"
                + "<disk type='file'><target dev='hdc:cdrom'/></disk>"
                + "<disk type='file' device='floppy'><source file='/f.img'/><target dev='fda:cdrom'/></disk>"
                + "</devices>");

        assertThat(d.devices(DiskDevice.class)).extracting(DiskDevice::targetDev, DiskDevice::device, DiskDevice::targetBus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hda", "disk", "ide"),
                        org.assertj.core.groups.Tuple.tuple("hdc", "cdrom", "ide"),
                        // device= says it all when present
                        org.assertj.core.groups.Tuple.tuple("fda", "floppy", "fdc"));
        assertThat(d.unmodelled()).isEmpty();
        assertThat(DomainXml.format(d, -1, false)).contains("<target dev='hda' bus='ide'/>")
                .doesNotContain(":disk").doesNotContain(":cdrom");
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
    void anExplicitProtocolWinsAndWiremodeIsKeptAsWritten() {
        DomainDefinition d = xen("<devices><serial type='tcp'>"
                + "<source mode='bind' host='localhost' service='9999' wiremode='telnet'/><protocol type='raw'/>"
                + "</serial></devices>");

        assertThat(d.devices(CharDevice.class).get(0).protocol()).isEqualTo("raw");
        assertThat(d.unmodelled()).containsExactly("devices/serial/source[1]/@wiremode");
    }

    @Test
    void linuxIsXenInXenDomainsOnly() {
        assertThat(xen("<os><type>linux</type><kernel>/k</kernel></os>").os().type()).isEqualTo("xen");
        assertThat(DomainXml.parse("<domain type='test'><name>t</name><memory>1</memory>"
                + "<os><type>linux</type></os></domain>").os().type()).isEqualTo("linux");
    }

    @Test
    void bootloaderGuestsWithoutOsAreXenGuests() {
        DomainDefinition d = xen("<bootloader>/usr/bin/pygrub</bootloader>");

        assertThat(d.os()).isEqualTo(DomainOs.builder("xen").build());
        assertThat(DomainXml.format(d, -1, false)).contains("""
                  <bootloader>/usr/bin/pygrub</bootloader>
                  <os>
                    <type>xen</type>
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
