package org.jvirt.driver.qemu.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.UnknownDevice;
import org.jvirt.model.xml.XmlElement;

/**
 * Reading the devices the model keeps as elements ({@link UnknownDevice}: {@code <rng>}, {@code <hub>},
 * {@code <watchdog>}, {@code <panic>}): the elements of one kind in document order, their
 * {@code <address>}, and whether an element has only the attributes and children a builder reads, so
 * that a device with anything more stays unknown and is refused as such. Stateless.
 */
final class ElementDevices {
    private ElementDevices() {
    }

    /** The definition's device elements named {@code name}, in document order. */
    static List<XmlElement> named(DomainDefinition def, String name) {
        return def.devices().stream().filter(d -> d instanceof UnknownDevice u && u.elementName().equals(name))
                .map(d -> ((UnknownDevice) d).element()).toList();
    }

    /** A device element's {@code <address>} as the model's address (type apart from the rest), or null. */
    static DeviceAddress address(XmlElement device) {
        XmlElement a = device.child("address");
        if (a == null) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>(a.attributes());
        String type = attributes.remove("type");
        return new DeviceAddress(type, attributes);
    }

    /**
     * Whether {@code e} has no attributes but {@code attributes}, no children but {@code children} (each
     * at most once) and no text of its own.
     */
    static boolean only(XmlElement e, Set<String> attributes, Set<String> children) {
        return attributes.containsAll(e.attributes().keySet()) && e.text().isBlank()
                && e.children().stream().allMatch(c -> children.contains(c.name()))
                && e.children().stream().map(XmlElement::name).distinct().count() == e.children().size();
    }

    /** Whether {@code e} has no attributes but {@code attributes} and nothing inside but text. */
    static boolean leaf(XmlElement e, Set<String> attributes) {
        return attributes.containsAll(e.attributes().keySet()) && e.children().isEmpty();
    }
}
