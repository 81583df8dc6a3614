package org.jvirt.model;

import java.util.Locale;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Memory sizes with libvirt's {@code unit=} attribute ({@code virScaleInteger}): no unit means
 * KiB (libvirt 0.4's only form); {@code b}/{@code byte}/{@code bytes} are bytes; a letter
 * {@code k m g t p e} alone or followed by {@code iB} is a power of 1024, followed by {@code B}
 * a power of 1000; letters are case-insensitive. Sizes are held in KiB, rounded up, and may not
 * exceed {@link Long#MAX_VALUE} bytes, as in libvirt.
 *
 * @since 1.0
 */
final class MemoryUnits {
    private MemoryUnits() {
    }

    /** The size in KiB of the element {@code at}, whose text is the number. */
    static long kib(ElementCursor at) {
        String unit = at.attr("unit");
        String what = "<" + at.path() + ">";
        long value = XmlValues.nonNegativeLong(at.text(), what, at.errorDomain());
        long scale = bytesPerUnit(unit, what, at.errorDomain());
        long bytes;
        try {
            bytes = Math.multiplyExact(value, scale);
        } catch (ArithmeticException e) {
            throw XmlValues.invalid(at.errorDomain(), "value " + value + (unit == null ? "" : " " + unit)
                    + " for " + what + " is too large: the maximum is " + Long.MAX_VALUE + " bytes");
        }
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
    }

    private static long bytesPerUnit(String unit, String what, ErrorDomain domain) {
        if (unit == null || unit.isEmpty()) {
            return 1024;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return 1;
        }
        long base;
        if (u.length() == 1 || u.substring(1).equals("ib")) {
            base = 1024;
        } else if (u.length() == 2 && u.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw unknown(unit, what, domain);
        }
        int power = switch (u.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> throw unknown(unit, what, domain);
        };
        long scale = 1;
        for (int i = 0; i < power; i++) {
            scale *= base;
        }
        return scale;
    }

    private static VirtException unknown(String unit, String what, ErrorDomain domain) {
        return XmlValues.invalid(domain, "unknown unit '" + unit + "' for " + what);
    }
}
