package org.jvirt.model;

import org.jvirt.api.ErrorDomain;

/**
 * Memory sizes with libvirt's {@code unit=} attribute as the parser reads {@code <memory>} and its
 * like, in jvirt's own words: units as {@link ScaledValues#bytesPerUnit} (the package's one table,
 * virScaleInteger's), no unit meaning KiB (libvirt 0.4's only form). Sizes are held in KiB, rounded
 * up, and may not exceed {@link Long#MAX_VALUE} bytes, as in libvirt.
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
        return ScaledValues.kibRoundedUp(bytes);
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
        long scale = ScaledValues.bytesPerUnit(unit);
        if (scale == 0) {
            throw XmlValues.invalid(domain, "unknown unit '" + unit + "' for " + what);
        }
        return scale;
    }
}
