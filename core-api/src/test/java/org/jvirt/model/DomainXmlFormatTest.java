package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.model.xml.XmlElement;
import org.junit.jupiter.api.Test;

class DomainXmlFormatTest {

    /**
     * {@code virsh -c test:///default dumpxml test} of libvirt 9.0, byte for byte. virsh prints
     * the document it gets from libvirt ({@code virDomainGetXMLDesc}, ending in one newline)
     * followed by one more newline after every command; {@link DomainXml#format} is the former.
     */
    static final String VIRSH_DUMPXML_TEST = """
            <domain type='test' id='1'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </interface>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </memballoon>
              </devices>
            </domain>

            """;

    /** The default domain of libvirt's test driver, built as a driver would. */
    static DomainDefinition testDomain() {
        return DomainDefinition.builder()
                .type("test")
                .name("test")
                .uuid(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"))
                .memoryKiB(8388608)
                .currentMemoryKiB(2097152L)
                .vcpus(2)
                .os(DomainOs.builder("hvm").arch("i686").boot("hd").build())
                .addDevice(DiskDevice.builder().type("file").device("disk").source("/guest/diskimage1")
                        .target("vda", "virtio").address(DeviceAddress.pci(0, 1, 0, 0)).build())
                .addDevice(InterfaceDevice.builder().type("network").mac("aa:bb:cc:dd:ee:ff")
                        .sourceNetwork("default").targetDev("testnet0")
                        .address(DeviceAddress.pci(0, 0, 1, 0)).build())
                .addDevice(MemballoonDevice.of("virtio", DeviceAddress.pci(0, 0, 2, 0)))
                .build();
    }

    @Test
    void testDomainFormatsExactlyAsVirshDumpxml() {
        String xml = DomainXml.format(testDomain(), 1, false);

        assertThat(xml + "\n").isEqualTo(VIRSH_DUMPXML_TEST);
    }

    @Test
    void inactiveDomainHasNoIdAttribute() {
        String xml = DomainXml.format(testDomain(), -1, false);

        assertThat(xml).startsWith("<domain type='test'>\n  <name>test</name>\n")
                .isEqualTo(VIRSH_DUMPXML_TEST.replace(" id='1'", "").stripTrailing() + "\n");
    }

    @Test
    void virshOutputParsesBackToTheBuiltDefinition() {
        assertThat(DomainXml.parse(VIRSH_DUMPXML_TEST)).isEqualTo(testDomain());
    }

    @Test
    void graphicsPasswordOnlyWhenSecure() {
        DomainDefinition d = testDomain().toBuilder()
                .addDevice(GraphicsDevice.builder("vnc").port(5901).autoport(false).listen("0.0.0.0")
                        .keymap("en-us").passwd("s3cret").build())
                .build();

        assertThat(DomainXml.format(d, -1, true)).contains(
                "<graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0' keymap='en-us' passwd='s3cret'/>");
        assertThat(DomainXml.format(d, -1, false))
                .contains("<graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0' keymap='en-us'/>")
                .doesNotContain("s3cret");
        assertThat(d.toString()).doesNotContain("s3cret");
        assertThat(d.devices(GraphicsDevice.class).get(0).toString()).doesNotContain("s3cret");
    }

    @Test
    void everyModelledPartInLibvirtOrder() {
        DomainDefinition d = DomainDefinition.builder()
                .type("kvm").name("rich").uuid(UUID.fromString("b5d70dd2-75cd-aca5-1776-9660b059d8bc"))
                .title("A <title> & 'q' \"dq\"").description("Desc")
                .memoryKiB(1048576).currentMemoryKiB(524288L).vcpus(2).currentVcpus(1).cpuset("0-1")
                .bootloader("/usr/bin/pygrub").bootloaderArgs("-q")
                .os(DomainOs.builder("hvm").arch("x86_64").machine("pc").loader("/usr/lib/xen/boot/hvmloader")
                        .kernel("/k").initrd("/i").cmdline("ro quiet").root("/dev/sda1").boot("cdrom", "hd").build())
                .feature("pae").feature("acpi")
                .features(List.of(XmlElement.of("pae"), XmlElement.of("acpi"),
                        XmlElement.builder("apic").attribute("eoi", "on").build()))
                .clock(new DomainClock("variable", Map.of("adjustment", "123"), List.of(XmlElement.builder("timer")
                        .attribute("name", "rtc").attribute("tickpolicy", "catchup").build())))
                .onPoweroff("preserve").onCrash("coredump-destroy")
                .emulator("/usr/bin/qemu")
                .addDevice(SoundDevice.of("es1370"))
                .addDevice(InputDevice.of("tablet", "usb"))
                .addDevice(CharDevice.builder("console").type("pty").target("serial", 0).build())
                .addDevice(CharDevice.builder("serial").type("tcp")
                        .source(CharSource.network("bind", "127.0.0.1", "4555")).protocol("telnet")
                        .target(null, 0).build())
                .addDevice(CharDevice.builder("serial").type("udp")
                        .sources(List.of(CharSource.network("bind", "localhost", "9999"),
                                CharSource.network("connect", "localhost", "9998")))
                        .target(null, 1).build())
                .addDevice(InterfaceDevice.builder().type("bridge").mac("00:16:3E:5D:C7:9E").sourceBridge("xenbr0")
                        .ip("10.0.0.5").script("vif-bridge").targetDev("vif1.0").model("e1000").build())
                .addDevice(DiskDevice.builder().type("block").device("cdrom").driver("qemu", "raw", "none")
                        .source("/dev/sr0").target("hdc", null).readOnly(true).shareable(true).serial("WD-1")
                        .address(DeviceAddress.drive(0, 1, 0, 0)).build())
                .addDevice(GraphicsDevice.builder("sdl").build())
                .addDevice(MemballoonDevice.of("virtio", null))
                .build();

        assertThat(DomainXml.format(d, 7, true)).isEqualTo("""
                <domain type='kvm' id='7'>
                  <name>rich</name>
                  <uuid>b5d70dd2-75cd-aca5-1776-9660b059d8bc</uuid>
                  <title>A &lt;title&gt; &amp; &apos;q&apos; &quot;dq&quot;</title>
                  <description>Desc</description>
                  <memory unit='KiB'>1048576</memory>
                  <currentMemory unit='KiB'>524288</currentMemory>
                  <vcpu placement='static' cpuset='0-1' current='1'>2</vcpu>
                  <bootloader>/usr/bin/pygrub</bootloader>
                  <bootloader_args>-q</bootloader_args>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <loader>/usr/lib/xen/boot/hvmloader</loader>
                    <kernel>/k</kernel>
                    <initrd>/i</initrd>
                    <cmdline>ro quiet</cmdline>
                    <root>/dev/sda1</root>
                    <boot dev='cdrom'/>
                    <boot dev='hd'/>
                  </os>
                  <features>
                    <acpi/>
                    <apic eoi='on'/>
                    <pae/>
                  </features>
                  <clock offset='variable' adjustment='123'>
                    <timer name='rtc' tickpolicy='catchup'/>
                  </clock>
                  <on_poweroff>preserve</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>coredump-destroy</on_crash>
                  <devices>
                    <emulator>/usr/bin/qemu</emulator>
                    <disk type='block' device='cdrom'>
                      <driver name='qemu' type='raw' cache='none'/>
                      <source dev='/dev/sr0'/>
                      <target dev='hdc' bus='ide'/>
                      <readonly/>
                      <shareable/>
                      <serial>WD-1</serial>
                      <address type='drive' controller='0' bus='1' target='0' unit='0'/>
                    </disk>
                    <interface type='bridge'>
                      <mac address='00:16:3e:5d:c7:9e'/>
                      <source bridge='xenbr0'/>
                      <ip address='10.0.0.5'/>
                      <script path='vif-bridge'/>
                      <target dev='vif1.0'/>
                      <model type='e1000'/>
                    </interface>
                    <serial type='tcp'>
                      <source mode='bind' host='127.0.0.1' service='4555'/>
                      <protocol type='telnet'/>
                      <target port='0'/>
                    </serial>
                    <serial type='udp'>
                      <source mode='bind' host='localhost' service='9999'/>
                      <source mode='connect' host='localhost' service='9998'/>
                      <target port='1'/>
                    </serial>
                    <console type='pty'>
                      <target type='serial' port='0'/>
                    </console>
                    <input type='tablet' bus='usb'/>
                    <graphics type='sdl'/>
                    <sound model='es1370'/>
                    <memballoon model='virtio'/>
                  </devices>
                </domain>
                """);
        assertThat(DomainXml.parse(DomainXml.format(d, 7, true))).isEqualTo(d);
    }

    @Test
    void formatsSingleDevicesForAttachAndDetach() {
        DiskDevice disk = testDomain().devices(DiskDevice.class).get(0);

        assertThat(DomainXml.formatDevice(disk)).isEqualTo("""
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                """);
        assertThat(DomainXml.formatDevice(CharDevice.builder("console").tty("/dev/pts/5").build()))
                .isEqualTo("<console type='pty' tty='/dev/pts/5'/>\n");
        assertThat(DomainXml.formatDevice(InterfaceDevice.builder().build()))
                .isEqualTo("<interface type='user'/>\n");
    }
}
