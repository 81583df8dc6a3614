package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

class DomainXmlParseTest {

    static String domain(String inside) {
        return "<domain type='test'><name>d</name>" + inside + "</domain>";
    }

    static String withMemory(String memoryElement) {
        return domain(memoryElement);
    }

    @ParameterizedTest(name = "{0} {1} = {2} KiB")
    @CsvSource({
            "'', 1024, 1024",
            "b, 1048576, 1024",
            "bytes, 1048577, 1025",
            "byte, 1, 1",
            "KB, 1024, 1000",
            "k, 3, 3",
            "KiB, 8388608, 8388608",
            "MB, 1, 977",
            "M, 2, 2048",
            "MiB, 512, 524288",
            "GB, 1, 976563",
            "G, 1, 1048576",
            "GiB, 8, 8388608",
            "TB, 1, 976562500",
            "T, 1, 1073741824",
            "TiB, 1, 1073741824",
            "gib, 1, 1048576",
            "PiB, 1, 1099511627776",
    })
    void memoryUnitsAsLibvirt(String unit, String value, long expectedKiB) {
        String attribute = unit.isEmpty() ? "" : " unit='" + unit + "'";

        DomainDefinition d = DomainXml.parse(withMemory("<memory" + attribute + ">" + value + "</memory>"));

        assertThat(d.memoryKiB()).isEqualTo(expectedKiB);
        assertThat(d.currentMemoryKiB()).as("currentMemory defaults to memory").isEqualTo(expectedKiB);
    }

    @Test
    void libvirt04UnitlessMemoryAndCurrentMemory() {
        DomainDefinition d = DomainXml.parse(domain(
                "<memory>261072</memory><currentMemory>131072</currentMemory>"));

        assertThat(d.memoryKiB()).isEqualTo(261072);
        assertThat(d.currentMemoryKiB()).isEqualTo(131072);
    }

    @Test
    void currentMemoryLargerThanMemoryIsClampedAsLibvirtDoes() {
        DomainDefinition d = DomainXml.parse(domain(
                "<memory unit='MiB'>1</memory><currentMemory unit='GiB'>1</currentMemory>"));

        assertThat(d.currentMemoryKiB()).isEqualTo(1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parsecs", "KiBB", "Q"})
    void anUnknownUnitIsRefusedInLibvirtsWords(String unit) {
        VirtException e = domainError(withMemory("<memory unit='" + unit + "'>1</memory>"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(e.getMessage()).isEqualTo("invalid argument: unknown suffix '" + unit + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<memory>-1</memory>",
            "<memory unit='KiB'>-8388608</memory>",
            "<memory>12abc</memory>",
            "<memory></memory>",
            "<memory>1.5</memory>",
            "<memory>+5</memory>",
            "<memory unit='TiB'>99999999999999</memory>",
            "<memory unit='EiB'>8</memory>",
            "<memory>99999999999999999999</memory>",
            "<memory>9223372036854775807</memory>",
            "<memory>1</memory><currentMemory>-1</currentMemory>",
    })
    void rejectsBadMemoryNamingTheElement(String memory) {
        VirtException e = domainError(withMemory(memory));

        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).containsAnyOf("<domain/memory>", "<domain/currentMemory>");
    }

    @Test
    void overflowMessageSaysTooLarge() {
        VirtException e = domainError(withMemory("<memory unit='TiB'>99999999999999</memory>"));

        assertThat(e.getMessage()).contains("<domain/memory>").contains("too large");
    }

    @Test
    void missingMemoryIsLeftToPostParseWhichRefusesItWithoutNumaCells() {
        assertThat(DomainXml.parse(domain("")).memoryKiB()).as("read as not given").isZero();
        VirtException e = catchThrowableOfType(VirtException.class,
                () -> PostParse.apply(DomainXml.parse(domain("")), DomainRules.GENERIC));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage())
                .isEqualTo("XML error: Memory size must be specified via <memory> or in the <numa> configuration");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "6695eb01-f6a4-8304-79aa-97f2502e193f",
            "6695eb01f6a4830479aa97f2502e193f",
            "6695EB01F6A4830479AA97F2502E193F",
            "  6695eb01-f6a4-8304-79aa-97f2502e193f\n",
            "66-95-eb-01-f6-a4-83-04-79-aa-97-f2-50-2e-19-3f",
    })
    void uuidsInEveryFormLibvirtAccepts(String uuid) {
        DomainDefinition d = DomainXml.parse(domain("<uuid>" + uuid + "</uuid><memory>1</memory>"));

        assertThat(d.uuid()).isEqualTo(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "6695eb01-f6a4-8304-79aa-97f2502e193", "6695eb01-f6a4-8304-79aa-97f2502e193f0",
            "6695eb0-1f6a4-8304-79aa-97f2502e193f", "g695eb01-f6a4-8304-79aa-97f2502e193f", "\u0966695eb01f6a4830479aa97f2502e193f"})
    void rejectsBadUuids(String uuid) {
        VirtException e = domainError(domain("<uuid>" + uuid + "</uuid><memory>1</memory>"));

        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).contains("uuid");
    }

