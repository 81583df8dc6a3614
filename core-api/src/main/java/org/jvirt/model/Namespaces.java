package org.jvirt.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.xml.XmlElement;

/**
 * The XML namespaces of a domain document as libvirt reads them: besides its own elements,
 * virDomainDefParseXML reads those of one namespace, the driver's (a {@code qemu:commandline}
 * given to the test driver is dropped, with its declaration), and {@code <metadata>} keeps one
 * element per namespace, the first, and none without a namespace
 * (virXMLNodeSanitizeNamespaces). Stateless.
 */
final class Namespaces {
    private Namespaces() {
    }

    static DomainDefinition apply(DomainDefinition def, String own) {
        Unknowns u = def.unknowns();
        Map<String, String> rootAttributes = u.attributesAt("");
        List<XmlElement> top = u.elementsAt("");
        List<XmlElement> kept = new ArrayList<>(top.size());
        boolean ownUsed = false;
        for (XmlElement e : top) {
            String uri = namespaceOf(e, rootAttributes, Map.of());
            if (uri == null || uri.equals(own)) {
                kept.add(e.name().equals("metadata") ? metadata(e, rootAttributes) : e);
                ownUsed |= uri != null && e.name().indexOf(':') >= 0;
            }
        }
        Unknowns changed = kept.equals(top) ? u : u.withElementsAt("", kept);
        for (Map.Entry<String, String> a : rootAttributes.entrySet()) {
            if (a.getKey().startsWith("xmlns:") && !(ownUsed && a.getValue().equals(own))) {
                changed = changed.withoutAttribute("", a.getKey());
            }
        }
        return changed == u ? def : def.toBuilder().unknowns(changed).build();
    }

    /** The children of {@code <metadata>} that have a namespace, the first of each. */
    private static XmlElement metadata(XmlElement metadata, Map<String, String> rootAttributes) {
        Set<String> seen = new HashSet<>();
        List<XmlElement> kept = new ArrayList<>();
        for (XmlElement child : metadata.children()) {
            String uri = namespaceOf(child, metadata.attributes(), rootAttributes);
            if (uri != null && seen.add(uri)) {
                kept.add(child);
            }
        }
        return Elements.withChildren(metadata, kept);
    }

    /**
     * The namespace URI of {@code e}: its prefix's (or, unprefixed, the default namespace's)
     * declaration on itself or, failing that, on its parent or the root; null for none.
     */
    private static String namespaceOf(XmlElement e, Map<String, String> parent, Map<String, String> root) {
        int colon = e.name().indexOf(':');
        String declaration = colon < 0 ? "xmlns" : "xmlns:" + e.name().substring(0, colon);
        for (Map<String, String> scope : List.of(e.attributes(), parent, root)) {
            String uri = scope.get(declaration);
            if (uri != null) {
                return uri.isEmpty() ? null : uri;
            }
        }
        return null;
    }
}
