package org.jvirt.driver.qemu.command;

import java.util.Locale;

/**
 * Sizes written with a {@code unit} attribute, as libvirt reads them in the elements the model keeps
 * unparsed ({@code <cell memory unit>}, {@code <target><size unit>}, {@code <page size unit>}).
 * Stateless.
 */
final class MemorySizes {
    private MemorySizes() {
    }

    /**
     * {@code value} in {@code unit} as KiB, rounded up; {@code unit} defaults to {@code KiB}, as in
     * libvirt. A value that is not a number reads as 0, which callers refuse.
     */
    static long kib(String value, String unit) {
        long n;
        try {
            n = Long.parseLong(value == null ? "0" : value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
        long bytes = switch (unit == null ? "kib" : unit.toLowerCase(Locale.ROOT)) {
            case "b", "bytes" -> n;
            case "k", "kib" -> n << 10;
            case "kb" -> n * 1000;
            case "m", "mib" -> n << 20;
            case "mb" -> n * 1000_000;
            case "g", "gib" -> n << 30;
            case "gb" -> n * 1000_000_000;
            case "t", "tib" -> n << 40;
            case "tb" -> n * 1000_000_000_000L;
            default -> 0;
        };
        return (bytes + 1023) / 1024;
    }
}
