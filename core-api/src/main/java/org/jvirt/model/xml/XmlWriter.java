package org.jvirt.model.xml;

import java.util.List;
import java.util.Map;

/**
 * Writes XML exactly as libvirt formats it: two spaces of indentation per level, attributes in
 * single quotes, {@code <x/>} for an element without content, one element per line, and every
 * line ending in a newline.
 *
 * <p>Escaping follows libvirt's {@code virBufferEscapeString}: {@code & < > ' "} become entity
 * references in attribute values and in text alike, and characters XML 1.0 cannot carry
 * (control characters other than tab, newline and carriage return, lone surrogates,
 * U+FFFE/U+FFFF) are dropped, so the output is always well-formed. Where libvirt writes a
 * character that a reader would normalise away, a character reference is written instead so
 * that values survive a round trip: carriage returns anywhere, tabs and newlines in attributes.
 *
 * <p>Element and attribute names passed to {@link #open}, {@link #attribute} and
 * {@link #end} are written as given: callers pass constants or names taken from an
 * {@link XmlElement}. The writer does not check that elements are balanced.
 *
 * <p>Built on one {@link StringBuilder} for speed; an instance is not thread-safe and is meant
 * for one document.
 *
 * @since 1.0
 */
public final class XmlWriter {
    private static final String SPACES = " ".repeat(64);

    private final StringBuilder out;
    private int depth;

    public XmlWriter() {
        this(1024);
    }

    /** @param capacity the initial buffer size in characters */
    public XmlWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /** Starts an element on a new indented line: {@code <name}. Follow with attributes and a close. */
    public XmlWriter open(String name) {
        indent();
        out.append('<').append(name);
        return this;
    }

    /** Adds {@code  name='value'} to the open start tag; does nothing when {@code value} is null. */
    public XmlWriter attribute(String name, String value) {
        if (value != null) {
            out.append(' ').append(name).append("='");
            escape(value, true);
            out.append('\'');
        }
        return this;
    }

    /** Adds a numeric attribute to the open start tag. */
    public XmlWriter attribute(String name, long value) {
        out.append(' ').append(name).append("='").append(value).append('\'');
        return this;
    }

    /** Adds every attribute of {@code attributes}, in iteration order. */
    public XmlWriter attributes(Map<String, String> attributes) {
        if (!attributes.isEmpty()) {
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                attribute(a.getKey(), a.getValue());
            }
        }
        return this;
    }

    /** Ends the open start tag as an empty element: {@code />}. */
    public XmlWriter closeEmpty() {
        out.append("/>\n");
        return this;
    }

    /** Ends the open start tag so that child elements follow on the next lines, one level deeper. */
    public XmlWriter closeStart() {
        out.append(">\n");
        depth++;
        return this;
    }

    /** Ends the open start tag with text content and the end tag on the same line. */
    public XmlWriter closeWithText(String name, String text) {
        out.append('>');
        escape(text, false);
        out.append("</").append(name).append(">\n");
        return this;
    }

    /**
     * Ends the open start tag with whatever content there is: nothing ({@code />}), text only
     * (on one line), or children (indented, after any text).
     */
    public XmlWriter closeWithContent(String name, String text, List<XmlElement> children) {
        if (children.isEmpty()) {
            return text.isEmpty() ? closeEmpty() : closeWithText(name, text);
        }
        out.append('>');
        escape(text, false);
        out.append('\n');
        depth++;
        for (XmlElement child : children) {
            element(child);
        }
        return end(name);
    }

    /** Writes the end tag of the element opened with {@link #closeStart()}, one level up. */
    public XmlWriter end(String name) {
        depth--;
        indent();
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** Writes {@code <name>text</name>} on one line; does nothing when {@code text} is null. */
    public XmlWriter textElement(String name, String text) {
        if (text != null) {
            open(name);
            closeWithText(name, text);
        }
        return this;
    }

    /** Writes an element and everything inside it. */
    public XmlWriter element(XmlElement element) {
        open(element.name());
        attributes(element.attributes());
        return closeWithContent(element.name(), element.text(), element.children());
    }

    /** Writes an empty line, as libvirt does between the sections of capabilities. */
    public XmlWriter blankLine() {
        out.append('\n');
        return this;
    }

    /** The document written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void indent() {
        int n = depth * 2;
        while (n > SPACES.length()) {
            out.append(SPACES);
            n -= SPACES.length();
        }
        out.append(SPACES, 0, n);
    }

    private void escape(String s, boolean inAttribute) {
        int len = s.length();
        int i = 0;
        while (i < len && plain(s.charAt(i))) {
            i++;
        }
        out.append(s, 0, i);
        for (; i < len; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                // A reader normalises these away (to spaces in attributes, CR to LF in text),
                // so they are written as references to survive a round trip.
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(inAttribute ? "&#10;" : "\n");
                case '\t' -> out.append(inAttribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < len
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (allowed(c)) {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c < 0xD800 && c != '<' && c != '>' && c != '&' && c != '\'' && c != '"';
    }

    private static boolean allowed(char c) {
        return c >= 0x20 ? !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF
                : c == '\n' || c == '\t' || c == '\r';
    }
}
