package org.jvirt.driver.xm.config;

import org.jvirt.model.xml.XmlElement;

/** Small ways to build the domain XML the reader makes, as libvirt 0.4.4's xm driver printed it. Stateless. */
final class Xml {
    private Xml() {
    }

    /** {@code <name a1='v1' a2='v2'...>}: attributes in pairs, those whose value is null left out. */
    static XmlElement.Builder element(String name, String... attributes) {
        XmlElement.Builder b = XmlElement.builder(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                b.attribute(attributes[i], attributes[i + 1]);
            }
        }
        return b;
    }

    /** An element holding text only. */
    static XmlElement text(String name, String text) {
        return XmlElement.builder(name).text(text).build();
    }

    /** An empty element with attributes, as {@link #element}. */
    static XmlElement empty(String name, String... attributes) {
        return element(name, attributes).build();
    }
}
