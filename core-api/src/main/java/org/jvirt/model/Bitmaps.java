package org.jvirt.model;

import java.util.BitSet;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * CPU, vCPU, iothread and node sets as libvirt reads and writes them (virBitmapParse and
 * virBitmapFormat, util/virbitmap.c): {@code 1-2,5-7,^6} is read as bits 1, 2, 5 and 7, and written
 * {@code 1-2,5,7}. Stateless and thread-safe.
 *
 * @since 1.0
 */
public final class Bitmaps {
    /** libvirt's VIR_DOMAIN_CPUMASK_LEN: a parsed set holds bits 0 to 16383. */
    static final int LENGTH = 16384;

    private Bitmaps() {
    }

    /**
     * A set as virBitmapParse reads it into {@link #LENGTH} bits: {@code N}, {@code N-M} and {@code ^N}
     * (which clears N) separated by commas, C white space allowed around them.
     *
     * @throws VirtException as libvirt: {@code Failed to parse bitmap 'X'} when malformed or naming a
     *     bit beyond the length
     */
    public static BitSet parse(String text) {
        BitSet map = new BitSet();
        int n = text.length();
        int i = CNumbers.skipSpaces(text, 0);
        if (i >= n) {
            throw bad(text);
        }
        while (i < n) {
            boolean negate = false;
            if (text.charAt(i) == '^') {
                i++;
                negate = true;
            }
            if (i >= n || !CNumbers.isDigit(text.charAt(i))) {
                throw bad(text);
            }
            int end = digitsEnd(text, i);
            long start = bitNumber(text, i, end, false);
            i = CNumbers.skipSpaces(text, end);
            char c = i < n ? text.charAt(i) : '\0';
            if (c == ',' || c == '\0') {
                if (start >= LENGTH) {
                    throw bad(text);
                }
                map.set((int) start, !negate);
            } else if (c == '-') {
                if (negate) {
                    throw bad(text);
                }
                i = CNumbers.skipSpaces(text, i + 1);
                // virStrToLong_i reads the range's end as strtol does: an optional sign, then digits.
                int digits = i < n && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
                end = digitsEnd(text, digits);
                if (end == digits) {
                    throw bad(text);
                }
                long last = bitNumber(text, digits, end, text.charAt(i) == '-');
                if (last < start || last >= LENGTH) {
                    throw bad(text);
                }
                map.set((int) start, (int) last + 1);
                i = CNumbers.skipSpaces(text, end);
            }
            c = i < n ? text.charAt(i) : '\0';
            if (c == ',') {
                i = CNumbers.skipSpaces(text, i + 1);
            } else if (c != '\0') {
                throw bad(text);
            }
        }
        return map;
    }

    /**
     * A set libvirt's domain parser requires some bit of (its pins' cpusets, its nodesets): parsed,
     * and refused as libvirt refuses an empty one ({@code Invalid value of 'cpuset': ^1}).
     */
    static BitSet parseNonEmpty(String text, String attribute) {
        BitSet set = parse(text);
        if (set.isEmpty()) {
            throw DomainErrors.unsupported("Invalid value of '" + attribute + "': " + text);
        }
        return set;
    }

    /**
     * virBitmapFormat: runs of two or more bits as {@code N-M}, single bits alone, comma-separated
     * ({@code 0-3,6}); empty for an empty set.
     */
    public static String format(BitSet set) {
        StringBuilder out = new StringBuilder();
        for (int start = set.nextSetBit(0); start >= 0; ) {
            int end = set.nextClearBit(start) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            start = set.nextSetBit(end + 1);
        }
        return out.toString();
    }

    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && CNumbers.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A bit number of int range (virStrToLong_i); a negative one is returned as such, for the caller to refuse. */
    private static long bitNumber(String text, int from, int end, boolean negative) {
        int significant = from;
        while (significant < end - 1 && text.charAt(significant) == '0') {
            significant++;
        }
        if (end - significant > 10) {
            throw bad(text);
        }
        long v = Long.parseLong(text, significant, end, 10);
        if (v > Integer.MAX_VALUE + (negative ? 1L : 0L)) {
            throw bad(text);
        }
        return negative ? -v : v;
    }

    private static VirtException bad(String text) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                ErrorCode.INVALID_ARG.format("Failed to parse bitmap '" + text + "'"));
    }
}
