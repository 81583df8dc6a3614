package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
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
        return a == null ? null : DeviceAddress.of(a);
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

    /**
     * The host side of a device element that is a character device in all but name (an RNG's EGD
     * {@code <backend>}, a {@code <smartcard mode='passthrough'>}, a {@code <redirdev>}): its {@code type},
     * {@code <source>}s and {@code <protocol>}, for {@link Chardev#of} and
     * {@link CharDeviceValidate#backend}.
     */
    static CharDevice chardev(XmlElement e) {
        List<CharSource> sources = new ArrayList<>();
        for (XmlElement s : e.children()) {
            if (s.name().equals("source")) {
                sources.add(new CharSource(s.attribute("mode"), s.attribute("path"), s.attribute("host"),
                        s.attribute("service")));
            }
        }
        XmlElement protocol = e.child("protocol");
        return CharDevice.builder("channel").type(e.attribute("type")).sources(sources)
                .protocol(protocol == null ? null : protocol.attribute("type")).build();
    }

    /** Whether a character device element's children are only sources (with reconnection) and a protocol. */
    static boolean chardevChildren(XmlElement e, Set<String> others) {
        for (XmlElement c : e.children()) {
            boolean known = switch (c.name()) {
                case "source" -> only(c, Set.of("mode", "host", "service", "path"), Set.of("reconnect"))
                        && (c.child("reconnect") == null || leaf(c.child("reconnect"), Set.of("enabled", "timeout")));
                case "protocol" -> leaf(c, Set.of("type"));
                default -> others.contains(c.name());
            };
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code -chardev} of a character device element with id {@code id}, and QEMU's reconnection
     * after {@code timeout} seconds when its source asks for it.
     */
    static String chardevArg(XmlElement e, String id) {
        String value = Chardev.of(chardev(e), id);
        XmlElement source = e.child("source");
        XmlElement reconnect = source == null ? null : source.child("reconnect");
        if (reconnect != null && "yes".equals(reconnect.attribute("enabled"))) {
            value += ",reconnect=" + reconnect.attribute("timeout");
        }
        return value;
    }

    /** Refuses a reconnecting source on a character device that is not a socket. */
    static void reconnect(String domain, String where, XmlElement e) {
        XmlElement source = e.child("source");
        if (source != null && source.child("reconnect") != null && !Set.of("tcp", "unix").contains(e.attribute("type"))) {
            throw Unsupported.config(domain, where + ": <reconnect> applies only to tcp and unix sources");
        }
    }

    /**
     * The refusal of a {@code spicevmc} channel: libvirt's words without SPICE graphics; with them, that
     * the driver does not build SPICE's channels.
     */
    static org.jvirt.api.VirtException spicevmc(Guest g, String where) {
        boolean spice = g.def().devices(org.jvirt.model.GraphicsDevice.class).stream()
                .anyMatch(x -> "spice".equals(x.type()));
        return Unsupported.config(g.name(), spice ? where + ": spicevmc channels are not supported by the QEMU driver"
                : "chardev 'spicevmc' not supported without spice graphics");
    }
}
