package org.jvirt.driver.xend.sexpr;

/**
 * Writes S-expressions as libvirt's {@code sexpr2string} did — {@code (a b (c d))}, one space
 * between items — so that both xend ({@code sxp.py}) and libvirt ({@code sexpr.c}) read the text
 * back as the same tree.
 *
 * <p>An atom goes bare when both readers end it where it ends: it is not empty and holds only
 * printable ASCII other than white space, parentheses, quotes, the backslash and the characters
 * xend also treats as separators or comments ({@code {}[]<>!;#}). Any other atom is quoted with
 * {@code '}, a backslash before {@code \} and {@code '} and control characters other than white
 * space as {@code \xHH} (xend's escapes; libvirt 0.4.4 wrote no escape at all, so an atom holding a
 * quote was cut short), everything else verbatim: xend reads raw UTF-8, tabs and newlines inside
 * quotes as they are. An atom holding NUL is written {@code \x00}, which no reader takes: no peer of
 * xend could hold it.
 *
 * <p>Stateless and thread-safe.
 */
public final class SexprPrinter {
    private SexprPrinter() {
    }

    /** The text of {@code sexpr}, on one line unless an atom holds a line break. */
    public static String print(Sexpr sexpr) {
        StringBuilder out = new StringBuilder(256);
        write(out, sexpr);
        return out.toString();
    }

    private static void write(StringBuilder out, Sexpr sexpr) {
        if (sexpr instanceof Atom a) {
            atom(out, a.value());
            return;
        }
        SexprList list = (SexprList) sexpr;
        out.append('(');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            write(out, list.get(i));
        }
        out.append(')');
    }

    private static void atom(StringBuilder out, String value) {
        if (isBare(value)) {
            out.append(value);
            return;
        }
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\u000b' && c != '\f' || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
    }

    /** Whether xend and libvirt both read {@code value} written without quotes as this very atom. */
    static boolean isBare(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()'\"\\{}[]<>!;#".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
