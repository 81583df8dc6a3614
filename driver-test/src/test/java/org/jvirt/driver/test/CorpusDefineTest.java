package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Defining any domain of libvirt's corpus into {@code test:///default} and then defining what the
 * driver wrote back changes nothing but, possibly, the order of disks (as in libvirt: its parser
 * orders disks by the bus they name, which a disk with an implied bus names once written back),
 * and from then on nothing at all: libvirt's post-parse, applied to its own result, is a fixed
 * point, and what a definition states (name, memory, vcpus, lifecycle actions, emulator) survives
 * it. What the post-parse changes the first time is judged by libvirt itself, document by
 * document, in {@link LibvirtDumpComparisonTest}. Each domain is undefined afterwards, leaving
 * the node as it was.
 */
class CorpusDefineTest {
    /** libvirt 9's test driver accepts 461 of the corpus' domain documents; jvirt must check at least as many. */
    private static final int MIN_ACCEPTED = 461;
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final LibvirtCorpus.Tally TALLY =
            new LibvirtCorpus.Tally("defined into test:///default, and what it wrote back defined again unchanged (up to what libvirt changes itself)");

    @TestFactory
    Stream<DynamicTest> everyCorpusDomainSurvivesDefine() throws IOException {
        Path root = LibvirtCorpus.root("define fidelity");
        List<Path> files = LibvirtDumpComparisonTest.files(root);
        assertThat(files).as("corpus domain files").hasSizeGreaterThan(500);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String folder = LibvirtCorpus.folder(root, file);
            tests.add(DynamicTest.dynamicTest(LibvirtCorpus.relative(root, file), () -> {
                TALLY.tried(folder);
                defineAndCompare(LibvirtCorpus.read(file));
                TALLY.passed(folder);
                ACCEPTED.incrementAndGet();
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
                    ACCEPTED.incrementAndGet();
                }));
            }
        }
        // Refusing is no escape: libvirt 9 accepts 461 of these documents (LibvirtDumpComparisonTest).
        tests.add(DynamicTest.dynamicTest("the corpus is accepted, as libvirt accepts it", () ->
                assertThat(ACCEPTED.get()).as("documents defined and checked").isGreaterThanOrEqualTo(MIN_ACCEPTED)));
        return tests.stream();
    }

    @AfterAll
    static void printCounts() {
        TALLY.print("CorpusDefineTest");
    }

    private static void defineAndCompare(String xml) {
        try (Connection conn = Jvirt.open("test:///default")) {
            DomainDefinition written;
            Domain defined;
            try {
                written = avoidingClashes(conn, DomainXml.parse(xml));
                String toDefine = written.equals(DomainXml.parse(xml)) ? xml : DomainXml.format(written, -1, true);
                defined = conn.defineDomain(toDefine);
            } catch (VirtException e) {
                // Whether libvirt refuses it too, with that code, is LibvirtDumpComparisonTest's to check.
                Assumptions.abort("refused, as libvirt 9 may refuse it: " + e.getMessage());
                return;
            }
            try {
                String first = defined.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE);
                DomainDefinition readBack = DomainXml.parse(first);
                assertStatedSettingsKept(written, readBack);
                String second = conn.defineDomain(first).xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE);
                assertThat(asLibvirtRedefines(second)).as("the definition written back, defined again")
                        .isEqualTo(asLibvirtRedefines(first));
                String third = conn.defineDomain(second).xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE);
                assertThat(third).as("the definition written back twice, defined again").isEqualTo(second);
                // Without SECURE, only the secrets are left out (of the definition the domain has now).
                assertThat(DomainXml.parse(defined.xmlDesc(XmlFlag.INACTIVE))).as("without SECURE")
                        .isEqualTo(withoutSecrets(DomainXml.parse(third)));
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

    /**
     * What libvirt 9 itself changes when it defines its own first dump again (checked with virsh):
     * the order of disks (a bus it implied is written out), the port of a console that follows the
     * console it added for a serial port (ports are places among the consoles), and a shared memory
     * size below 1 MiB (written as 0 MiB, which reads as no size).
     */
    private static DomainDefinition asLibvirtRedefines(String xml) {
        DomainDefinition def = DomainXml.parse(xml);
        List<Device> devices = new ArrayList<>();
        for (Device d : def.devices()) {
            if (d instanceof CharDevice c && c.kind().equals("console")) {
                devices.add(c.toBuilder().target(c.targetType(), null).build());
            } else if (d instanceof UnknownDevice u && u.element().name().equals("shmem")) {
                XmlElement.Builder b = XmlElement.builder("shmem");
                u.element().attributes().forEach(b::attribute);
                u.element().children().stream()
                        .filter(c -> !(c.name().equals("size") && c.text().strip().equals("0")))
                        .forEach(b::child);
                devices.add(new UnknownDevice(b.build()));
            } else {
                devices.add(d);
            }
        }
        devices.sort(java.util.Comparator.comparing(Object::toString));
        return def.toBuilder().devices(devices).build();
    }

    private static DomainDefinition withoutSecrets(DomainDefinition def) {
        List<Device> devices = new ArrayList<>();
        for (Device d : def.devices()) {
            devices.add(d instanceof GraphicsDevice g ? g.toBuilder().passwd(null).build() : d);
        }
        return def.toBuilder().devices(devices).build();
    }

    /** The settings a document states and no post-parse rule touches, each on its own so that a failure names it. */
    private static void assertStatedSettingsKept(DomainDefinition expected, DomainDefinition actual) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(actual.type()).as("type").isEqualTo(expected.type());
        soft.assertThat(actual.name()).as("name").isEqualTo(expected.name());
        if (expected.uuid() != null) {
            soft.assertThat(actual.uuid()).as("uuid").isEqualTo(expected.uuid());
        }
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
        // Post-parse completes features (Hyper-V's mode, SMM's TSEG unit), but keeps every one.
        soft.assertThat(actual.featureNames()).as("features").isEqualTo(expected.featureNames());
        soft.assertThat(actual.clock()).as("clock").isEqualTo(expected.clock());
        soft.assertThat(actual.onPoweroff()).as("on_poweroff").isEqualTo(expected.onPoweroff());
        soft.assertThat(actual.onReboot()).as("on_reboot").isEqualTo(expected.onReboot());
        soft.assertThat(actual.onCrash()).as("on_crash").isEqualTo(expected.onCrash());
        soft.assertThat(actual.emulator()).as("emulator").isEqualTo(expected.emulator());
        // A panic device that says nothing is written as nothing, by libvirt too.
        long stated = expected.devices().stream().filter(d -> !(d instanceof UnknownDevice u
                && u.element().name().equals("panic") && u.element().attributes().isEmpty()
                && u.element().children().isEmpty())).count();
        soft.assertThat(actual.devices().size()).as("device count, implicit devices aside")
                .isGreaterThanOrEqualTo((int) stated);
        soft.assertAll();
    }
}
