package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every XML document of libvirt's own test suites (0.4.4 and the 9.6 test driver) parses, and
 * parse → format → parse gives an equal model. Reads the corpus at run time; skips when absent.
 */
class CorpusRoundTripTest {
    /** Per corpus folder: documents seen, documents that passed. */
    private static final Map<String, AtomicIntegerArray> COUNTS = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyCorpusDocumentRoundTrips() {
        Path root = Corpus.root();
        Assumptions.assumeTrue(root != null, "libvirt corpus not available (see jvirt.corpus)");
        List<Path> files = new ArrayList<>(Corpus.files(root, "v0.4.4", "*.xml", true));
        files.addAll(Corpus.files(root, "testdriver-v9.6.0", "testdom*.xml", false));
        files.addAll(Corpus.files(root, "testdriver-v9.6.0", "testnet*.xml", false));
        files.addAll(Corpus.files(root, "testdriver-v9.6.0", "testnode*.xml", false));
        assertThat(files).as("corpus files").hasSizeGreaterThan(90);
        return files.stream().map(file -> {
            String folder = root.relativize(file.getParent()).toString();
            String name = root.relativize(file).toString();
            return DynamicTest.dynamicTest(name, () -> {
                AtomicIntegerArray counts = COUNTS.computeIfAbsent(folder, f -> new AtomicIntegerArray(2));
                counts.incrementAndGet(0);
                roundTrip(XmlReader.parse(Corpus.read(file)));
                counts.incrementAndGet(1);
            });
        });
    }

    @AfterAll
    static void printCounts() {
        new TreeMap<>(COUNTS).forEach((folder, c) -> System.out.printf(
                "libvirt corpus %-28s %3d of %3d documents parse and round-trip%n", folder, c.get(1), c.get(0)));
    }

    private static void roundTrip(XmlElement root) {
        switch (root.name()) {
            case "domain" -> {
                DomainDefinition first = DomainXml.fromElement(root);
                DomainDefinition second = DomainXml.parse(DomainXml.format(first, -1, true));
                // As libvirt's parser does, jvirt's may place a disk otherwise once its bus is written out
                // (hda, fda, hdb without buses read as hda fda hdb; with them, as hda hdb fda): the same
                // definition, and from then on the same document.
                assertThat(DomainRoundTripPropertyTest.inDeviceOrder(second))
                        .isEqualTo(DomainRoundTripPropertyTest.inDeviceOrder(first));
                String formatted = DomainXml.format(second, -1, true);
                DomainDefinition third = DomainXml.parse(formatted);
                assertThat(third).isEqualTo(second);
                assertThat(DomainXml.format(third, -1, true)).isEqualTo(formatted);
                assertThat(first.name()).isNotEmpty();
                assertThat(first.memoryKiB()).isPositive();
            }
            case "network" -> {
                NetworkDefinition first = NetworkXml.fromElement(root);
                String formatted = NetworkXml.format(first);
                NetworkDefinition second = NetworkXml.parse(formatted);
                assertThat(second).isEqualTo(first);
                assertThat(NetworkXml.format(second)).isEqualTo(formatted);
            }
            case "node" -> {
                // The test driver's node file: domains and networks may be inline.
                for (XmlElement child : root.children()) {
                    if ((child.name().equals("domain") || child.name().equals("network"))
                            && child.attribute("file") == null) {
                        roundTrip(child);
                    }
                }
            }
            default -> throw new AssertionError("unexpected corpus document <" + root.name() + ">");
        }
    }
}
