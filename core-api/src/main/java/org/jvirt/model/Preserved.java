package org.jvirt.model;

import org.jvirt.model.xml.XmlWriter;

/**
 * Writing helpers that put preserved unknowns back into the element they came from.
 *
 * @since 1.0
 */
final class Preserved {
    private Preserved() {
    }

    /** Whether anything unknown was kept at {@code location}. */
    static boolean at(Unknowns u, String location) {
        return !u.attributesAt(location).isEmpty() || !u.elementsAt(location).isEmpty();
    }

    /** Adds the unknown attributes kept at {@code location} to the open start tag. */
    static XmlWriter attributes(XmlWriter w, Unknowns u, String location) {
        return w.attributes(u.attributesAt(location));
    }

    /** Closes the open element {@code name} with its text (may be empty) and the unknown children kept at {@code location}. */
    static void close(XmlWriter w, String name, String text, Unknowns u, String location) {
        w.closeWithContent(name, text, u.elementsAt(location));
    }

    /** Writes {@code <name>text</name>} with whatever was kept at {@code location}; nothing when text is null. */
    static void textElement(XmlWriter w, String name, String text, Unknowns u, String location) {
        if (text != null) {
            w.open(name);
            attributes(w, u, location);
            close(w, name, text, u, location);
        }
    }
}
