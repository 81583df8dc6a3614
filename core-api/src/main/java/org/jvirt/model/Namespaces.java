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

    /**
     * @param own the driver's namespace URI, or null
     * @param prefix the prefix libvirt writes it with, or null to keep the document's
     */
    static DomainDefinition apply(DomainDefinition def, String own, String prefix) {
        Unknowns u = def.unknowns();
        Map<String, String> rootAttributes = u.attributesAt("");
        List<XmlElement> top = u.elementsAt("");
        List<XmlElement> kept = new ArrayList<>(top.size());
        boolean ownUsed = false;
        for (XmlElement e : top) {
            String uri = namespaceOf(e, rootAttributes, Map.of());
            if (uri == null || uri.equals(own)) {
                boolean ownElement = uri != null && !e.name().equals("metadata");
                kept.add(e.name().equals("metadata") ? metadata(e, rootAttributes)
                        : ownElement && prefix != null ? canonical(e, own, prefix, rootAttributes) : e);
                ownUsed |= uri != null && (prefix != null ? ownElement : e.name().indexOf(':') >= 0);
            }
        }
        Unknowns changed = kept.equals(top) ? u : u.withElementsAt("", kept);
        for (Map.Entry<String, String> a : rootAttributes.entrySet()) {
            if (a.getKey().startsWith("xmlns:") && !(ownUsed && a.getValue().equals(own)
                    && (prefix == null || a.getKey().equals("xmlns:" + prefix)))) {
                changed = changed.withoutAttribute("", a.getKey());
            }
        }
        if (ownUsed && prefix != null && !own.equals(rootAttributes.get("xmlns:" + prefix))) {
            changed = changed.withAttribute("", "xmlns:" + prefix, own);
        }
        return changed == u ? def : def.toBuilder().unknowns(changed).build();
    }

    /**
     * An element of the driver's namespace as libvirt writes it back: named with the driver's prefix,
     * its own declarations of the namespace dropped (the root carries it), and so its descendants.
     */
    private static XmlElement canonical(XmlElement e, String own, String prefix, Map<String, String> scope) {
        Map<String, String> inner = new java.util.HashMap<>(scope);
        e.attributes().forEach((k, v) -> {
            if (k.equals("xmlns") || k.startsWith("xmlns:")) {
                inner.put(k, v);
            }
        });
        int colon = e.name().indexOf(':');
        String local = colon < 0 ? e.name() : e.name().substring(colon + 1);
        boolean mine = own.equals(inner.get(colon < 0 ? "xmlns" : "xmlns:" + e.name().substring(0, colon)));
        XmlElement.Builder b = XmlElement.builder(mine ? prefix + ":" + local : e.name());
        e.attributes().forEach((k, v) -> {
            if (!((k.equals("xmlns") || k.startsWith("xmlns:")) && v.equals(own))) {
                b.attribute(k, v);
            }
        });
        for (XmlElement child : e.children()) {
            b.child(canonical(child, own, prefix, inner));
        }
        if (!e.text().isEmpty()) {
            b.text(e.text());
        }
        return b.build();
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
