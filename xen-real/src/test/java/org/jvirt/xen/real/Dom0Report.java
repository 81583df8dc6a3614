package org.jvirt.xen.real;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The JUnit XML reports (the legacy {@code TEST-*.xml} format the console launcher writes) that came back from
 * dom0, read into one outcome per test case. Immutable.
 */
record Dom0Report(List<Case> cases) {

    /** How a test ended in dom0. */
    enum Outcome { PASSED, FAILED, SKIPPED }

    /**
     * One test case: its class's simple name and method, its outcome, and for a failure or a skip the message and
     * (failures) the stack trace dom0 printed.
     */
    record Case(String className, String name, Outcome outcome, String message, String detail, double seconds) {
        String displayName() {
            return className.substring(className.lastIndexOf('.') + 1) + "." + name;
        }
    }

    /** Every test case of every {@code TEST-*.xml} in {@code dir}. */
    static Dom0Report read(Path dir) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                NodeList testcases = parser().parse(in).getElementsByTagName("testcase");
                for (int i = 0; i < testcases.getLength(); i++) {
                    cases.add(testcase((Element) testcases.item(i)));
                }
            } catch (SAXException e) {
                throw new IOException("dom0's report " + file + " is not well-formed XML: " + e.getMessage(), e);
            }
        }
        return new Dom0Report(List.copyOf(cases));
    }

    private static Case testcase(Element tc) {
        String time = tc.getAttribute("time");
        double seconds = time.isEmpty() ? 0 : Double.parseDouble(time);
        for (String tag : new String[] {"failure", "error"}) {
            Element e = first(tc, tag);
            if (e != null) {
                return new Case(tc.getAttribute("classname"), tc.getAttribute("name"), Outcome.FAILED,
                        e.getAttribute("message"), e.getTextContent(), seconds);
            }
        }
        Element skipped = first(tc, "skipped");
        if (skipped != null) {
            String reason = skipped.getAttribute("message");
            return new Case(tc.getAttribute("classname"), tc.getAttribute("name"), Outcome.SKIPPED,
                    reason.isEmpty() ? skipped.getTextContent() : reason, "", seconds);
        }
        return new Case(tc.getAttribute("classname"), tc.getAttribute("name"), Outcome.PASSED, "", "", seconds);
    }

    private static Element first(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser for dom0's reports: " + e.getMessage(), e);
        }
    }
}
