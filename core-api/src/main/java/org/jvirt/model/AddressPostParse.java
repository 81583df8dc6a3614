package org.jvirt.model;

import static org.jvirt.model.CNumbers.UINT_MAX;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.xml.XmlElement;

/**
 * A device address as libvirt reads and writes it (virDomainDeviceAddressParseXML,
 * virDomainDeviceInfoFormat): numbers in each type's base, written in libvirt's form (PCI in
 * hexadecimal with fixed widths, drive addresses with all four parts), attributes libvirt does
 * not know for the type dropped. Stateless.
 */
final class AddressPostParse {
    private AddressPostParse() {
    }

    /** {@code address} in libvirt's form; the same object when it already is. */
    static DeviceAddress apply(DeviceAddress address) {
        if (address == null) {
            return null;
        }
        String type = address.type();
        if (type == null) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                    "internal error: No type specified for device address");
        }
        Map<String, String> in = address.attributes();
        Map<String, String> out = new LinkedHashMap<>();
        switch (type) {
            case "pci" -> pci(in, out);
            case "drive" -> decimals(in, out, "controller", "bus", "target", "unit");
            case "virtio-serial" -> decimals(in, out, "controller", "bus", "port");
            case "ccid" -> decimals(in, out, "controller", "slot");
            case "usb" -> usb(in, out);
            case "spapr-vio" -> {
                long reg = number(in, "reg", 16, Long.MAX_VALUE);
                if (reg != 0) {
                    out.put("reg", String.format("0x%08x", reg));
                }
            }
            case "ccw" -> ccw(in, out);
            case "isa" -> {
                long iobase = number(in, "iobase", 16, UINT_MAX);
                long irq = number(in, "irq", 16, UINT_MAX);
                if (iobase > 0) {
                    out.put("iobase", "0x" + Long.toHexString(iobase));
                }
                if (irq > 0) {
                    out.put("irq", "0x" + Long.toHexString(irq));
                }
            }
            case "dimm" -> {
                if (!in.containsKey("slot")) {
                    throw xml("Missing required attribute 'slot' in element 'address'");
                }
                out.put("slot", Long.toString(number(in, "slot", 10, UINT_MAX)));
                long base = number(in, "base", 16, Long.MAX_VALUE);
                if (base != 0) {
                    out.put("base", "0x" + Long.toHexString(base));
                }
            }
            case "virtio-s390", "virtio-mmio", "unassigned" -> {
                // No attributes.
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: unknown address type '" + type + "'");
        }
        return out.equals(in) ? address : new DeviceAddress(type, out);
    }

    /**
     * A host's PCI address, a host device's source (virPCIDeviceAddressParseXML and
     * virPCIDeviceAddressFormat): all four numbers, in libvirt's widths, zeros too; {@code type='pci'}
     * first when {@code withType} (an interface of type hostdev writes it, a hostdev does not).
     */
    static XmlElement hostPci(XmlElement address, boolean withType) {
        Map<String, String> in = address.attributes();
        XmlElement.Builder b = XmlElement.builder("address");
        if (withType) {
            b.attribute("type", "pci");
        }
        Map<String, String> out = new LinkedHashMap<>();
        pci(in, out);
        if (out.isEmpty() || out.size() == 1 && out.containsKey("multifunction")) {
            out.put("domain", "0x0000");
            out.put("bus", "0x00");
            out.put("slot", "0x00");
            out.put("function", "0x0");
        }
        out.remove("multifunction");
        out.forEach(b::attribute);
        address.children().forEach(b::child);
        XmlElement done = b.text(address.text()).build();
        return done.equals(address) ? address : done;
    }

    private static void pci(Map<String, String> in, Map<String, String> out) {
        long domain = number(in, "domain", 0, UINT_MAX);
        long bus = number(in, "bus", 0, UINT_MAX);
        long slot = number(in, "slot", 0, UINT_MAX);
        long function = number(in, "function", 0, UINT_MAX);
        String multi = in.get("multifunction");
        if (multi != null && !multi.equals("on") && !multi.equals("off")) {
            throw xml("Invalid value for attribute 'multifunction' in element 'address': '" + multi + "'");
        }
        boolean empty = domain == 0 && bus == 0 && slot == 0;
        if (!empty) {
            if (bus > 0xFF) {
                throw xml("Invalid PCI address bus='0x" + Long.toHexString(bus) + "', must be <= 0xFF");
            }
            if (slot > 0x1F) {
                throw xml("Invalid PCI address slot='0x" + Long.toHexString(slot) + "', must be <= 0x1F");
            }
            if (function > 7) {
                throw xml("Invalid PCI address function=0x" + Long.toHexString(function) + ", must be <= 7");
            }
            out.put("domain", String.format("0x%04x", domain));
            out.put("bus", String.format("0x%02x", bus));
            out.put("slot", String.format("0x%02x", slot));
            out.put("function", "0x" + function);
        }
        if (multi != null) {
            out.put("multifunction", multi);
        }
    }

    private static void usb(Map<String, String> in, Map<String, String> out) {
        // Written with %d, as the drive addresses' numbers.
        out.put("bus", Integer.toString((int) number(in, "bus", 10, UINT_MAX)));
        String port = in.get("port");
        if (port != null) {
            // Up to four hub levels, dot-separated decimals.
            if (!port.matches("[0-9]+(\\.[0-9]+){0,3}")) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                        "internal error: Cannot parse <address> 'port' attribute");
            }
            StringBuilder canonical = new StringBuilder();
            for (String part : port.split("\\.")) {
                Long value = CNumbers.strToUip(part);
                if (value == null || value == 0) {
                    throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                            "internal error: Cannot parse <address> 'port' attribute");
                }
                canonical.append(canonical.length() == 0 ? "" : ".").append(value);
            }
            out.put("port", canonical.toString());
        }
    }

    private static void ccw(Map<String, String> in, Map<String, String> out) {
        long cssid = number(in, "cssid", 0, UINT_MAX);
        long ssid = number(in, "ssid", 0, UINT_MAX);
        long devno = number(in, "devno", 0, UINT_MAX);
        String hexes = "cssid='0x" + Long.toHexString(cssid) + "' ssid='0x" + Long.toHexString(ssid)
                + "' devno='" + String.format("0x%04x", devno) + "'";
        if (cssid > 0xFE || ssid > 0x3 || devno > 0xFFFF) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                    "internal error: Invalid specification for virtio ccw address: " + hexes);
        }
        int present = (in.containsKey("cssid") ? 1 : 0) + (in.containsKey("ssid") ? 1 : 0)
                + (in.containsKey("devno") ? 1 : 0);
        if (present != 0 && present != 3) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                    "internal error: Invalid partial specification for virtio ccw address");
        }
        out.put("cssid", "0x" + Long.toHexString(cssid));
        out.put("ssid", "0x" + Long.toHexString(ssid));
        out.put("devno", String.format("0x%04x", devno));
    }

    /**
     * Unsigned ints libvirt writes with {@code %d} (virDomainDeviceInfoFormat's drive, virtio-serial
     * and CCID addresses): one above INT_MAX comes back negative, as from libvirt.
     */
    private static void decimals(Map<String, String> in, Map<String, String> out, String... names) {
        for (String name : names) {
            out.put(name, Integer.toString((int) number(in, name, 10, UINT_MAX)));
        }
    }

    /**
     * An unsigned attribute as virXMLPropUInt and virXMLPropULongLong read it in {@code base}
     * (virStrToLong_uip and _ullp: 0 reads {@code 0x} as hexadecimal and a leading {@code 0} as octal,
     * 16 allows the {@code 0x}), at most {@code max}; 0 when absent.
     */
    static long number(Map<String, String> in, String name, int base, long max) {
        String v = in.get(name);
        if (v == null) {
            return 0;
        }
        Long value = CNumbers.strToUllp(v, base);
        if (value != null && Long.compareUnsigned(value, max) <= 0) {
            return value;
        }
        throw xml("Invalid value for attribute '" + name + "' in element 'address': '" + v
                + "'. Expected non-negative integer value");
    }

    private static VirtException xml(String message) {
        return XmlValues.invalid(ErrorDomain.DOMAIN, message);
    }
}
