package org.jvirt.model;

import java.util.Locale;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Sizes with a unit as libvirt reads and writes them: virParseScaledValue with virScaleInteger's
 * table of units (util/virxml.c, util/virutil.c), virDomainParseMemory's KiB (conf/domain_conf.c)
 * and virFormatIntPretty's largest whole unit. The package's one table of units: no unit means the
 * caller's default scale; {@code b}, {@code byte} and {@code bytes} are bytes; a letter {@code k m g
 * t p e} alone or followed by {@code iB} is a power of 1024, followed by {@code B} a power of 1000;
 * letters are case-insensitive. Stateless.
 */
final class ScaledValues {
    /** VIR_DIV_UP(LLONG_MAX, 1024): the first size in KiB virDomainParseMemory refuses. */
    private static final long MAX_KIB = 1L << 53;
    private static final String[] PRETTY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private ScaledValues() {
    }

    /** A size written in its largest whole unit: {@code value} of {@code unit}. */
    record Pretty(long value, String unit) {
    }

    /**
     * virParseScaledValue, required: {@code text} (an unsigned long long, virStrToLong_ullp) in
     * {@code unit}, or in units of {@code defaultScale} bytes when none is given, in bytes and no more
     * than {@code max} (unsigned); refused in libvirt's words, {@code xpath} naming what was read.
     * libvirt's XPath gives no string for an empty value, so an empty one is missing, as an absent one.
     */
    static long parse(String text, String unit, String xpath, long defaultScale, long max) {
        if (text == null || text.isEmpty()) {
            throw XmlValues.invalid(ErrorDomain.XML, "missing element or attribute '" + xpath + "'");
        }
        Long value = CNumbers.strToUllp(text);
        if (value == null) {
            throw XmlValues.invalid(ErrorDomain.XML, "Invalid value '" + text + "' for element or attribute '"
                    + xpath + "'");
        }
        String suffix = unit == null ? "" : unit;
        long scale = defaultScale;
        if (!suffix.isEmpty()) {
            scale = bytesPerUnit(suffix);
            if (scale == 0) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                        ErrorCode.INVALID_ARG.format("unknown suffix '" + suffix + "'"));
            }
        }
        if (value != 0 && Long.compareUnsigned(value, Long.divideUnsigned(max, scale)) > 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    ErrorCode.OVERFLOW.format("value too large: " + Long.toUnsignedString(value) + suffix));
        }
        return value * scale;
    }

    /**
     * virDomainParseMemory, required and not capped to unsigned long: a size in KiB, rounded up, from
     * a number and an optional unit (KiB when none), at most 2^63-1 bytes.
     */
    static long memoryKiB(String text, String unit, String xpath) {
        long kib = kibRoundedUp(parse(text, unit, xpath, 1024, Long.MAX_VALUE));
        if (kib >= MAX_KIB) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.DOMAIN,
                    ErrorCode.OVERFLOW.format("size value too large"));
        }
        return kib;
    }

    /** VIR_DIV_UP(bytes, 1024), {@code bytes} unsigned: a size in bytes as whole KiB, rounded up. */
    static long kibRoundedUp(long bytes) {
        return Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) == 0 ? 0 : 1);
    }

    /**
     * virScaleInteger's table: how many bytes one {@code suffix} is; 0 when it is no unit (or empty),
     * for the caller to refuse in its words.
     */
    static long bytesPerUnit(String suffix) {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return 0;
        }
        if (s.equals("b") || s.equals("byte") || s.equals("bytes")) {
            return 1;
        }
        long base;
        if (s.length() == 1 || s.substring(1).equals("ib")) {
            base = 1024;
        } else if (s.length() == 2 && s.charAt(1) == 'b') {
            base = 1000;
        } else {
            return 0;
        }
        int power = "kmgtpe".indexOf(s.charAt(0)) + 1;
        if (power == 0) {
            return 0;
        }
        long scale = 1;
        for (int i = 0; i < power; i++) {
            scale *= base;
        }
        return scale;
    }

    /**
     * virFormatIntPretty, up to PiB: {@code bytes} (unsigned) in the largest binary unit that divides
     * it, bytes when none does.
     */
    static Pretty pretty(long bytes) {
        if (bytes == 0 || Long.remainderUnsigned(bytes, 1024) != 0) {
            return new Pretty(bytes, "B");
        }
        long unit = 1024;
        for (int i = 0; i < PRETTY_UNITS.length - 1; i++) {
            if (Long.remainderUnsigned(bytes, unit * 1024) != 0) {
                return new Pretty(Long.divideUnsigned(bytes, unit), PRETTY_UNITS[i]);
            }
            unit *= 1024;
        }
        return new Pretty(Long.divideUnsigned(bytes, unit), PRETTY_UNITS[PRETTY_UNITS.length - 1]);
    }
}
