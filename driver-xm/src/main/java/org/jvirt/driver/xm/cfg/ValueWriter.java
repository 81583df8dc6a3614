package org.jvirt.driver.xm.cfg;

import java.util.StringJoiner;

/**
 * Writes values as Python literals that read back to the same value, laid out as libvirt's
 * {@code virConfSaveValue} laid them out ({@code "text"}, {@code 512}, {@code [ "a", "b" ]}).
 * A string is double-quoted, or single-quoted when it holds a double quote; one holding both
 * quotes, a backslash or a control character is double-quoted with Python's escapes (libvirt used
 * triple quotes, which cannot hold every string). Stateless.
 */
final class ValueWriter {
    private ValueWriter() {
    }

    static String write(XmValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(XmValue value, StringBuilder out) {
        if (value instanceof XmInteger i) {
            out.append(i.value());
        } else if (value instanceof XmString s) {
            string(s.value(), out);
        } else if (((XmList) value).items().isEmpty()) {
            out.append("[ ]");
        } else {
            StringJoiner items = new StringJoiner(", ", "[ ", " ]");
            for (XmValue item : ((XmList) value).items()) {
                items.add(write(item));
            }
            out.append(items);
        }
    }

    private static void string(String s, StringBuilder out) {
        boolean plain = s.chars().noneMatch(c -> c == '\\' || c < 0x20 || c == 0x7F);
        if (plain && s.indexOf('"') < 0) {
            out.append('"').append(s).append('"');
        } else if (plain && s.indexOf('\'') < 0) {
            out.append('\'').append(s).append('\'');
        } else {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7F) {
                            out.append(String.format("\\x%02x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
