package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/**
 * Devices, security labels, features and namespaces as libvirt 9 reads an inactive definition.
 * The expected texts and refusals are libvirt's own: each document was defined into libvirt's
 * {@code test:///default} with virsh and dumped with {@code --inactive --security-info}.
 */
class DevicePostParseTest {

    private static String dump(String inside) {
        DomainDefinition def = PostParse.apply(DomainXml.parse("<domain type='test'><name>d</name><memory>1024</memory>"
                + (inside.startsWith("<os>") ? "" : "<os><type arch='x86_64'>hvm</type></os>") + inside + "</domain>"),
                DomainRules.GENERIC);
        return DomainXml.format(def, -1, true);
    }

    private static VirtException refusal(String inside) {
        Throwable t = catchThrowable(() -> dump(inside));
        assertThat(t).as("refused with a VirtException").isInstanceOf(VirtException.class);
        return (VirtException) t;
    }

    /**
     * A disk's name implies its controller: {@code hdzz} is disk 701, on IDE controller 175; libvirt adds
     * controllers 0 to 175, and for {@code hdzzzz} 118,814 of them (virsh on test:///default here counts
     * the same). Adding them is linear: once it copied the device list for each.
     */
    @Test
    void aDiskNameImpliesEveryControllerUpToItsOwn() {
        String disk = "<devices><disk type='file' device='disk'><source file='/tmp/x'/><target dev='NAME' bus='ide'/>"
                + "</disk></devices>";
        assertThat(dump(disk.replace("NAME", "hdzz")).split("<controller type='ide' index=", -1)).hasSize(177);
        DomainDefinition big = PostParse.apply(DomainXml.parse("<domain type='test'><name>d</name><memory>1024</memory>"
                + "<os><type arch='x86_64'>hvm</type></os>" + disk.replace("NAME", "hdzzzz") + "</domain>"),
                DomainRules.GENERIC);
        assertThat(big.devices(ControllerDevice.class).stream().filter(c -> c.type().equals("ide")).count())
                .isEqualTo(118_814);
    }

    @Test
    void characterDevicesKeepWhatTheirTypeReads() {
        assertThat(dump("<devices><serial type='tcp'><source host='h' service='1'/></serial><channel type='unix'>"
                + "<source mode='bind'/><target type='virtio' name='a.b' state='connected'/></channel>"
                + "<parallel type='file'><source mode='bind' path='/f'/><protocol type='telnet'/></parallel>"
                + "<console type='pty'><target type='virtio' port='7'/></console></devices>")).contains("""
                    <serial type='tcp'>
                      <source mode='connect' host='h' service='1'/>
                      <protocol type='raw'/>
                      <target port='0'/>
                    </serial>
                    <parallel type='file'>
                      <source path='/f'/>
                      <target port='0'/>
                    </parallel>
                    <console type='tcp'>
                      <source mode='connect' host='h' service='1'/>
                      <protocol type='raw'/>
                      <target type='serial' port='0'/>
                    </console>
                    <console type='pty'>
                      <target type='virtio' port='0'/>
                    </console>
                    <channel type='unix'>
                      <target type='virtio' name='a.b'/>
                    </channel>
                """);
    }

    @Test
    void hostdevInterfacesAndAddressFamilies() {
        assertThat(dump("<devices><interface type='hostdev' managed='yes'><mac address='52:54:00:00:00:01'/>"
                + "<source><address type='pci' domain='0' bus='3' slot='7' function='1'/></source>"
                + "<filterref filter='f'/><driver name='vfio' queues='2'/></interface>"
                + "<interface type='user'><mac address='52:54:00:00:00:02'/><ip address='fe80::1' prefix='64'/>"
                + "<filterref filter='f'/></interface></devices>")).contains("""
                    <interface type='hostdev' managed='yes'>
                      <mac address='52:54:00:00:00:01'/>
                      <driver name='vfio'/>
                      <source>
                        <address type='pci' domain='0x0000' bus='0x03' slot='0x07' function='0x1'/>
                      </source>
                    </interface>
                    <interface type='user'>
                      <mac address='52:54:00:00:00:02'/>
                      <ip address='fe80::1' family='ipv6' prefix='64'/>
                    </interface>
                """);
    }

