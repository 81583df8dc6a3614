package org.jvirt.driver.xm.cfg;

import java.util.regex.Pattern;

/**
 * Where to go on reading after a problem in a statement, so that one mistake is reported once and
 * the next statements still get read: past the end of the statement's line, or past the list the
 * statement opened — unless that list is never closed, in which case the next line that starts a
 * new assignment ({@code name =}) is taken as the end of the damage. Stateless.
 */
final class Recovery {
    private static final Pattern ASSIGNMENT = Pattern.compile("[ \\t\\f]*[A-Za-z_][A-Za-z0-9_]*[ \\t\\f]*=[^=]");

    private Recovery() {
    }

    /** The offset just after the statement starting at {@code start}, its end of line included. */
    static int endOfStatement(String text, int start) {
        int end = text.length();
        int depth = 0;
        int pos = start;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < end && !ConfParser.isEol(text.charAt(pos))) {
                    pos++;
                }
            } else if (c == '"' || c == '\'') {
                pos = skipString(text, pos);
            } else if (c == '[') {
                depth++;
                pos++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
                pos++;
            } else if (ConfParser.isEol(c)) {
                pos = c == '\r' && pos + 1 < end && text.charAt(pos + 1) == '\n' ? pos + 2 : pos + 1;
                if (depth == 0 || startsAssignment(text, pos)) {
                    return pos;
                }
            } else {
                pos++;
            }
        }
        return end;
    }

    private static boolean startsAssignment(String text, int lineStart) {
        return ASSIGNMENT.matcher(text).region(lineStart, text.length()).lookingAt();
    }

    /** Past a string literal, or to the end of its line when it is not closed there. */
    private static int skipString(String text, int open) {
        char quote = text.charAt(open);
        String three = String.valueOf(quote).repeat(3);
        if (text.startsWith(three, open)) {
            int close = text.indexOf(three, open + 3);
            return close < 0 ? text.length() : close + 3;
        }
        int pos = open + 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == quote) {
                return pos + 1;
            } else if (ConfParser.isEol(c)) {
                return pos;
            } else {
                pos++;
            }
        }
        return text.length();
    }
}
