package org.jvirt.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device's {@code <address>}: its {@code type} ({@code pci}, {@code drive}, {@code usb}...)
 * and every other attribute verbatim, in order. The model does not interpret addresses; it
 * keeps them so that they survive a round trip exactly.
 *
 * @param type the address type, or null when the element had none
 * @param attributes the other attributes in document order; never null, unmodifiable
 *
 * @since 1.0
 */
public record DeviceAddress(String type, Map<String, String> attributes) {

    public DeviceAddress {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(attributes, "attributes")));
    }

    /**
     * The address an {@code <address>} element describes: its {@code type}, and its other attributes in
     * document order (for devices the model keeps as elements).
     *
     * @param address an {@code <address>} element; never null
     */
    public static DeviceAddress of(org.jvirt.model.xml.XmlElement address) {
        Map<String, String> attributes = new LinkedHashMap<>(address.attributes());
        String type = attributes.remove("type");
        return new DeviceAddress(type, attributes);
    }

    /** A PCI address as libvirt writes it: {@code domain='0x0000' bus='0x01' slot='0x00' function='0x0'}. */
    public static DeviceAddress pci(int domain, int bus, int slot, int function) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("domain", hex(domain, 4));
        a.put("bus", hex(bus, 2));
        a.put("slot", hex(slot, 2));
        a.put("function", hex(function, 1));
        return new DeviceAddress("pci", a);
    }

    /** A disk controller address: {@code controller='0' bus='0' target='0' unit='0'}. */
    public static DeviceAddress drive(int controller, int bus, int target, int unit) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("controller", Integer.toString(controller));
        a.put("bus", Integer.toString(bus));
        a.put("target", Integer.toString(target));
        a.put("unit", Integer.toString(unit));
        return new DeviceAddress("drive", a);
    }

    /** One attribute other than {@code type}, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /**
     * The texts of small numbers, by digits (1, 2 or 4) and value, made when first asked: every PCI address
     * a define assigns writes four. Racy but safe: a String is immutable, and two threads make equal ones.
     */
    private static final String[][] SMALL_HEX = {null, new String[256], new String[256], null, new String[256]};

    private static String hex(int value, int digits) {
        String[] known = value >= 0 && value < 256 && digits < SMALL_HEX.length ? SMALL_HEX[digits] : null;
        if (known != null && known[value] != null) {
            return known[value];
        }
        String h = Integer.toHexString(value);
        String text = "0x" + "0".repeat(Math.max(0, digits - h.length())) + h;
        if (known != null) {
            known[value] = text;
        }
        return text;
    }
}
