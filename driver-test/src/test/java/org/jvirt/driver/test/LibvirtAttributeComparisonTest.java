package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.tck.oracle.KnownDifferences;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.xml.XmlWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad attribute values, with libvirt's test driver as the oracle: for every attribute the corpus's
 * domain documents use (one document for each element-and-attribute pair, the first that has it),
 * the value is replaced by {@code bogus}, and libvirt 9 and jvirt each define the result. Where
 * libvirt refuses, jvirt must refuse with libvirt's code; where libvirt takes the value, jvirt must
 * take it and dump the same document ({@link LibvirtDumpComparisonTest#difference}).
 *
 * <p>Pairs jvirt does not yet answer as libvirt does are listed in
 * {@code oracle/attribute-differences.txt}; as with the dump comparison, a pair not listed fails
 * the build and a listed pair that now agrees must come off the list.
 */
class LibvirtAttributeComparisonTest {
    private static final String DIFFERENCES = "oracle/attribute-differences.txt";
    private static final String BOGUS = "bogus";

    @Test
    void aBogusValueOfEachAttributeIsAnsweredAsLibvirtAnswersIt(@TempDir Path dir) throws Exception {
        Path root = LibvirtCorpus.root("the attribute comparison with libvirt's test driver");
        LibvirtDumpComparisonTest.requirePython();
        Map<String, Path> cases = cases(LibvirtDumpComparisonTest.files(root), dir);
        assertThat(cases).as("element-and-attribute pairs of the corpus").hasSizeGreaterThan(300);
        Map<Path, LibvirtDumpComparisonTest.Answer> libvirt = LibvirtDumpComparisonTest.libvirt(List.copyOf(cases.values()));
        Map<String, String> differences = new TreeMap<>();
        int refusedAlike = 0;
        int acceptedAlike = 0;
        try (Connection conn = Jvirt.open("test:///default")) {
            for (Map.Entry<String, Path> c : cases.entrySet()) {
                LibvirtDumpComparisonTest.Answer theirs = libvirt.get(c.getValue());
                LibvirtDumpComparisonTest.Answer ours = LibvirtDumpComparisonTest.jvirt(conn,
                        Files.readString(c.getValue(), StandardCharsets.UTF_8));
                String difference = LibvirtDumpComparisonTest.difference(theirs, ours, true);
                if (difference != null) {
                    differences.put(c.getKey(), difference);
                } else if (theirs.refused()) {
                    refusedAlike++;
                } else {
                    acceptedAlike++;
                }
            }
        }
        System.out.printf("LibvirtAttributeComparisonTest: %d attributes set to '%s'; libvirt and jvirt refuse %d alike"
                + " and accept %d alike; %d known differences%n", cases.size(), BOGUS, refusedAlike, acceptedAlike,
                differences.size());
        new KnownDifferences(LibvirtAttributeComparisonTest.class, DIFFERENCES, "LibvirtAttributeComparisonTest")
                .check(differences, "element-and-attribute pairs");
    }

    /** One document for each element-and-attribute pair ({@code parent/element@attribute}), written to {@code dir}. */
    private static Map<String, Path> cases(List<Path> files, Path dir) throws IOException {
        Map<String, Path> cases = new TreeMap<>();
        for (Path file : files) {
            XmlElement doc = XmlReader.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!doc.name().equals("domain")) {
                continue;
            }
            for (String key : pairs(doc, "")) {
                if (!cases.containsKey(key)) {
                    Path out = dir.resolve("case-" + cases.size() + ".xml");
                    Files.writeString(out, new XmlWriter().element(withBogus(doc, "", key)).toString(),
                            StandardCharsets.UTF_8);
                    cases.put(key, out);
                }
            }
        }
        return cases;
    }

    private static List<String> pairs(XmlElement e, String parent) {
        List<String> out = new ArrayList<>();
        for (String attribute : e.attributes().keySet()) {
            if (!attribute.startsWith("xmlns")) {
                out.add(parent + e.name() + "@" + attribute);
            }
        }
        for (XmlElement child : e.children()) {
            out.addAll(pairs(child, e.name() + "/"));
        }
        return out;
    }

    /** {@code e} with the first attribute that {@code key} names set to {@link #BOGUS}. */
    private static XmlElement withBogus(XmlElement e, String parent, String key) {
        XmlElement.Builder b = XmlElement.builder(e.name()).text(e.text());
        boolean done = false;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            boolean hit = key.equals(parent + e.name() + "@" + a.getKey());
            b.attribute(a.getKey(), hit ? BOGUS : a.getValue());
            done |= hit;
        }
        for (XmlElement child : e.children()) {
            if (done) {
                b.child(child);
            } else {
                XmlElement changed = withBogus(child, e.name() + "/", key);
                done = changed != child;
                b.child(changed);
            }
        }
        return done ? b.build() : e;
    }

}