    @Test
    void disksHostdevsAndBackingChains() {
        assertThat(dump("<devices><disk type='network' device='cdrom'><source protocol='iscsi' name='iqn.x'>"
                + "<host name='h'/></source><target dev='hdc' tray='closed'/></disk>"
                + "<disk type='volume' device='cdrom'><target dev='hdd'/></disk>"
                + "<disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/>"
                + "<mirror file='/m' ready='yes'/><backingStore type='file' index='3'><format type='qcow2'/>"
                + "<source file='/b'/><backingStore/></backingStore></disk>"
                + "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/>"
                + "<address bus='0' target='0' unit='0'/></source></hostdev></devices>")).contains("""
                    <disk type='network' device='cdrom'>
                      <source protocol='iscsi' name='iqn.x/0'>
                        <host name='h' port='3260'/>
                      </source>
                      <target dev='hdc' bus='ide'/>
                      <readonly/>
                      <address type='drive' controller='0' bus='1' target='0' unit='0'/>
                    </disk>
                    <disk type='file' device='cdrom'>
                      <target dev='hdd' bus='ide'/>
                      <readonly/>
                      <address type='drive' controller='0' bus='1' target='0' unit='1'/>
                    </disk>
                    <disk type='file' device='disk'>
                      <source file='/a'/>
                      <backingStore type='file'>
                        <format type='qcow2'/>
                        <source file='/b'/>
                        <backingStore/>
                      </backingStore>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <controller type='scsi' index='0'/>
                    <controller type='ide' index='0'/>
                    <hostdev mode='subsystem' type='scsi' managed='no'>
                      <source>
                        <adapter name='scsi_host0'/>
                        <address bus='0' target='0' unit='0'/>
                      </source>
                      <address type='drive' controller='0' bus='0' target='0' unit='0'/>
                    </hostdev>
                """);
    }

    @Test
    void devicesTheModelKeepsAsElements() {
        assertThat(dump("<devices><controller type='usb' index='0'/><filesystem><source dir='/s'/><target dir='t'/>"
                + "</filesystem><rng model='virtio'><backend model='random'/></rng><shmem name='m'>"
                + "<size unit='G'>2</size></shmem><redirdev bus='usb' type='tcp'><address type='usb' bus='0' port='1'/>"
                + "<boot order='1'/><source host='h' service='2'/></redirdev><panic/></devices>")).contains("""
                  <devices>
                    <controller type='usb' index='0'/>
                    <filesystem type='mount' accessmode='passthrough'>
                      <source dir='/s'/>
                      <target dir='t'/>
                    </filesystem>
                    <redirdev bus='usb' type='tcp'>
                      <source mode='connect' host='h' service='2'/>
                      <protocol type='raw'/>
                      <boot order='1'/>
                      <address type='usb' bus='0' port='1'/>
                    </redirdev>
                    <rng model='virtio'>
                      <backend model='random'>/dev/random</backend>
                    </rng>
                    <shmem name='m'>
                      <model type='ivshmem'/>
                      <size unit='M'>2048</size>
                    </shmem>
                  </devices>
                """);
    }

    @Test
    void securityLabelsAndFeatures() {
        String xml = dump("<features><hyperv><relaxed state='on'/></hyperv><smm><tseg unit='KiB'>2048</tseg></smm>"
                + "</features><devices><disk type='file'><source file='/a'><seclabel model='selinux' labelskip='yes'/>"
                + "<seclabel model='dac' relabel='no'/></source><target dev='hda'/></disk></devices>"
                + "<seclabel type='static' model='selinux' relabel='yes'><label>l</label><imagelabel>i</imagelabel>"
                + "</seclabel><seclabel type='dynamic' model='dac'/>");
        assertThat(xml).contains("""
                  <features>
                    <hyperv mode='custom'>
                      <relaxed state='on'/>
                    </hyperv>
                    <smm state='on'>
                      <tseg unit='MiB'>2</tseg>
                    </smm>
                  </features>
                """, """
                      <source file='/a'>
                        <seclabel model='dac' relabel='no'/>
                      </source>
                """, """
                  <seclabel type='static' model='selinux' relabel='yes'>
                    <label>l</label>
                  </seclabel>
                  <seclabel type='dynamic' model='dac' relabel='yes'/>
                """);
    }

