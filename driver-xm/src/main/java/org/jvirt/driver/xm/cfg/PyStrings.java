package org.jvirt.driver.xm.cfg;

/**
 * Python 2 string literals, as xm's interpreter read them: {@code '...'} and {@code "..."} on one
 * line, {@code '''...'''} and {@code """..."""} over several, with the escapes of a Python 2
 * {@code str} ({@code \\ \' \" \a \b \f \n \r \t \v}, octal {@code \ooo}, {@code \xhh}, and a
 * backslash before an end of line to join lines); any other backslash stays, as in Python. An
 * end of line inside a triple-quoted string reads as {@code \n}, whatever the file's own. Stateless.
 */
final class PyStrings {
    private PyStrings() {
    }

    /**
     * A literal's value and where it ends.
     *
     * @param value the string it stands for
     * @param end the offset just after its closing quote
     */
    record Literal(String value, int end) {
    }

    /** Reads the literal whose opening quote is at {@code start}; problems stop {@code parser}. */
    static Literal read(ConfParser parser, String text, int start) {
        char quote = text.charAt(start);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), start);
        int pos = start + (triple ? 3 : 1);
        int end = text.length();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw parser.stop(start, "the string starting here is not closed before the end of the file");
            }
            char c = text.charAt(pos);
            if (c == '\\') {
                pos = escape(parser, text, pos, value);
            } else if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
                return new Literal(value.toString(), pos + (triple ? 3 : 1));
            } else if (ConfParser.isEol(c)) {
                if (!triple) {
                    throw parser.stop(start, "the string starting here is not closed before the end of the line"
                            + " (use a triple-quoted string over several lines)");
                }
                value.append('\n');
                pos = afterEol(text, pos);
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    /** Reads the escape whose backslash is at {@code at} into {@code value}; returns the offset after it. */
    private static int escape(ConfParser parser, String text, int at, StringBuilder value) {
        int pos = at + 1;
        if (pos >= text.length()) {
            throw parser.stop(at, "a backslash ends the file inside a string");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '\\', '\'', '"' -> value.append(c);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000B');
            case '\n', '\r' -> {
                return afterEol(text, pos);
            }
            case 'x' -> {
                int h1 = pos + 1 < text.length() ? Character.digit(text.charAt(pos + 1), 16) : -1;
                int h2 = pos + 2 < text.length() ? Character.digit(text.charAt(pos + 2), 16) : -1;
                if (h1 < 0 || h2 < 0) {
                    throw parser.stop(at, "invalid \\x escape: two hexadecimal digits must follow");
                }
                value.append((char) (h1 * 16 + h2));
                return pos + 3;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int code = 0;
                    int digits = 0;
                    while (digits < 3 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7') {
                        code = code * 8 + text.charAt(pos) - '0';
                        pos++;
                        digits++;
                    }
                    // A Python 2 str holds bytes: \777 is byte 0777 & 0xff.
                    value.append((char) (code & 0xFF));
                    return pos;
                }
                value.append('\\').append(c);
            }
        }
        return pos + 1;
    }

    private static int afterEol(String text, int pos) {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            return pos + 2;
        }
        return pos + 1;
    }
}
