package org.jvirt.driver.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.jvirt.tck.oracle.LibvirtPeers;
import org.junit.jupiter.api.Assertions;

/**
 * libvirt's reference corpus, read at run time from the directory named by the system property
 * {@code jvirt.corpus} (never copied into the project). Absent, tests skip with a printed reason,
 * unless the environment variable {@code JVIRT_REQUIRE_PEERS} is set: then absence fails them.
 */
final class LibvirtCorpus {
    /** The test driver's XML namespace ({@code <test:runstate>}...); libvirt's schemas do not describe it. */
    static final String TEST_NAMESPACE = "http://libvirt.org/schemas/domain/test/1.0";

    /** The corpus folders holding domain documents, one per file. */
    static final List<String> DOMAIN_FOLDERS = List.of("v0.4.4/sexpr2xmldata", "v0.4.4/xml2sexprdata",
            "v0.4.4/xmconfigdata");

    /** The node files of libvirt's test driver, whose inline domains and networks count too. */
    static final List<String> NODE_FILES = List.of("v0.4.4/testnode.xml", "testdriver-v9.6.0/testnode.xml",
            "testdriver-v9.6.0/testnodeinline.xml");

    private LibvirtCorpus() {
    }

    /** The corpus root; skips the calling test (or fails it, under JVIRT_REQUIRE_PEERS) when absent. */
    static Path root(String what) {
        return LibvirtPeers.corpus(what);
    }

    /** libvirt 9.6's RelaxNG schemas in the corpus; fails when the corpus lacks them. */
    static Path schemas(Path root) {
        Path dir = root.resolve("schemas-v9.6.0");
        Assertions.assertTrue(Files.isRegularFile(dir.resolve("domain.rng")), "no domain.rng in " + dir);
        return dir;
    }

    /** Every domain document of the corpus that is a file of its own, sorted by path. */
    static List<Path> domainFiles(Path root) {
        List<Path> files = new ArrayList<>();
        for (String folder : DOMAIN_FOLDERS) {
            files.addAll(files(root, folder, "*.xml"));
        }
        files.addAll(files(root, "v0.4.4", "testdom*.xml"));
        files.addAll(files(root, "testdriver-v9.6.0", "testdom*.xml"));
        return files;
    }

    /** Every network document of the corpus that is a file of its own, sorted by path. */
    static List<Path> networkFiles(Path root) {
        List<Path> files = new ArrayList<>(files(root, "v0.4.4", "testnet*.xml"));
        files.addAll(files(root, "testdriver-v9.6.0", "testnet*.xml"));
        return files;
    }

    /** The {@code <domain>} or {@code <network>} elements written inline in a node file (not {@code file=} references). */
    static List<XmlElement> inline(Path nodeFile, String elementName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : XmlReader.parse(read(nodeFile)).children()) {
            if (child.name().equals(elementName) && child.attribute("file") == null) {
                found.add(child);
            }
        }
        return found;
    }

    /**
     * {@code element} without its children in the test driver's namespace ({@code <test:runstate>}):
     * the test driver consumes them, and libvirt's schemas have no place for them.
     */
    static XmlElement withoutTestNamespace(XmlElement element) {
        String prefix = null;
        for (Map.Entry<String, String> a : element.attributes().entrySet()) {
            if (a.getKey().startsWith("xmlns:") && a.getValue().equals(TEST_NAMESPACE)) {
                prefix = a.getKey().substring("xmlns:".length()) + ":";
            }
        }
        if (prefix == null) {
            return element;
        }
        XmlElement.Builder b = XmlElement.builder(element.name());
        element.attributes().forEach(b::attribute);
        for (XmlElement child : element.children()) {
            if (!child.name().startsWith(prefix)) {
                b.child(child);
            }
        }
        return b.text(element.text()).build();
    }

    /** The folder of {@code file} relative to the corpus root, e.g. {@code v0.4.4/sexpr2xmldata}. */
    static String folder(Path root, Path file) {
        return root.relativize(file.getParent()).toString().replace('\\', '/');
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path root, String folder, String glob) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pass counts per corpus folder, printed once a test class is done. Thread-safe. */
    static final class Tally {
        private final Map<String, AtomicIntegerArray> counts = new ConcurrentHashMap<>();
        private final String verb;

        /** @param verb what passing means, e.g. "validate against libvirt 9.6's schemas" */
        Tally(String verb) {
            this.verb = verb;
        }

        /** Counts one attempt in {@code folder}; call {@link #passed} once it succeeded. */
        void tried(String folder) {
            counts.computeIfAbsent(folder, f -> new AtomicIntegerArray(2)).incrementAndGet(0);
        }

        void passed(String folder) {
            counts.computeIfAbsent(folder, f -> new AtomicIntegerArray(2)).incrementAndGet(1);
        }

        void print(String testName) {
            new TreeMap<>(counts).forEach((folder, c) -> System.out.printf("%s: libvirt corpus %-40s %3d of %3d %s%n",
                    testName, folder, c.get(1), c.get(0), verb));
        }
    }
}
