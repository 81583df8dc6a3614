package org.jvirt.driver.qemu.state;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The time stamps of a domain's log file ({@code 2026-12-05T13:38:58.804199754Z: starting up}):
 * exactly {@link Instant#toString()}'s text, written without it. {@code Instant.toString()}
 * formats through {@code DateTimeFormatter.ISO_INSTANT}, whose first use builds the JDK's standard
 * formatters, about 8 ms of a short process; the start of a guest writes one such stamp before
 * QEMU is spawned.
 */
public final class LogStamp {
    private static final long SECONDS_PER_DAY = 86_400;

    private LogStamp() {
    }

    /** The stamp of this instant. */
    public static String now() {
        return of(Instant.now());
    }

    /** {@code t.toString()}, for years 0 to 9999 without the formatter (others through it). */
    public static String of(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return t.toString();
        }
        StringBuilder sb = new StringBuilder(30);
        digits(sb, date.getYear(), 4).append('-');
        digits(sb, date.getMonthValue(), 2).append('-');
        digits(sb, date.getDayOfMonth(), 2).append('T');
        digits(sb, secondOfDay / 3600, 2).append(':');
        digits(sb, secondOfDay / 60 % 60, 2).append(':');
        digits(sb, secondOfDay % 60, 2);
        int nano = t.getNano();
        // ISO_INSTANT prints the fraction in groups of three digits, as many as it needs.
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(sb, nano / 1000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
