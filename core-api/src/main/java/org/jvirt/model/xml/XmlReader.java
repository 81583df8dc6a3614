package org.jvirt.model.xml;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Parses untrusted XML into an {@link XmlElement} tree, refusing everything that makes XML
 * dangerous: any {@code <!DOCTYPE>} (so no entity expansion and no external entities),
 * documents longer than {@link #maxDocumentChars()} characters, and elements nested deeper
 * than {@link #MAX_DEPTH}. Only XML 1.0 is accepted, as by libvirt.
 *
 * <p>Every failure is a {@link VirtException} with {@link ErrorCode#XML_ERROR} in
 * {@link ErrorDomain#XML}; a malformed document's message reads
 * {@code XML error: line L, column C: what}. Parsing is a pure function of its input.
 *
 * <p>The JDK's own StAX parser does the work (never another provider found on the class path),
 * namespace-unaware so that prefixed names and {@code xmlns} declarations are kept verbatim.
 * Thread-safe: the configured factory is shared.
 *
 * @since 1.0
 */
public final class XmlReader {
    /** The default size limit: 10 MiB of characters. */
    public static final int DEFAULT_MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;
    /** How deeply elements may nest; libvirt documents use fewer than ten levels. */
    public static final int MAX_DEPTH = 256;

    private static final XMLInputFactory FACTORY = newFactory();
    private static volatile int maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;

    private XmlReader() {
    }

    /** The current size limit, in characters. */
    public static int maxDocumentChars() {
        return maxDocumentChars;
    }

    /**
     * Changes the size limit for every later parse in this JVM.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public static void setMaxDocumentChars(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        maxDocumentChars = limit;
    }

    /**
     * Parses a whole document and returns its root element.
     *
     * @throws VirtException XML_ERROR when the document is null, too large, malformed, has a
     *                       DOCTYPE, or nests too deeply
     */
    public static XmlElement parse(String xml) {
        if (xml == null) {
            throw error("XML error: no document given");
        }
        int limit = maxDocumentChars;
        if (xml.length() > limit) {
            throw error("XML error: document too large: " + xml.length()
                    + " characters, the limit is " + limit);
        }
        // A byte-order mark survives decoding into a String; libxml2 accepts it, so do we.
        String doc = !xml.isEmpty() && xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(doc));
            return readTree(reader);
        } catch (XMLStreamException e) {
            throw malformed(e.getLocation() != null ? e.getLocation() : locationOf(reader),
                    describe(e), e);
        } catch (RuntimeException e) {
            if (e instanceof VirtException v) {
                throw v;
            }
            // The JDK parser reports a few malformed inputs with unchecked exceptions.
            throw malformed(locationOf(reader), String.valueOf(e.getMessage()), e);
        } finally {
            closeQuietly(reader);
        }
    }

    private static XmlElement readTree(XMLStreamReader r) throws XMLStreamException {
        ArrayDeque<OpenElement> open = new ArrayDeque<>();
        XmlElement root = null;
        // XML 1.1 lets character references name control characters, which XML 1.0 (all that
        // libvirt reads and writes) cannot carry.
        String version = r.getVersion();
        if (version != null && !version.equals("1.0")) {
            throw malformed(r.getLocation(), "XML version " + version + " is not supported", null);
        }
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw malformed(r.getLocation(), "elements nested deeper than " + MAX_DEPTH
                                + " levels", null);
                    }
                    open.push(new OpenElement(r));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                case XMLStreamConstants.DTD -> throw malformed(r.getLocation(),
                        "DOCTYPE is not allowed", null);
                case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed(r.getLocation(),
                        "entity reference '" + r.getLocalName() + "' is not allowed", null);
                default -> {
                    // comments, processing instructions, document start and end: not kept
                }
            }
        }
        if (root == null) {
            throw malformed(r.getLocation(), "no root element", null);
        }
        return root;
    }

    /** An element whose end tag has not been read yet. */
    private static final class OpenElement {
        final String name;
        final Map<String, String> attributes;
        final List<XmlElement> children = new ArrayList<>(4);
        String raw;
        StringBuilder rawMore;
        StringBuilder trimmed;

        OpenElement(XMLStreamReader r) {
            name = r.getLocalName();
            int n = r.getAttributeCount();
            if (n == 0) {
                attributes = Map.of();
            } else {
                Map<String, String> map = new LinkedHashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    String prefix = r.getAttributePrefix(i);
                    String local = r.getAttributeLocalName(i);
                    map.put(prefix == null || prefix.isEmpty() ? local : prefix + ':' + local,
                            r.getAttributeValue(i));
                }
                attributes = Collections.unmodifiableMap(map);
            }
        }

        void text(String chunk) {
            // Keep both readings; which one counts depends on whether children turn up.
            if (raw == null) {
                raw = chunk;
            } else {
                if (rawMore == null) {
                    rawMore = new StringBuilder(raw);
                }
                rawMore.append(chunk);
            }
            String t = chunk.strip();
            if (!t.isEmpty()) {
                if (trimmed == null) {
                    trimmed = new StringBuilder();
                }
                trimmed.append(t);
            }
        }

        XmlElement build() {
            String text;
            if (children.isEmpty()) {
                text = rawMore != null ? rawMore.toString() : raw != null ? raw : "";
            } else {
                text = trimmed != null ? trimmed.toString() : "";
            }
            return XmlElement.trusted(name, attributes,
                    children.isEmpty() ? List.of() : List.copyOf(children), text);
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity '" + systemId + "' is not allowed");
        });
        return f;
    }

    private static String describe(XMLStreamException e) {
        // The JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: "; we print our own position.
        String m = String.valueOf(e.getMessage());
        int at = m.indexOf("Message: ");
        return at >= 0 ? m.substring(at + "Message: ".length()).strip() : m.strip();
    }

    private static Location locationOf(XMLStreamReader reader) {
        try {
            return reader == null ? null : reader.getLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static VirtException malformed(Location at, String what, Throwable cause) {
        int line = at == null ? -1 : at.getLineNumber();
        int column = at == null ? -1 : at.getColumnNumber();
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: line " + line + ", column " + column + ": " + what, null, null, cause);
    }

    private static VirtException error(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, message);
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing was held open: the input is a String
            }
        }
    }
}