    @Test
    void metadataKeepsTheFirstElementOfEachNamespaceAndForeignElementsGo() {
        String xml = dump("<metadata><a:x xmlns:a='urn:a'/><b xmlns='urn:b'/><plain/><a2:y xmlns:a2='urn:a'/>"
                + "</metadata><commandline xmlns='http://libvirt.org/schemas/domain/qemu/1.0'><arg value='-x'/>"
                + "</commandline>");
        assertThat(xml).contains("""
                  <metadata>
                    <a:x xmlns:a='urn:a'/>
                    <b xmlns='urn:b'/>
                  </metadata>
                """).doesNotContain("commandline", "plain", "a2:y");
    }

    @Test
    void addressNumbersAboveIntMaxComeBackNegativeAsFromLibvirtAndImplyNoController() {
        assertThat(dump("<devices><disk type='file' device='disk'><source file='/a'/><target dev='hda' bus='ide'/>"
                + "<address type='drive' controller='4294967295' bus='0' target='0' unit='0'/></disk></devices>"))
                .contains("<address type='drive' controller='-1' bus='0' target='0' unit='0'/>")
                .doesNotContain("<controller");
    }

    @Test
    void anEmptySizeIsNoSize() {
        assertThat(dump("<features><smm state='on'><tseg unit='MiB'></tseg></smm></features>"
                + "<devices><shmem name='s'><size unit='K'></size></shmem></devices>"))
                .contains("    <smm state='on'/>\n", """
                    <shmem name='s'>
                      <model type='ivshmem'/>
                    </shmem>
                """);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            backing store without format | <devices><disk type='file'><source file='/a'/><backingStore type='file'><source file='/b'/></backingStore><target dev='vda'/></disk></devices> | XML_ERROR | XML error: missing disk backing store format
            backing store without source | <devices><disk type='file'><source file='/a'/><backingStore type='file'><format type='raw'/></backingStore><target dev='vda'/></disk></devices> | XML_ERROR | XML error: missing disk backing store source
            boot menu timeout | <os><type arch='x86_64'>hvm</type><bootmenu enable='yes' timeout='70000'/></os> | CONFIG_UNSUPPORTED | unsupported configuration: invalid value for boot menu timeout, must be in range [0,65535]
            boot menu timeout in hex | <os><type arch='x86_64'>hvm</type><bootmenu enable='yes' timeout='0x10'/></os> | XML_ERROR | XML error: Invalid value for attribute 'timeout' in element 'bootmenu': '0x10'. Expected non-negative integer value
            boot menu timeout a word | <os><type arch='x86_64'>hvm</type><bootmenu enable='yes' timeout='abc'/></os> | XML_ERROR | XML error: Invalid value for attribute 'timeout' in element 'bootmenu': 'abc'. Expected non-negative integer value
            character source mode | <devices><serial type='tcp'><source mode='listen' host='a' service='1'/></serial></devices> | XML_ERROR | XML error: Invalid value for attribute 'mode' in element 'source': 'listen'.
            TCP protocol | <devices><serial type='tcp'><source mode='bind' host='a' service='1'/><protocol type='ssh'/></serial></devices> | CONFIG_UNSUPPORTED | unsupported configuration: Unknown protocol 'ssh'
            label without relabelling | <devices><disk type='file'><source file='/a'><seclabel model='selinux' relabel='no'><label>x</label></seclabel></source><target dev='hda'/></disk></devices> | XML_ERROR | XML error: Cannot specify a label if relabelling is turned off. model=selinux
            virtio queues | <devices><interface type='user'><model type='virtio'/><driver queues='abc'/></interface></devices> | XML_ERROR | XML error: Invalid value for attribute 'queues' in element 'driver': 'abc'. Expected non-negative integer value
            PCI target index | <devices><controller type='pci' index='1' model='pci-expander-bus'><target index='31'/></controller></devices> | CONFIG_UNSUPPORTED | unsupported configuration: PCI controller target index '31' out of range - must be 0-30
            disk over a SCSI hostdev | <devices><disk type='file'><source file='/a'/><target dev='sda' bus='scsi'/></disk><hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source><address type='drive' controller='0' bus='0' target='0' unit='0'/></hostdev></devices> | CONFIG_UNSUPPORTED | unsupported configuration: using disk target name 'sda' conflicts with SCSI host device address controller='0' bus='0' target='0' unit='0
            duplicate seclabel model | <seclabel type='dynamic' model='selinux'/><seclabel type='dynamic' model='selinux'/> | XML_DETAIL | seclabel for model selinux is already provided
            dynamic without relabel | <seclabel type='dynamic' model='selinux' relabel='no'/> | CONFIG_UNSUPPORTED | unsupported configuration: dynamic label type must use resource relabeling
            none with relabel | <seclabel type='none' model='selinux' relabel='yes'/> | CONFIG_UNSUPPORTED | unsupported configuration: resource relabeling is not compatible with 'none' label type
            relabel not yes or no | <seclabel type='dynamic' model='selinux' relabel='maybe'/> | XML_ERROR | XML error: Invalid value for attribute 'relabel' in element 'seclabel': 'maybe'.
            static without label | <seclabel type='static' model='selinux'/> | XML_ERROR | XML error: security label is missing
            seclabel type | <seclabel type='weird' model='selinux'/> | XML_ERROR | XML error: Invalid value for attribute 'type' in element 'seclabel': 'weird'.
            shared memory size not a number | <devices><shmem name='s'><size unit='K'>abc</size></shmem></devices> | XML_ERROR | XML error: Invalid value 'abc' for element or attribute './size[1]'
            shared memory size overflowing | <devices><shmem name='s'><size unit='E'>99999</size></shmem></devices> | OVERFLOW | numerical overflow: value too large: 99999E
            TSEG negative | <features><smm state='on'><tseg unit='MiB'>-4</tseg></smm></features> | XML_ERROR | XML error: Invalid value '-4' for element or attribute 'string(./features/smm/tseg)'
            TSEG unit | <features><smm state='on'><tseg unit='parsec'>4</tseg></smm></features> | INVALID_ARG | invalid argument: unknown suffix 'parsec'
            USB companion alone | <devices><controller type='usb' index='0' model='ich9-uhci1'/></devices> | XML_DETAIL | No master USB controller specified
            disk cache word | <devices><disk type='file'><driver name='qemu' cache='bogus'/><source file='/a'/><target dev='hda'/></disk></devices> | XML_ERROR | XML error: Invalid value for attribute 'cache' in element 'driver': 'bogus'.
            input bus | <devices><input type='mouse' bus='bogus'/></devices> | CONFIG_UNSUPPORTED | unsupported configuration: unknown input bus type 'bogus'
            boot order not a number | <devices><disk type='file'><source file='/a'/><target dev='hda'/><boot order='x'/></disk></devices> | XML_ERROR | XML error: Invalid value for attribute 'order' in element 'boot': 'x'. Expected non-negative integer value
            interface address | <devices><interface type='user'><ip address='10.0.0.300'/></interface></devices> | XML_ERROR | XML error: Invalid address '10.0.0.300' in <ip>
            guestfwd over IPv6 | <devices><channel type='pty'><target type='guestfwd' address='fe80::1' port='4600'/></channel></devices> | CONFIG_UNSUPPORTED | unsupported configuration: guestfwd channel only supports IPv4 addresses
            guestfwd to a name | <devices><channel type='pty'><target type='guestfwd' address='bogus' port='4600'/></channel></devices> | SYSTEM_ERROR | Cannot parse socket address 'bogus': Name or service not known
            """)
    void badInputIsRefusedInLibvirtsWords(String what, String inside, ErrorCode code, String message) {
        VirtException e = refusal(inside);
        assertThat(e.code()).as(what).isEqualTo(code);
        assertThat(e.getMessage()).as(what).isEqualTo(message);
    }
}
