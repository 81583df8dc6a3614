package org.jvirt.model;

/**
 * Numbers read from text as libvirt's virStrToLong family reads them (util/virstring.c) when it is
 * given no end pointer: C's strtol and strtoul over the whole text, that is leading C white space, an
 * optional sign, the digits of the base and nothing after them. Each method answers null where
 * libvirt's returns -1. An unsigned long long is held in a long's 64 bits: compare and write it with
 * {@link Long}'s unsigned methods. Stateless.
 */
final class CNumbers {
    /** C's UINT_MAX. */
    static final long UINT_MAX = 0xFFFF_FFFFL;

    private CNumbers() {
    }

    /** virStrToLong_ui, base 10: an unsigned int; a negative one of magnitude up to UINT_MAX wraps around. */
    static Long strToUi(String text) {
        long[] d = strtoull(text, 10);
        if (d == null || Long.compareUnsigned(d[1], UINT_MAX) > 0) {
            return null;
        }
        return d[0] < 0 ? -d[1] & UINT_MAX : d[1];
    }

    /** virStrToLong_uip, base 10: an unsigned int, no minus sign. */
    static Long strToUip(String text) {
        return strToUip(text, 10);
    }

    /** virStrToLong_uip in {@code base} (0, 10 or 16, as {@link #strToUllp(String, int)}). */
    static Long strToUip(String text, int base) {
        Long v = strToUllp(text, base);
        return v == null || Long.compareUnsigned(v, UINT_MAX) > 0 ? null : v;
    }

    /** virStrToLong_ull, base 10: an unsigned long long; a negative one wraps around. */
    static Long strToUll(String text) {
        long[] d = strtoull(text, 10);
        return d == null ? null : d[0] * d[1];
    }

    /** virStrToLong_ullp, base 10: an unsigned long long, no minus sign. */
    static Long strToUllp(String text) {
        return strToUllp(text, 10);
    }

    /**
     * virStrToLong_ullp in {@code base}: 10; 16, where a {@code 0x} prefix may stand before the digits;
     * or 0, where it makes them hexadecimal and a leading {@code 0} octal.
     */
    static Long strToUllp(String text, int base) {
        long[] d = strtoull(text, base);
        return d == null || d[0] < 0 ? null : d[1];
    }

    /** virStrToLong_ll, base 10: a long long. */
    static Long strToLl(String text) {
        long[] d = strtoull(text, 10);
        if (d == null) {
            return null;
        }
        if (d[0] > 0) {
            return d[1] < 0 ? null : d[1];
        }
        return Long.compareUnsigned(d[1], Long.MIN_VALUE) > 0 ? null : -d[1];
    }

    /** virStrToLong_i, base 10: an int. */
    static Long strToI(String text) {
        Long v = strToLl(text);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** The index of the first character at or after {@code from} that is not C white space. */
    static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The whole of {@code text} read as C's strtoull reads it in {@code base}: {sign, magnitude as
     * unsigned 64 bits}, sign -1 or 1; null when there is no digit, anything follows the digits, or
     * the magnitude needs more than 64 bits (ERANGE).
     */
    private static long[] strtoull(String text, int base) {
        int n = text.length();
        int i = skipSpaces(text, 0);
        long sign = 1;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            sign = text.charAt(i) == '-' ? -1 : 1;
            i++;
        }
        int radix = base;
        // strtoull takes "0x" as a prefix only when a hexadecimal digit follows; otherwise it reads the
        // "0" and stops at the "x", which is then left over, as any other character would be.
        if ((base == 0 || base == 16) && hexPrefix(text, i)) {
            i += 2;
            radix = 16;
        } else if (base == 0) {
            radix = i < n && text.charAt(i) == '0' ? 8 : 10;
        }
        if (i >= n) {
            return null;
        }
        long magnitude = 0;
        for (; i < n; i++) {
            int d = digit(text.charAt(i), radix);
            if (d < 0 || Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, radix)) > 0) {
                return null;
            }
            long next = magnitude * radix + d;
            if (Long.compareUnsigned(next, magnitude * radix) < 0) {
                return null;
            }
            magnitude = next;
        }
        return new long[] {sign, magnitude};
    }

    private static boolean hexPrefix(String text, int i) {
        return i + 2 < text.length() && text.charAt(i) == '0'
                && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X') && digit(text.charAt(i + 2), 16) >= 0;
    }

    /** The value of an ASCII digit or letter in {@code radix}; -1 when it is none. */
    private static int digit(char c, int radix) {
        int v;
        if (isDigit(c)) {
            v = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            v = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            v = c - 'A' + 10;
        } else {
            return -1;
        }
        return v < radix ? v : -1;
    }
}