    @Test
    void missingUuidIsNull() {
        assertThat(DomainXml.parse(domain("<memory>1</memory>")).uuid()).isNull();
    }

    @Test
    void missingNameIsNoName() {
        VirtException e = domainError("<domain type='test'><memory>1</memory></domain>");

        assertThat(e.code()).isEqualTo(ErrorCode.NO_NAME);
        assertThat(e.getMessage()).contains("name");
        assertThat(domainError("<domain type='test'><name></name><memory>1</memory></domain>").code())
                .isEqualTo(ErrorCode.NO_NAME);
    }

    @Test
    void nameWithSlashIsRefused() {
        assertThat(domainError("<domain type='test'><name>a/b</name><memory>1</memory></domain>").getMessage())
                .contains("'/'");
    }

    @Test
    void missingTypeIsRefused() {
        assertThat(domainError("<domain><name>d</name><memory>1</memory></domain>").getMessage())
                .contains("type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<network><name>n</name></network>", "<node/>", "<Domain type='test'/>"})
    void nonDomainRootIsRefused(String xml) {
        VirtException e = domainError(xml);

        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).contains("expecting root element of 'domain', not '");
    }

    @Test
    void malformedDomainIsXmlErrorWithPosition() {
        VirtException e = catchThrowableOfType(VirtException.class,
                () -> DomainXml.parse("<domain type='test'>\n<name>x</name>\n<memory>1</memory\n</domain>"));

        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.domain()).isEqualTo(ErrorDomain.XML);
        assertThat(e.getMessage()).startsWith("XML error: line 4, column ");
    }

    @Test
    void vcpuCountsAndPlacement() {
        DomainDefinition d = DomainXml.parse(domain(
                "<memory>1</memory><vcpu placement='auto' cpuset='1-3' current='2'>4</vcpu>"));

        assertThat(d.vcpus()).isEqualTo(4);
        assertThat(d.currentVcpus()).isEqualTo(2);
        assertThat(d.vcpuPlacement()).isEqualTo("auto");
        assertThat(d.cpuset()).isEqualTo("1-3");
        assertThat(DomainXml.parse(domain("<memory>1</memory>")).vcpus()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<vcpu>0</vcpu>", "<vcpu>-1</vcpu>", "<vcpu>two</vcpu>", "<vcpu current='5'>4</vcpu>",
            "<vcpu current='0'>4</vcpu>", "<vcpu>99999999999</vcpu>"})
    void rejectsBadVcpus(String vcpu) {
        assertThat(domainError(domain("<memory>1</memory>" + vcpu)).code()).isEqualTo(ErrorCode.XML_ERROR);
    }

    @Test
    void lifecycleDefaultsAndValidation() {
        DomainDefinition d = DomainXml.parse(domain("<memory>1</memory><on_crash> restart </on_crash>"));

        assertThat(d.onPoweroff()).isEqualTo("destroy");
        assertThat(d.onReboot()).isEqualTo("restart");
        assertThat(d.onCrash()).isEqualTo("restart");
        assertThat(domainError(domain("<memory>1</memory><on_reboot>explode</on_reboot>")).getMessage())
                .contains("on_reboot");
    }

    @Test
    void diskWithoutTargetIsNoTarget() {
        VirtException e = domainError(domain(
                "<memory>1</memory><devices><disk type='file'><source file='/x'/></disk></devices>"));

        assertThat(e.code()).isEqualTo(ErrorCode.NO_TARGET);
        assertThat(e.getMessage()).contains("/x");
    }

    @Test
    void badMacAndPortAreXmlErrors() {
        assertThat(domainError(domain("<memory>1</memory><devices><interface type='user'>"
                + "<mac address='zz:00:00:00:00:00'/></interface></devices>")).getMessage()).contains("mac address");
        assertThat(domainError(domain("<memory>1</memory><devices><graphics type='vnc' port='x'/></devices>"))
                .getMessage()).contains("port");
        // libvirt reads autoport='yes' and 'no' and passes over any other word.
        assertThat(DomainXml.parse(domain("<memory>1</memory><devices><graphics type='vnc' autoport='maybe'/>"
                + "</devices>")).devices(GraphicsDevice.class).get(0).autoport()).isNull();
        assertThat(domainError(domain("<memory>1</memory><devices><graphics/></devices>")).getMessage())
                .contains("graphics");
    }

    @Test
    void libvirt04Defaults() {
        DomainDefinition d = DomainXml.parse("""
                <domain type='xen' id='3'>
                  <name>fc4</name>
                  <uuid>EF86180145B911CB88E3AFBFE5370493</uuid>
                  <memory>261072</memory>
                  <devices>
                    <disk><source file='/u/fc4.img'/><target dev='sda1'/></disk>
                    <disk device='floppy'><source file='/f.img'/><target dev='fda'/></disk>
                    <disk type='block' device='cdrom'><target dev='xvdc'/><readonly/></disk>
                    <interface type='bridge'><mac address='AA:0:0:0:0:11'/></interface>
                    <console tty='/dev/pts/5'/>
                  </devices>
                </domain>
                """);

        assertThat(d.devices(DiskDevice.class)).extracting(DiskDevice::type, DiskDevice::device,
                DiskDevice::targetBus, DiskDevice::source).containsExactly(
                tuple("file", "disk", "scsi", "/u/fc4.img"),
                tuple("file", "floppy", "fdc", "/f.img"),
                tuple("block", "cdrom", "xen", null));
        assertThat(d.devices(InterfaceDevice.class).get(0).mac()).isEqualTo("aa:00:00:00:00:11");
        CharDevice console = d.devices(CharDevice.class).get(0);
        assertThat(console.type()).isEqualTo("pty");
        assertThat(console.tty()).isEqualTo("/dev/pts/5");
        assertThat(d.os()).isNull();
        assertThat(d.clock()).isEqualTo(DomainClock.UTC);
        assertThat(d.unmodelled()).isEmpty();
    }

    @Test
    void devicesAreKeptInLibvirtOrder() {
        DomainDefinition d = DomainXml.parse(domain("<memory>1</memory><devices>"
                + "<graphics type='vnc'/><interface type='user'/><video/><disk><target dev='hda'/></disk>"
                + "<mystery/><emulator>/bin/qemu</emulator><controller type='ide'/></devices>"));

        assertThat(d.devices()).extracting(Device::elementName)
                .containsExactly("disk", "controller", "interface", "graphics", "video", "mystery");
        assertThat(d.emulator()).isEqualTo("/bin/qemu");
    }

    @Test
    void parseDeviceForAttachAndDetach() {
        Device disk = DomainXml.parseDevice("<disk type='file' device='disk'><source file='/a.img'/>"
                + "<target dev='vdb' bus='virtio'/></disk>");
        Device nic = DomainXml.parseDevice("<interface type='network'><mac address='52:54:00:AB:CD:EF'/>"
                + "<source network='default'/></interface>");
        Device tpm = DomainXml.parseDevice("<tpm model='tpm-tis'/>");

        assertThat(disk).isInstanceOfSatisfying(DiskDevice.class, x -> assertThat(x.targetDev()).isEqualTo("vdb"));
        assertThat(nic).isInstanceOfSatisfying(InterfaceDevice.class,
                x -> assertThat(x.mac()).isEqualTo("52:54:00:ab:cd:ef"));
        assertThat(tpm).isInstanceOf(UnknownDevice.class);
        assertThat(DomainXml.formatDevice(tpm)).isEqualTo("<tpm model='tpm-tis'/>\n");
        assertThat(DomainXml.parseDevice(DomainXml.formatDevice(nic))).isEqualTo(nic);
        assertThatThrownBy(() -> DomainXml.parseDevice("<disk><source file='/a'/></disk>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_TARGET));
        assertThatThrownBy(() -> DomainXml.parseDevice("<disk"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
    }

    @Test
    void everyTruncationOfTheTestDomainFailsCleanly() {
        String xml = DomainXmlFormatTest.VIRSH_DUMPXML_TEST.strip();
        for (int cut = 0; cut < xml.length(); cut += 7) {
            String truncated = xml.substring(0, cut);
            try {
                DomainXml.parse(truncated);
                throw new AssertionError("a truncated document parsed: cut at " + cut);
            } catch (VirtException e) {
                assertThat(e.code()).as("cut at %d", cut).isIn(ErrorCode.XML_ERROR);
            }
        }
    }

    static VirtException domainError(String xml) {
        VirtException e = catchThrowableOfType(VirtException.class, () -> DomainXml.parse(xml));
        assertThat(e).as("expected an error for %s", xml).isNotNull();
        return e;
    }

    @Test
    void aDocumentThatIsNoDeviceIsRefused() {
        for (String xml : new String[] {"<bogus/>", "<network><name>n</name></network>", "<domain/>"}) {
            assertThatThrownBy(() -> DomainXml.parseDevice(xml)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                assertThat(e.getMessage()).startsWith("XML error: unknown device type '");
            });
        }
        assertThat(DomainXml.parseDevice("<watchdog model='i6300esb'/>")).isInstanceOf(UnknownDevice.class);
    }
}
