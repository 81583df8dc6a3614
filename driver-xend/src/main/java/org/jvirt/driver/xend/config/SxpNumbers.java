package org.jvirt.driver.xend.config;

import java.util.OptionalLong;

/**
 * Numbers as libvirt read them from xend's atoms ({@code strtol}/{@code strtoll} with base 0):
 * an optional sign, then {@code 0x} and hexadecimal digits, {@code 0} and octal digits, or decimal
 * digits. Unlike {@code strtol}, the whole atom must be the number: {@code "420abc"} is none.
 */
final class SxpNumbers {
    private SxpNumbers() {
    }

    /** The value of {@code text}, or empty when it is not wholly a number or does not fit a long. */
    static OptionalLong parse(String text) {
        String s = text.strip();
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        int base = radix;
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, base) >= 0 && c < 0x80)) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(s, radix);
            return OptionalLong.of(negative ? -value : value);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
