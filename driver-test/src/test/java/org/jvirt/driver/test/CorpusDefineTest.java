package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.DomainXml;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Defining any domain of libvirt's corpus into {@code test:///default} keeps everything it says:
 * each document (xen, kvm or test; libvirt 0.4's dialect or 9's) is defined, read back with
 * {@code xmlDesc(INACTIVE)}, and every setting and device must have survived. The only
 * differences allowed are the post-parse defaults the test driver documents (see
 * {@link TestDefaults}): a UUID when the document has none, the guests' arch, {@code hd} boot for
 * hvm guests without a kernel. Clock and lifecycle actions have their libvirt defaults in the
 * model already (the parser fills them), so they must match exactly. Each domain is undefined
 * afterwards, leaving the node as it was.
 */
class CorpusDefineTest {
    private static final LibvirtCorpus.Tally TALLY =
            new LibvirtCorpus.Tally("defined into test:///default and read back unchanged");

    @TestFactory
    Stream<DynamicTest> everyCorpusDomainSurvivesDefine() {
        Path root = LibvirtCorpus.root("define fidelity");
        List<Path> files = LibvirtCorpus.domainFiles(root);
        assertThat(files).as("corpus domain files").hasSizeGreaterThan(90);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String folder = LibvirtCorpus.folder(root, file);
            tests.add(DynamicTest.dynamicTest(LibvirtCorpus.relative(root, file), () -> {
                TALLY.tried(folder);
                defineAndCompare(LibvirtCorpus.read(file));
                TALLY.passed(folder);
            }));
        }
        for (String nodeFile : LibvirtCorpus.NODE_FILES) {
            List<XmlElement> domains = LibvirtCorpus.inline(root.resolve(nodeFile), "domain");
            for (int i = 0; i < domains.size(); i++) {
                // As written, <test:runstate> included: it is kept like any other unknown element.
                String xml = new XmlWriter().element(domains.get(i)).toString();
                String folder = nodeFile + " inline domains";
                tests.add(DynamicTest.dynamicTest(nodeFile + " (inline domain " + (i + 1) + ")", () -> {
                    TALLY.tried(folder);
                    defineAndCompare(xml);
                    TALLY.passed(folder);
                }));
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void printCounts() {
        TALLY.print("CorpusDefineTest");
    }

    private static void defineAndCompare(String xml) {
        try (Connection conn = Jvirt.open("test:///default")) {
            DomainDefinition written = avoidingClashes(conn, DomainXml.parse(xml));
            String toDefine = written.equals(DomainXml.parse(xml)) ? xml : DomainXml.format(written, -1, true);
            Domain defined = conn.defineDomain(toDefine);
            try {
                DomainDefinition readBack = DomainXml.parse(defined.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE));
                DomainDefinition expected = withTestDriverDefaults(written, readBack);
                assertSameFieldByField(expected, readBack);
                assertThat(readBack).as("the whole definition").isEqualTo(expected);
                // Without SECURE, only the secrets are left out.
                assertThat(DomainXml.parse(defined.xmlDesc(XmlFlag.INACTIVE))).as("without SECURE")
                        .isEqualTo(withoutSecrets(expected));
            } finally {
                defined.undefine();
            }
        }
    }

    /**
     * The document itself, unless its name or UUID is taken by a domain the node already has
     * (test:///default's {@code test}): then under a name and UUID of its own, so that the
     * default node is left alone.
     */
    private static DomainDefinition avoidingClashes(Connection conn, DomainDefinition def) {
        boolean nameTaken = false;
        boolean uuidTaken = false;
        for (Domain d : conn.listAllDomains()) {
            nameTaken |= d.name().equals(def.name());
            uuidTaken |= d.uuid().equals(def.uuid());
        }
        if (!nameTaken && !uuidTaken) {
            return def;
        }
        DomainDefinition.Builder b = def.toBuilder();
        if (nameTaken) {
            b.name(def.name() + "-corpus");
        }
        if (uuidTaken) {
            b.uuid(UUID.nameUUIDFromBytes(def.uuid().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return b.build();
    }

    /** {@code written} with the post-parse defaults the test driver documents in {@link TestDefaults}. */
    private static DomainDefinition withTestDriverDefaults(DomainDefinition written, DomainDefinition readBack) {
        DomainDefinition.Builder b = written.toBuilder();
        if (written.uuid() == null) {
            assertThat(readBack.uuid()).as("the UUID the driver assigns").isNotNull();
            b.uuid(readBack.uuid());
        }
        DomainOs os = written.os();
        if (os != null) {
            DomainOs.Builder ob = os.toBuilder();
            if (os.arch() == null) {
                ob.arch(NodeCapabilities.ARCH);
            }
            if (os.bootDevices().isEmpty() && os.kernel() == null && "hvm".equals(os.type())) {
                ob.bootDevices(List.of("hd"));
            }
            b.os(ob.build());
        }
        return b.build();
    }

    private static DomainDefinition withoutSecrets(DomainDefinition def) {
        List<Device> devices = new ArrayList<>();
        for (Device d : def.devices()) {
            devices.add(d instanceof GraphicsDevice g ? g.toBuilder().passwd(null).build() : d);
        }
        return def.toBuilder().devices(devices).build();
    }

    /** Every setting on its own, so that a failure names what was lost. */
    private static void assertSameFieldByField(DomainDefinition expected, DomainDefinition actual) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(actual.type()).as("type").isEqualTo(expected.type());
        soft.assertThat(actual.name()).as("name").isEqualTo(expected.name());
        soft.assertThat(actual.uuid()).as("uuid").isEqualTo(expected.uuid());
        soft.assertThat(actual.title()).as("title").isEqualTo(expected.title());
        soft.assertThat(actual.description()).as("description").isEqualTo(expected.description());
        soft.assertThat(actual.memoryKiB()).as("memory").isEqualTo(expected.memoryKiB());
        soft.assertThat(actual.currentMemoryKiB()).as("currentMemory").isEqualTo(expected.currentMemoryKiB());
        soft.assertThat(actual.vcpus()).as("vcpu").isEqualTo(expected.vcpus());
        soft.assertThat(actual.currentVcpus()).as("vcpu current").isEqualTo(expected.currentVcpus());
        soft.assertThat(actual.vcpuPlacement()).as("vcpu placement").isEqualTo(expected.vcpuPlacement());
        soft.assertThat(actual.cpuset()).as("vcpu cpuset").isEqualTo(expected.cpuset());
        soft.assertThat(actual.bootloader()).as("bootloader").isEqualTo(expected.bootloader());
        soft.assertThat(actual.bootloaderArgs()).as("bootloader_args").isEqualTo(expected.bootloaderArgs());
        soft.assertThat(actual.os()).as("os").isEqualTo(expected.os());
        soft.assertThat(actual.features()).as("features").isEqualTo(expected.features());
        soft.assertThat(actual.clock()).as("clock").isEqualTo(expected.clock());
        soft.assertThat(actual.onPoweroff()).as("on_poweroff").isEqualTo(expected.onPoweroff());
        soft.assertThat(actual.onReboot()).as("on_reboot").isEqualTo(expected.onReboot());
        soft.assertThat(actual.onCrash()).as("on_crash").isEqualTo(expected.onCrash());
        soft.assertThat(actual.emulator()).as("emulator").isEqualTo(expected.emulator());
        soft.assertThat(actual.devices()).as("devices").containsExactlyElementsOf(expected.devices());
        soft.assertThat(actual.unknowns()).as("unmodelled elements and attributes").isEqualTo(expected.unknowns());
        soft.assertThat(actual.unmodelled()).as("unmodelled()").containsExactlyElementsOf(expected.unmodelled());
        soft.assertAll();
    }
}
