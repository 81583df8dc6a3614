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
        String what = "<" + at.path() + ">";
        long bytes = bytes(at.text(), at.attr("unit"), 1024, what, at.errorDomain());
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
    }

    /**
     * The size in bytes of {@code text} in {@code unit}; a missing unit counts {@code defaultScale}
     * bytes (virParseScaledValue's default scale: 1024 for memory, 1 for some device sizes).
     */
    static long bytes(String text, String unit, long defaultScale, String what, ErrorDomain domain) {
        long value = XmlValues.nonNegativeLong(text, what, domain);
        long scale = unit == null || unit.isEmpty() ? defaultScale : bytesPerUnit(unit, what, domain);
        try {
            return Math.multiplyExact(value, scale);
        } catch (ArithmeticException e) {
            throw XmlValues.invalid(domain, "value " + value + (unit == null ? "" : " " + unit)
                    + " for " + what + " is too large: the maximum is " + Long.MAX_VALUE + " bytes");
        }
    }

    private static long bytesPerUnit(String unit, String what, ErrorDomain domain) {
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
