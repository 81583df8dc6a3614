package org.jvirt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * Reads one element for a parser while remembering which attributes and children the parser
 * asked for, so that everything it did not ask for can be kept as {@link Unknowns}: this is
 * how "nothing a user wrote is silently dropped" is enforced without listing unknowns by hand.
 *
 * <p>Children opened with {@link #child} or {@link #children} stay attached: their leftovers
 * are collected with this cursor's, under their location. Elements handed out raw with
 * {@link #takeChild}, {@link #takeChildren} or {@link #takeRemaining} belong to the caller.
 *
 * @since 1.0
 */
final class ElementCursor {
    private final XmlElement element;
    private final String path;
    private final ErrorDomain domain;
    private final boolean[] usedChildren;
    private List<String> usedAttributes;
    private List<ElementCursor> opened;
    private List<String> openedLocations;

    private ElementCursor(XmlElement element, String path, ErrorDomain domain) {
        this.element = element;
        this.path = path;
        this.domain = domain;
        this.usedChildren = new boolean[element.children().size()];
    }

    /** A cursor on a root element; {@code path} names it in error messages. */
    static ElementCursor root(XmlElement element, String path, ErrorDomain domain) {
        return new ElementCursor(element, path, domain);
    }

    String path() {
        return path;
    }

    ErrorDomain errorDomain() {
        return domain;
    }

    String name() {
        return element.name();
    }

    /** The element itself, to look at without marking anything as understood. */
    XmlElement element() {
        return element;
    }

    /** The attribute's value, or null; marks it as understood. */
    String attr(String name) {
        String v = element.attribute(name);
        if (v != null) {
            if (usedAttributes == null) {
                usedAttributes = new ArrayList<>(4);
            }
            usedAttributes.add(name);
        }
        return v;
    }

    /** Every attribute not yet understood, all marked as understood now. */
    Map<String, String> takeRemainingAttributes() {
        Map<String, String> all = element.attributes();
        if (usedAttributes == null || usedAttributes.isEmpty()) {
            usedAttributes = new ArrayList<>(all.keySet());
            return all;
        }
        LinkedHashMap<String, String> rest = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : all.entrySet()) {
            if (!usedAttributes.contains(a.getKey())) {
                rest.put(a.getKey(), a.getValue());
            }
        }
        usedAttributes.addAll(rest.keySet());
        return rest;
    }

    /** The text of this element. */
    String text() {
        return element.text();
    }

    /** The first unused child with this name, opened at location {@code name}; or null. */
    ElementCursor child(String name) {
        int i = indexOfUnused(name);
        return i < 0 ? null : open(i, name);
    }

    /** Every unused child with this name, opened at locations {@code name[1]}, {@code name[2]}... */
    List<ElementCursor> children(String name) {
        List<ElementCursor> found = null;
        List<XmlElement> all = element.children();
        for (int i = 0; i < all.size(); i++) {
            if (!usedChildren[i] && all.get(i).name().equals(name)) {
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(open(i, name + "[" + (found.size() + 1) + "]"));
            }
        }
        return found == null ? List.of() : found;
    }

    /** The text of the first unused child with this name (which is then understood), or null. */
    String childText(String name) {
        ElementCursor c = child(name);
        return c == null ? null : c.text();
    }

    /** The first unused child with this name, handed over raw; or null. */
    XmlElement takeChild(String name) {
        int i = indexOfUnused(name);
        if (i < 0) {
            return null;
        }
        usedChildren[i] = true;
        return element.children().get(i);
    }

    /** Every unused child with this name, handed over raw, in document order. */
    List<XmlElement> takeChildren(String name) {
        List<XmlElement> all = element.children();
        List<XmlElement> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!usedChildren[i] && all.get(i).name().equals(name)) {
                usedChildren[i] = true;
                found.add(all.get(i));
            }
        }
        return found;
    }

    /** Every unused child, handed over raw, in document order. */
    List<XmlElement> takeRemaining() {
        List<XmlElement> all = element.children();
        List<XmlElement> rest = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (!usedChildren[i]) {
                usedChildren[i] = true;
                rest.add(all.get(i));
            }
        }
        return rest;
    }

    /** Everything not understood here and in attached children, at locations relative to here. */
    Unknowns unknowns() {
        Unknowns.Builder b = Unknowns.builder();
        collect("", b);
        return b.build();
    }

    private void collect(String location, Unknowns.Builder b) {
        for (Map.Entry<String, String> a : element.attributes().entrySet()) {
            if (usedAttributes == null || !usedAttributes.contains(a.getKey())) {
                b.attribute(location, a.getKey(), a.getValue());
            }
        }
        List<XmlElement> all = element.children();
        for (int i = 0; i < all.size(); i++) {
            if (!usedChildren[i]) {
                b.element(location, all.get(i));
            }
        }
        if (opened != null) {
            for (int i = 0; i < opened.size(); i++) {
                String sub = openedLocations.get(i);
                opened.get(i).collect(location.isEmpty() ? sub : location + "/" + sub, b);
            }
        }
    }

    private int indexOfUnused(String name) {
        List<XmlElement> all = element.children();
        for (int i = 0; i < all.size(); i++) {
            if (!usedChildren[i] && all.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private ElementCursor open(int index, String location) {
        usedChildren[index] = true;
        XmlElement child = element.children().get(index);
        ElementCursor c = new ElementCursor(child, path + "/" + child.name(), domain);
        if (opened == null) {
            opened = new ArrayList<>(4);
            openedLocations = new ArrayList<>(4);
        }
        opened.add(c);
        openedLocations.add(location);
        return c;
    }
}
