package org.jvirt.cli;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** What virsh reads back from the capabilities document: the NUMA cell ids ({@code freecell --all}). */
final class CapabilitiesXml {
    private CapabilitiesXml() {
    }

    /**
     * The {@code id}s of {@code /capabilities/host/topology/cells/cell}, in document order.
     *
     * @throws CommandError {@code unable to get node capabilities} when the document cannot be read
     */
    static List<Integer> cellIds(String capabilities) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new InputSource(new StringReader(capabilities)));
        } catch (Exception e) {
            throw new CommandError("unable to get node capabilities");
        }
        List<Integer> ids = new ArrayList<>();
        Element root = doc.getDocumentElement();
        for (Element host : children(root, "host")) {
            for (Element topology : children(host, "topology")) {
                for (Element cells : children(topology, "cells")) {
                    for (Element cell : children(cells, "cell")) {
                        Integer id = VirshNumbers.parseInt(cell.getAttribute("id"));
                        if (id == null || id < 0) {
                            throw new CommandError("conversion from string failed");
                        }
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
