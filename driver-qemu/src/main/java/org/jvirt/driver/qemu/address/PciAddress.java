package org.jvirt.driver.qemu.address;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.model.DeviceAddress;

/**
 * A guest PCI address: domain, bus, slot, function, and the {@code multifunction} switch ({@code null}
 * when absent, else {@code on} or {@code off}).
 */
record PciAddress(long domain, int bus, int slot, int function, String multifunction) {

    static PciAddress of(int bus, int slot, int function) {
        return new PciAddress(0, bus, slot, function, null);
    }

    /** The PCI address {@code address} names, or null when it is not a PCI address. */
    static PciAddress of(DeviceAddress address) {
        if (address == null || !"pci".equals(address.type())) {
            return null;
        }
        Map<String, String> a = address.attributes();
        return new PciAddress(number(a.get("domain")), (int) number(a.get("bus")), (int) number(a.get("slot")),
                (int) number(a.get("function")), a.get("multifunction"));
    }

    /** virPCIDeviceAddressIsEmpty's opposite: a slot was chosen (a bare {@code type='pci'} asks for one). */
    boolean present() {
        return domain != 0 || bus != 0 || slot != 0;
    }

    boolean sameSlot(PciAddress other) {
        return domain == other.domain && bus == other.bus && slot == other.slot;
    }

    PciAddress withMultifunction(String value) {
        return new PciAddress(domain, bus, slot, function, value);
    }

    /** The address as libvirt writes it in a device's {@code <address>}. */
    DeviceAddress toDeviceAddress() {
        DeviceAddress plain = DeviceAddress.pci((int) domain, bus, slot, function);
        if (multifunction == null) {
            return plain;
        }
        Map<String, String> a = new LinkedHashMap<>(plain.attributes());
        a.put("multifunction", multifunction);
        return new DeviceAddress("pci", a);
    }

    /** As libvirt's messages write it (virPCIDeviceAddressAsString): {@code 0000:00:01.1}. */
    @Override
    public String toString() {
        return String.format("%04x:%02x:%02x.%x", domain, bus, slot, function);
    }

    /** A number as libvirt reads it (base 0: {@code 0x} hexadecimal, a leading 0 octal); 0 when absent. */
    static long number(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String t = text.strip();
        // Parsed where the digits stand, no substring (a define reads some sixty of these); a number that does
        // not parse is parsed again the old way, for the old exception's words.
        int radix = t.startsWith("0x") || t.startsWith("0X") ? 16 : t.length() > 1 && t.startsWith("0") ? 8 : 10;
        int begin = radix == 16 ? 2 : radix == 8 ? 1 : 0;
        try {
            return Long.parseLong(t, begin, t.length(), radix);
        } catch (NumberFormatException e) {
            return Long.parseLong(t.substring(begin), radix);
        }
    }
}
