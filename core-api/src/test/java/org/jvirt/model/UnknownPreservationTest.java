package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/** Nothing a user wrote is silently dropped: what the model does not know comes back on format. */
class UnknownPreservationTest {

    static final String WITH_UNKNOWNS = """
            <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
              <name>keep</name>
              <qemu:commandline>
                <qemu:arg value='-S'/>
              </qemu:commandline>
              <memory unit='MiB' dumpCore='off'>256</memory>
              <cpu mode='host-model'/>
              <os firmware='efi'>
                <type arch='x86_64' machine='q35'>hvm</type>
                <nvram>/var/lib/nvram.fd</nvram>
                <boot dev='hd' extra='1'/>
              </os>
              <iothreads>2</iothreads>
              <devices>
                <disk type='file' device='disk' foo='bar'>
                  <source file='/a.img' startupPolicy='optional'/>
                  <target dev='vda' bus='virtio'/>
                  <iotune>
                    <total_bytes_sec>1000</total_bytes_sec>
                  </iotune>
                  <boot order='1'/>
                </disk>
                <tpm model='tpm-tis'>
                  <backend type='emulator' version='2.0'/>
                </tpm>
                <serial type='udp'>
                  <source mode='bind' host='localhost' service='9999' sndbuf='raw'/>
                  <source mode='connect' host='localhost' service='9998'/>
                  <target port='0'/>
                </serial>
              </devices>
            </domain>
            """;

    /** libvirt's order for the known parts, each unknown where libvirt writes elements of its name. */
    static final String FORMATTED = """
            <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
              <name>keep</name>
              <memory unit='KiB' dumpCore='off'>262144</memory>
              <currentMemory unit='KiB'>262144</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <iothreads>2</iothreads>
              <os firmware='efi'>
                <type arch='x86_64' machine='q35'>hvm</type>
                <nvram>/var/lib/nvram.fd</nvram>
                <boot dev='hd' extra='1'/>
              </os>
              <cpu mode='host-model'/>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk' foo='bar'>
                  <source file='/a.img' startupPolicy='optional'/>
                  <target dev='vda' bus='virtio'/>
                  <iotune>
                    <total_bytes_sec>1000</total_bytes_sec>
                  </iotune>
                  <boot order='1'/>
                </disk>
                <serial type='udp'>
                  <source mode='bind' host='localhost' service='9999' sndbuf='raw'/>
                  <source mode='connect' host='localhost' service='9998'/>
                  <target port='0'/>
                </serial>
                <tpm model='tpm-tis'>
                  <backend type='emulator' version='2.0'/>
                </tpm>
              </devices>
              <qemu:commandline>
                <qemu:arg value='-S'/>
              </qemu:commandline>
            </domain>
            """;

    @Test
    void unknownElementsAndAttributesComeBackOnFormat() {
        DomainDefinition d = DomainXml.parse(WITH_UNKNOWNS);

        String xml = DomainXml.format(d, -1, true);

        assertThat(xml).isEqualTo(FORMATTED);
        assertThat(DomainXml.parse(xml)).isEqualTo(d);
    }

    @Test
    void unmodelledNamesEveryUnknownItem() {
        DomainDefinition d = DomainXml.parse(WITH_UNKNOWNS);

        assertThat(d.unmodelled()).containsExactlyInAnyOrder(
                "@xmlns:qemu", "memory/@dumpCore", "qemu:commandline", "cpu", "iothreads",
                "os/@firmware", "os/boot[1]/@extra", "os/nvram",
                "devices/disk/@foo", "devices/disk/source/@startupPolicy", "devices/disk/iotune",
                "devices/disk/boot", "devices/tpm", "devices/serial/source[1]/@sndbuf");
    }

    @Test
    void requireModelledRefusesNamingDomainAndItems() {
        DomainDefinition d = DomainXml.parse(WITH_UNKNOWNS);

        VirtException e = catchThrowableOfType(VirtException.class, () -> d.requireModelled("qemu", "start"));

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
        assertThat(e.domain()).isEqualTo(ErrorDomain.DOMAIN);
        assertThat(e.driver()).isEqualTo("qemu");
        assertThat(e.object()).isEqualTo("keep");
        assertThat(e.getMessage()).contains("'keep'").contains("start").contains("devices/tpm").contains("cpu")
                .contains("devices/disk/@foo");
    }

    @Test
    void fullyModelledDomainPassesRequireModelled() {
        DomainXmlFormatTest.testDomain().requireModelled("test", "start");
        assertThat(DomainXmlFormatTest.testDomain().unmodelled()).isEmpty();
    }

    @Test
    void duplicateKnownElementsAreKeptNotDropped() {
        DomainDefinition d = DomainXml.parse("<domain type='test'><name>a</name><name>b</name>"
                + "<memory>1</memory><memory>2</memory></domain>");

        assertThat(d.name()).isEqualTo("a");
        assertThat(d.unmodelled()).containsExactly("name", "memory");
        assertThat(DomainXml.format(d, -1, false)).contains("<name>a</name>\n  <name>b</name>\n")
                .contains("<memory unit='KiB'>1</memory>\n  <memory>2</memory>\n");
    }

    @Test
    void unknownsSurviveToBuilder() {
        DomainDefinition d = DomainXml.parse(WITH_UNKNOWNS);

        DomainDefinition renamed = d.toBuilder().name("other").build();

        assertThat(renamed.unmodelled()).isEqualTo(d.unmodelled());
        assertThat(DomainXml.format(renamed, -1, true)).isEqualTo(FORMATTED.replace("<name>keep</name>", "<name>other</name>"));
    }
}
