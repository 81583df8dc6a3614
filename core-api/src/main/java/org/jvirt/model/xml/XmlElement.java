package org.jvirt.model.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One XML element as jvirt keeps it: a name, its attributes in document order, its child
 * elements, and its text. This is the verbatim form in which definitions keep whatever XML
 * their model does not understand, so it can be written back unchanged.
 *
 * <p>Names are qualified names exactly as written ({@code qemu:commandline}); namespace
 * declarations are ordinary attributes ({@code xmlns:qemu}). Comments and processing
 * instructions are not kept.
 *
 * <p>{@link #text()} of an element without children is its character data verbatim (CDATA
 * merged in); of an element with children it is the concatenation of its trimmed, non-blank
 * text runs, so that indentation does not count as content.
 *
 * <p>Instances are immutable and safe to share between threads; {@link #equals} compares by
 * value (attribute order is not significant). No accessor returns null except
 * {@link #attribute(String)} and {@link #child(String)}.
 *
 * @since 1.0
 */
public final class XmlElement {
    private final String name;
    private final Map<String, String> attributes;
    private final List<XmlElement> children;
    private final String text;

    private XmlElement(String name, Map<String, String> attributes, List<XmlElement> children,
                       String text) {
        this.name = name;
        this.attributes = attributes;
        this.children = children;
        this.text = text;
    }

    /** Trusted construction from the reader: the arguments are already immutable and valid. */
    static XmlElement trusted(String name, Map<String, String> attributes, List<XmlElement> children,
                              String text) {
        return new XmlElement(name, attributes, children, text);
    }

    /** An element with no attributes, children or text. */
    public static XmlElement of(String name) {
        return builder(name).build();
    }

    /**
     * Starts an element.
     *
     * @throws IllegalArgumentException if {@code name} is not an XML name
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding a copy of this element, to derive a changed one. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.attributes.putAll(attributes);
        b.children.addAll(children);
        b.text = text;
        return b;
    }

    /** The qualified name as written; never null. */
    public String name() {
        return name;
    }

    /** The attributes in document order, unmodifiable; never null. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The value of one attribute, or null when absent. */
    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    /** The child elements in document order, unmodifiable; never null. */
    public List<XmlElement> children() {
        return children;
    }

    /** The first child element with this name, or null. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The text content (see the class comment); empty, never null, when there is none. */
    public String text() {
        return text;
    }

    /** This element serialised as libvirt formats XML (two-space indent, single quotes), ending in a newline. */
    @Override
    public String toString() {
        return new XmlWriter().element(this).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XmlElement e && name.equals(e.name) && text.equals(e.text)
                && attributes.equals(e.attributes) && children.equals(e.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, attributes, children, text);
    }

    /** Collects the parts of an {@link XmlElement}; not thread-safe, use it from one thread. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<XmlElement> children = new ArrayList<>();
        private String text = "";

        private Builder(String name) {
            this.name = requireXmlName(name);
        }

        /**
         * Sets an attribute (replacing one of the same name, keeping its position).
         *
         * @throws IllegalArgumentException if {@code attributeName} is not an XML name
         * @throws NullPointerException if {@code value} is null
         */
        public Builder attribute(String attributeName, String value) {
            attributes.put(requireXmlName(attributeName), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Appends a child element. */
        public Builder child(XmlElement child) {
            children.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** Sets the text content; null means none. */
        public Builder text(String newText) {
            this.text = newText == null ? "" : newText;
            return this;
        }

        public XmlElement build() {
            return new XmlElement(name, Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                    List.copyOf(children), text);
        }
    }

    /**
     * Accepts the names the reader can produce (letters, digits, {@code _ : . -}, not starting
     * with a digit, dot or dash), so a built element can never inject markup when written.
     */
    static String requireXmlName(String candidate) {
        Objects.requireNonNull(candidate, "name");
        boolean ok = !candidate.isEmpty();
        for (int i = 0; ok && i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean start = Character.isLetter(c) || c == '_' || c == ':';
            ok = i == 0 ? start : start || Character.isDigit(c) || c == '.' || c == '-';
        }
        if (!ok) {
            throw new IllegalArgumentException("not an XML name: '" + candidate + "'");
        }
        return candidate;
    }
}
