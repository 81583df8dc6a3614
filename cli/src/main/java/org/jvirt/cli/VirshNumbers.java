package org.jvirt.cli;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Numbers as virsh reads them: C's {@code strtoul} rules behind libvirt's {@code virStrToLong_*p}
 * (leading blanks and a {@code +} are fine, a minus sign is refused, base 10 only) and
 * {@code virScaleInteger}'s unit suffixes. Errors carry virsh's wording.
 */
final class VirshNumbers {
    private static final BigInteger UNSIGNED_INT_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger UNSIGNED_LONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private VirshNumbers() {
    }

    /** The digits {@code strtoull} would read from {@code text}, and what follows them. */
    private record Prefix(BigInteger value, String rest) {
    }

    /**
     * Reads an unsigned decimal as {@code virStrToLong_ullp} does; null when malformed, negative or
     * beyond 64 bits.
     */
    private static Prefix unsignedPrefix(String text) {
        int i = 0;
        while (i < text.length() && isCSpace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '-') {
            return null;
        }
        if (i < text.length() && text.charAt(i) == '+') {
            i++;
        }
        int start = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return null;
        }
        BigInteger value = new BigInteger(text.substring(start, i));
        if (value.compareTo(UNSIGNED_LONG_MAX) > 0) {
            return null;
        }
        return new Prefix(value, text.substring(i));
    }

    /** C's {@code isspace} in the C locale. */
    static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** {@code vshCommandOptUInt}: the whole text must be an unsigned number below 2^32. */
    static long parseUnsignedInt(String text, String option) {
        Prefix p = unsignedPrefix(text);
        if (p == null || !p.rest().isEmpty() || p.value().compareTo(UNSIGNED_INT_MAX) > 0) {
            throw malformed(text, option);
        }
        return p.value().longValueExact();
    }

    /** virsh's error for a number option it cannot read. */
    static CommandError malformed(String text, String option) {
        return new CommandError("Numeric value '" + text + "' for <" + option + "> option is malformed or out of range");
    }

    /** {@code virStrToLong_i} with base 10: blanks, a sign, digits, nothing after; null otherwise. */
    static Integer parseInt(String text) {
        Long value = parseLong(text);
        return value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    /** {@code virStrToLong_ll} with base 10; null when malformed or beyond 64 bits. */
    static Long parseLong(String text) {
        int i = 0;
        while (i < text.length() && isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == start || i != text.length()) {
            return null;
        }
        BigInteger value = new BigInteger(text.substring(start, i));
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() > 63) {
            return null;
        }
        return value.longValueExact();
    }

    /** {@code virStrToLong_ullp}: the whole text an unsigned decimal below 2^64; null otherwise. */
    static BigInteger parseUnsignedLong(String text) {
        Prefix p = unsignedPrefix(text);
        return p == null || !p.rest().isEmpty() ? null : p.value();
    }

    /**
     * {@code vshCommandOptScaledInt} with the 64-bit maximum: the number, scaled by its suffix (or by
     * {@code scale} when there is none), in bytes.
     */
    static BigInteger parseScaled(String text, String option, long scale) {
        String malformed = "Scaled numeric value '" + text + "' for <" + option
                + "> option is malformed or out of range";
        Prefix p = unsignedPrefix(text);
        if (p == null) {
            throw new CommandError(malformed);
        }
        BigInteger factor;
        try {
            factor = suffixScale(p.rest(), scale);
        } catch (IllegalArgumentException e) {
            // virsh prints its own line, then the library error virScaleInteger left behind.
            throw new CommandError(malformed, e.getMessage());
        }
        BigInteger result = p.value().multiply(factor);
        if (result.compareTo(UNSIGNED_LONG_MAX) > 0) {
            throw new CommandError(malformed, "numerical overflow: value too large: " + p.value() + p.rest());
        }
        return result;
    }

    /** {@code virScaleInteger}'s suffixes: b/byte/bytes, K..E (powers of 1024), KiB..EiB, KB..EB (powers of 1000). */
    private static BigInteger suffixScale(String suffix, long scale) {
        if (suffix.isEmpty()) {
            return BigInteger.valueOf(scale);
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        if (lower.equals("b") || lower.equals("byte") || lower.equals("bytes")) {
            return BigInteger.ONE;
        }
        long base;
        if (suffix.length() == 1 || lower.substring(1).equals("ib")) {
            base = 1024;
        } else if (lower.length() == 2 && lower.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw new IllegalArgumentException("invalid argument: unknown suffix '" + suffix + "'");
        }
        int power = "kmgtpe".indexOf(lower.charAt(0)) + 1;
        if (power == 0) {
            throw new IllegalArgumentException("invalid argument: unknown suffix '" + suffix + "'");
        }
        return BigInteger.valueOf(base).pow(power);
    }

    private static final String[] CAPACITY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** virsh's vshPrettyCapacity printed as {@code "%-.3lf %s"}: {@code 1.500 MiB}, {@code 512.000 B}. */
    static String prettyCapacity(long bytes) {
        // libvirt's values are unsigned long long: a negative long is its high half.
        double value = bytes >= 0 ? bytes : (bytes >>> 1) * 2.0 + (bytes & 1);
        int unit = 0;
        while (unit < CAPACITY_UNITS.length - 1 && Long.compareUnsigned(bytes, 1L << (10 * (unit + 1))) >= 0) {
            unit++;
        }
        value = value / (1L << (10 * unit));
        return String.format(java.util.Locale.ROOT, "%.3f %s", value, CAPACITY_UNITS[unit]);
    }
}
