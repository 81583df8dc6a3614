package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.model.xml.XmlElement;

/**
 * The model's elements selected as libvirt's XPath expressions select them, for the parts of a
 * definition the model keeps as elements, and written as virXMLFormatElement writes them. Stateless.
 */
final class Elements {
    private Elements() {
    }

    /** The elements of one name among {@code elements}, in document order: what {@code ./name} selects. */
    static List<XmlElement> named(List<XmlElement> elements, String name) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement e : elements) {
            if (e.name().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first element of one name among {@code elements}: what {@code ./name[1]} selects; null when none. */
    static XmlElement first(List<XmlElement> elements, String name) {
        for (XmlElement e : elements) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The index of the first element of one name among {@code elements}; -1 when none. */
    static int indexOf(List<XmlElement> elements, String name) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The children of every one of {@code elements}, in document order: what {@code ./name/*} selects. */
    static List<XmlElement> childrenOf(List<XmlElement> elements) {
        List<XmlElement> all = new ArrayList<>();
        for (XmlElement e : elements) {
            all.addAll(e.children());
        }
        return all;
    }

    /** What libvirt's {@code string(...)} XPath gives for an element: its text; null when absent or empty. */
    static String value(XmlElement e) {
        return e == null || e.text().isEmpty() ? null : e.text();
    }

    /**
     * XPath's {@code string(./child/@attribute)}: the attribute of the first such child having it;
     * null when there is none or it is empty.
     */
    static String firstAttribute(XmlElement parent, String child, String attribute) {
        for (XmlElement e : named(parent.children(), child)) {
            String v = e.attribute(attribute);
            if (v != null) {
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** XPath's {@code string(./child/grandchild)}: the text of the first such grandchild; null when empty. */
    static String firstText(XmlElement parent, String child, String grandchild) {
        for (XmlElement e : named(parent.children(), child)) {
            XmlElement g = e.child(grandchild);
            if (g != null) {
                return g.text().isEmpty() ? null : g.text();
            }
        }
        return null;
    }

    /** {@code e} with {@code children} instead of its own; {@code e} itself when they are the same. */
    static XmlElement withChildren(XmlElement e, List<XmlElement> children) {
        if (children.equals(e.children())) {
            return e;
        }
        XmlElement.Builder b = XmlElement.builder(e.name()).text(e.text());
        e.attributes().forEach(b::attribute);
        children.forEach(b::child);
        return b.build();
    }

    /**
     * {@code e} with attribute {@code name} set to {@code value} and written right after
     * {@code after} (first when {@code after} is null, last when {@code e} has no such attribute).
     */
    static XmlElement withAttributeAfter(XmlElement e, String name, String value, String after) {
        XmlElement.Builder b = XmlElement.builder(e.name()).text(e.text());
        boolean placed = after == null;
        if (placed) {
            b.attribute(name, value);
        }
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            if (!a.getKey().equals(name)) {
                b.attribute(a.getKey(), a.getValue());
            }
            if (!placed && a.getKey().equals(after)) {
                b.attribute(name, value);
                placed = true;
            }
        }
        if (!placed) {
            b.attribute(name, value);
        }
        e.children().forEach(b::child);
        XmlElement done = b.build();
        return done.equals(e) && List.copyOf(done.attributes().keySet()).equals(List.copyOf(e.attributes().keySet()))
                ? e : done;
    }

    /** {@code <name>text</name>}. */
    static XmlElement textElement(String name, String text) {
        return XmlElement.builder(name).text(text).build();
    }

    /** The element built, or null when it has neither children nor attributes (virXMLFormatElement). */
    static XmlElement orNull(XmlElement.Builder b) {
        XmlElement e = b.build();
        return e.children().isEmpty() && e.attributes().isEmpty() ? null : e;
    }
}
