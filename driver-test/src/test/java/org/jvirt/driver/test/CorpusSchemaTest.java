package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.Network;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.jvirt.core.schema.SchemaValidator;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainRules;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkXml;
import org.jvirt.model.PostParse;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.xml.XmlWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Everything jvirt writes validates against libvirt 9.6's own RelaxNG schemas (the corpus's
 * {@code schemas-v9.6.0}, pinned, whatever libvirt is installed): every domain and network
 * document of libvirt's test corpus — files of libvirt 0.4.4's xend/xm suites and of both test
 * drivers, and the inline ones of the node files — parsed and formatted by jvirt's model, and
 * what the test driver serves: capabilities of {@code test:///default} and of each node file, and
 * every domain (live and inactive) and network of the node files.
 *
 * <p>The corpus documents are of libvirt 0.4's era; jvirt must write them in libvirt 9's form.
 */
class CorpusSchemaTest {
    private static final LibvirtCorpus.Tally TALLY = new LibvirtCorpus.Tally("validate against libvirt 9.6's schemas");

    @TestFactory
    Stream<DynamicTest> everyCorpusDomainFormatsValid() {
        Path root = LibvirtCorpus.root("schema validation");
        Path schemas = LibvirtCorpus.schemas(root);
        List<Path> files = LibvirtCorpus.domainFiles(root);
        assertThat(files).as("corpus domain files").hasSizeGreaterThan(90);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String folder = LibvirtCorpus.folder(root, file);
            tests.add(DynamicTest.dynamicTest(LibvirtCorpus.relative(root, file), () -> {
                TALLY.tried(folder);
                validateDomain(schemas, DomainXml.parse(LibvirtCorpus.read(file)), file.toString());
                TALLY.passed(folder);
            }));
        }
        for (String nodeFile : LibvirtCorpus.NODE_FILES) {
            List<XmlElement> domains = LibvirtCorpus.inline(root.resolve(nodeFile), "domain");
            for (int i = 0; i < domains.size(); i++) {
                XmlElement element = LibvirtCorpus.withoutTestNamespace(domains.get(i));
                String label = nodeFile + " (inline domain " + (i + 1) + ")";
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    TALLY.tried(nodeFile + " inline domains");
                    validateDomain(schemas, DomainXml.fromElement(element), label);
                    TALLY.passed(nodeFile + " inline domains");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusNetworkFormatsValid() {
        Path root = LibvirtCorpus.root("schema validation");
        Path schemas = LibvirtCorpus.schemas(root);
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = LibvirtCorpus.networkFiles(root);
        assertThat(files).as("corpus network files").hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            String folder = LibvirtCorpus.folder(root, file) + " networks";
            tests.add(DynamicTest.dynamicTest(LibvirtCorpus.relative(root, file), () -> {
                TALLY.tried(folder);
                String xml = NetworkXml.format(NetworkXml.parse(LibvirtCorpus.read(file)));
                SchemaValidator.validate(schemas, "network.rng", xml, file.toString());
                TALLY.passed(folder);
            }));
        }
        for (String nodeFile : LibvirtCorpus.NODE_FILES) {
            List<XmlElement> networks = LibvirtCorpus.inline(root.resolve(nodeFile), "network");
            for (int i = 0; i < networks.size(); i++) {
                XmlElement element = networks.get(i);
                String label = nodeFile + " (inline network " + (i + 1) + ")";
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    TALLY.tried(nodeFile + " inline networks");
                    String xml = NetworkXml.format(NetworkXml.fromElement(element));
                    SchemaValidator.validate(schemas, "network.rng", xml, label);
                    TALLY.passed(nodeFile + " inline networks");
                }));
            }
        }
        return tests.stream();
    }

    /** What the test driver serves: capabilities, and every domain and network of each node. */
    @TestFactory
    Stream<DynamicTest> whatTheTestDriverServesIsValid() {
        Path root = LibvirtCorpus.root("schema validation");
        Path schemas = LibvirtCorpus.schemas(root);
        List<String> uris = new ArrayList<>();
        uris.add("test:///default");
        for (String nodeFile : LibvirtCorpus.NODE_FILES) {
            // libvirt 9 refuses to serve 0.4.4's node file, and so does jvirt (NodeFileTest).
            if (!nodeFile.startsWith("v0.4.4/")) {
                uris.add("test://" + root.resolve(nodeFile));
            }
        }
        return uris.stream().map(uri -> DynamicTest.dynamicTest(uri, () -> {
            String label = uri.equals("test:///default") ? uri : "test://" + LibvirtCorpus.relative(root,
                    Path.of(uri.substring("test://".length())));
            TALLY.tried(label + " (served)");
            try (Connection conn = Jvirt.open(uri)) {
                SchemaValidator.validate(schemas, "capability.rng", conn.capabilities(), uri + " capabilities");
                for (Domain d : conn.listAllDomains()) {
                    SchemaValidator.validate(schemas, "domain.rng", stripTestNamespace(d.xmlDesc()), d.name());
                    SchemaValidator.validate(schemas, "domain.rng",
                            stripTestNamespace(d.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE)), d.name() + " (inactive)");
                }
                for (Network n : conn.listAllNetworks()) {
                    SchemaValidator.validate(schemas, "network.rng", n.xmlDesc(), n.name());
                }
            }
            TALLY.passed(label + " (served)");
        }));
    }

    @AfterAll
    static void printCounts() {
        TALLY.print("CorpusSchemaTest");
    }

    /** Validates the inactive form and a running form (with an id) of {@code def}. */
    /**
     * The document as read and as completed by libvirt's post-parse, formatted; one libvirt refuses
     * (0.4's {@code hda:disk}) is refused by post-parse too, which LibvirtDumpComparisonTest holds to
     * libvirt's answer, and has nothing to format.
     */
    private static void validateDomain(Path schemas, DomainDefinition parsed, String label) {
        DomainDefinition def;
        try {
            def = PostParse.apply(parsed, DomainRules.GENERIC);
        } catch (VirtException e) {
            Assumptions.abort("refused by post-parse, as libvirt 9 may refuse it: " + e.getMessage());
            return;
        }
        SchemaValidator.validate(schemas, "domain.rng", DomainXml.format(def, -1, true), label);
        SchemaValidator.validate(schemas, "domain.rng", DomainXml.format(def, 7, false), label + " (running)");
    }

    /**
     * The document without elements of the test driver's namespace: the driver keeps and writes
     * back {@code <test:runstate>} as libvirt's does, and libvirt's schemas have no place for it.
     */
    private static String stripTestNamespace(String xml) {
        if (!xml.contains(LibvirtCorpus.TEST_NAMESPACE)) {
            return xml;
        }
        return new XmlWriter().element(LibvirtCorpus.withoutTestNamespace(XmlReader.parse(xml))).toString();
    }
}
