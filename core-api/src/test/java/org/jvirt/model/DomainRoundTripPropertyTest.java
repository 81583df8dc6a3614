package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/**
 * Any definition the builder accepts formats to XML that parses back to an equal definition, and
 * random domain text gives a definition or a VirtException. Inputs come from a seeded generator.
 */
class DomainRoundTripPropertyTest {
    private static final String TEXT_CHARS = "ab<>&'\" \t\nz/\u00e9-";
    private static final List<String> SOUP = List.of("<name>n</name>", "<memory>1</memory>",
            "<memory unit='G'>2</memory>", "<vcpu>2</vcpu>", "<vcpu current='3'>2</vcpu>", "<uuid>x</uuid>",
            "<os><type>hvm</type></os>", "<devices>", "</devices>", "<disk>", "</disk>", "<target dev='hda'/>",
            "<interface type='user'>", "</interface>", "<mac address='0:1:2:3:4:5'/>", "<serial/>",
            "<graphics type='vnc' port='1'/>", "<tpm/>", "<features><acpi/></features>",
            "<clock offset='utc'><timer/></clock>", "<on_crash>x</on_crash>", "<cpu/>", "<address type='pci'/>",
            "<source file='f'/>", "<x y='1'>", "</x>", "text");

    private final Random random = new Random(4242L);

    @Test
    void builtDefinitionsSurviveFormatAndParse() {
        for (int i = 0; i < 500; i++) {
            DomainDefinition d = definition();
            String xml = DomainXml.format(d, 3, true);
            DomainDefinition read = DomainXml.parse(xml);
            // The parser puts disks in libvirt's order (DeviceOrder); nothing else moves.
            assertThat(inDeviceOrder(read)).as("definition #%d:%n%s", i, xml).isEqualTo(inDeviceOrder(d));
            assertThat(DomainXml.parse(DomainXml.format(read, 3, true))).as("read again").isEqualTo(read);
        }
    }

    /** {@code d} with its devices in one order whatever order they came in, to compare definitions up to it. */
    static DomainDefinition inDeviceOrder(DomainDefinition d) {
        List<Device> devices = new java.util.ArrayList<>(d.devices());
        devices.sort(java.util.Comparator.comparing(Object::toString));
        return d.toBuilder().devices(devices).build();
    }

    @Test
    void randomDomainTextGivesADefinitionOrAVirtException() {
        for (int i = 0; i < 1000; i++) {
            StringBuilder xml = new StringBuilder("<domain type='test'>");
            int pieces = random.nextInt(13);
            for (int p = 0; p < pieces; p++) {
                xml.append(SOUP.get(random.nextInt(SOUP.size())));
            }
            xml.append("</domain>");
            try {
                DomainDefinition d = DomainXml.parse(xml.toString());
                assertThat(DomainXml.parse(DomainXml.format(d, -1, true))).as(xml.toString()).isEqualTo(d);
            } catch (VirtException e) {
                assertThat(e.code()).as(xml.toString()).isIn(ErrorCode.XML_ERROR, ErrorCode.NO_NAME, ErrorCode.NO_TARGET);
            }
        }
    }

    private String text() {
        int length = 1 + random.nextInt(12);
        StringBuilder s = new StringBuilder();
        while (s.toString().isBlank()) {
            s.setLength(0);
            for (int i = 0; i < length; i++) {
                s.append(TEXT_CHARS.charAt(random.nextInt(TEXT_CHARS.length())));
            }
        }
        return s.toString();
    }

    private String textOrNull(double nullChance) {
        return random.nextDouble() < nullChance ? null : text();
    }

    private DomainDefinition definition() {
        String name = text().replace('/', '_');
        long mem = (long) (random.nextDouble() * (1L << 40));
        int cpus = 1 + random.nextInt(64);
        List<Device> devices = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            devices.add(device());
        }
        return DomainDefinition.builder()
                .type("test").name(name).uuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)))
                .title(textOrNull(0.5)).memoryKiB(mem).currentMemoryKiB(mem / 2).vcpus(cpus)
                .currentVcpus(Math.max(1, cpus / 2))
                .os(DomainOs.builder("hvm").arch("x86_64").cmdline(textOrNull(0.3)).boot("hd", "cdrom").build())
                .feature("pae").feature("acpi")
                .devices(devices)
                .build();
    }

    private Device device() {
        switch (random.nextInt(5)) {
            case 0: {
                String src = text();
                return DiskDevice.builder().type(List.of("file", "block", "dir").get(random.nextInt(3))).source(src)
                        .target("vd" + text(), null).readOnly(random.nextBoolean()).serial(src)
                        .address(DeviceAddress.pci(0, 1, 2, 3)).build();
            }
            case 1: {
                String s = text();
                return InterfaceDevice.builder().type("bridge").sourceBridge(s)
                        .mac("52:54:00:00:00:" + Integer.toHexString(random.nextInt(256))).model(s).build();
            }
            case 2:
                return CharDevice.builder("serial").type("file").source(CharSource.path(text()))
                        .target(null, random.nextInt(4)).build();
            case 3: {
                int port = -1 + random.nextInt(65537);
                return GraphicsDevice.builder("vnc").port(port).autoport(port < 0).passwd(text()).build();
            }
            default:
                return List.<Device>of(InputDevice.of("mouse", "ps2"), SoundDevice.of("sb16"),
                        MemballoonDevice.of("virtio", null)).get(random.nextInt(3));
        }
    }
}
