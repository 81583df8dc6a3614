package org.jvirt.model;

import org.jvirt.api.ErrorDomain;
import org.jvirt.model.xml.XmlElement;

/**
 * A disk's backing chain as libvirt reads it from an inactive definition and writes it back
 * (virDomainDiskBackingStoreParse, virDomainDiskBackingStoreFormat): each layer's type, its
 * format, its source, then the layer below; a layer without a type ends the chain. Chain
 * indexes belong to a running guest and are not read. Stateless.
 */
final class BackingChains {
    private BackingChains() {
    }

    /** {@code backingStore} as libvirt writes it back; the same object when it already is. */
    static XmlElement read(XmlElement backingStore) {
        String type = backingStore.attribute("type");
        if (type == null) {
            return backingStore.attributes().isEmpty() && backingStore.children().isEmpty()
                    && backingStore.text().isEmpty() ? backingStore : XmlElement.of("backingStore");
        }
        XmlElement format = backingStore.child("format");
        if (format == null || format.attribute("type") == null || format.attribute("type").isEmpty()) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "missing disk backing store format");
        }
        XmlElement source = backingStore.child("source");
        if (source == null) {
            throw XmlValues.invalid(ErrorDomain.DOMAIN, "missing disk backing store source");
        }
        XmlElement.Builder b = XmlElement.builder("backingStore").attribute("type", type);
        backingStore.attributes().forEach((k, v) -> {
            if (!k.equals("type") && !k.equals("index")) {
                b.attribute(k, v);
            }
        });
        b.child(format);
        b.child(withoutBlankText(source));
        XmlElement below = backingStore.child("backingStore");
        if (below != null) {
            b.child(read(below));
        }
        for (XmlElement child : backingStore.children()) {
            String name = child.name();
            if (!name.equals("format") && !name.equals("source") && !name.equals("backingStore")) {
                b.child(child);
            }
        }
        XmlElement done = b.build();
        return done.equals(backingStore) ? backingStore : done;
    }

    /** An element with children but no text, or with only white space between its tags, has none. */
    private static XmlElement withoutBlankText(XmlElement e) {
        if (e.text().isEmpty() || !e.text().isBlank()) {
            return e;
        }
        return e.toBuilder().text("").build();
    }
}
