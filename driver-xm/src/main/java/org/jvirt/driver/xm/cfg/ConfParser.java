package org.jvirt.driver.xm.cfg;

import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of xm configuration files: the subset of Python xm's files were written in, as
 * libvirt's {@code virConfParse} (0.4.4's conf.c, 9's util/virconf.c) read it, with Python's own
 * rules where libvirt's were looser or stricter than the language xm itself ran the file with.
 *
 * <pre>
 * file       = { blank-line | comment-line | statements }
 * statements = statement { ";" statement } [ ";" ] [ comment ] end-of-line
 * statement  = name "=" value            name = [A-Za-z_][A-Za-z0-9_]*
 * value      = string | integer | list
 * string     = '...' | "..." | '''...''' | """..."""   with Python 2's backslash escapes
 * integer    = [+-] digits                            decimal; no leading zero (octal in Python 2)
 * list       = "[" [ value { "," value } [ "," ] ] "]" over any number of lines, comments allowed
 * </pre>
 *
 * Blanks are spaces, tabs and form feeds. As in Python — and unlike libvirt, which kept them — a
 * backslash escape in a string stands for its character, and a comment may sit inside a list.
 *
 * <p>Every problem is reported, with its line and column, not just the first: after one, the
 * reader skips to the end of the statement (past the list it was in) and goes on. Not
 * thread-safe; one parser reads one text.
 */
final class ConfParser {
    /** After this many problems the rest of the text is not worth reading. */
    private static final int MAX_PROBLEMS = 20;

    private final String text;
    private final int end;
    private final Lines lines;
    private final List<ConfProblem> problems = new ArrayList<>();
    private final List<ConfEntry> entries = new ArrayList<>();
    private int pos;

    private ConfParser(String text, Lines lines) {
        this.text = text;
        this.end = text.length();
        this.lines = lines;
    }

    /** The assignments of {@code text}, in order, or every problem found in it. */
    static Validation<List<ConfProblem>, List<ConfEntry>> parse(String text, Lines lines) {
        ConfParser p = new ConfParser(text, lines);
        // Python accepts a UTF-8 byte order mark at the start; it stays in the text, unread.
        if (text.startsWith("\uFEFF")) {
            p.pos = 1;
        }
        p.document();
        return p.problems.isEmpty() ? Validation.valid(List.copyOf(p.entries))
                : Validation.invalid(List.copyOf(p.problems));
    }

    private void document() {
        while (pos < end && problems.size() < MAX_PROBLEMS) {
            skipBlanks();
            if (pos >= end) {
                break;
            }
            char c = text.charAt(pos);
            if (isEol(c)) {
                skipEol();
            } else if (c == '#') {
                skipComment();
            } else {
                int start = pos;
                try {
                    statements();
                } catch (Stop stop) {
                    problems.add(stop.problem);
                    pos = Recovery.endOfStatement(text, start);
                }
            }
        }
    }

    /** The statements of one logical line: {@code a = 1; b = [ ... ] # comment}. */
    private void statements() {
        int lineStart = lines.startOf(pos);
        List<Pending> onLine = new ArrayList<>();
        while (true) {
            int start = pos;
            String key = name();
            skipBlanks();
            if (pos >= end || text.charAt(pos) != '=' || pos + 1 < end && text.charAt(pos + 1) == '=') {
                throw stop(pos, "expecting '=' after the setting name '" + key + "'");
            }
            pos++;
            skipBlanks();
            int valueStart = pos;
            List<Integer> items = new ArrayList<>();
            XmValue value = value(0, items);
            int valueEnd = pos;
            skipBlanks();
            if (pos < end && text.charAt(pos) == ';') {
                pos++;
                skipBlanks();
                onLine.add(new Pending(key, value, start, valueStart, valueEnd, items, pos));
                if (atStatementEnd()) {
                    break;
                }
                continue;
            }
            onLine.add(new Pending(key, value, start, valueStart, valueEnd, items, valueEnd));
            break;
        }
        if (pos < end && text.charAt(pos) == '#') {
            skipComment();
        }
        if (pos < end && !isEol(text.charAt(pos))) {
            throw stop(pos, "expecting the end of the line after the value of '" + onLine.get(onLine.size() - 1).key
                    + "' (one setting a line, or ';' between them)");
        }
        skipEol();
        record(onLine, lineStart, pos);
    }

    /** Adds the statements of one line, with what to delete to remove each (see {@link ConfEntry}). */
    private void record(List<Pending> onLine, int lineStart, int lineEnd) {
        for (int i = 0; i < onLine.size(); i++) {
            Pending s = onLine.get(i);
            int removeStart;
            int removeEnd;
            if (onLine.size() == 1) {
                removeStart = lineStart;
                removeEnd = lineEnd;
            } else if (i < onLine.size() - 1) {
                removeStart = s.start;
                removeEnd = onLine.get(i + 1).start;
            } else {
                // The last of several: from the end of the previous value, its ';' included.
                removeStart = onLine.get(i - 1).valueEnd;
                removeEnd = s.separatorEnd;
            }
            entries.add(new ConfEntry(s.key, s.value, s.valueStart, s.valueEnd, s.items, removeStart, removeEnd));
        }
    }

    private String name() {
        int start = pos;
        if (pos >= end || !isNameStart(text.charAt(pos))) {
            throw stop(pos, "expecting a setting name (a letter or '_' first)");
        }
        while (pos < end && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private XmValue value(int depth, List<Integer> items) {
        if (pos >= end || isEol(text.charAt(pos))) {
            throw stop(pos, "expecting a value");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            PyStrings.Literal literal = PyStrings.read(this, text, pos);
            pos = literal.end();
            return new XmString(literal.value());
        }
        if (c == '[') {
            return list(depth + 1, items);
        }
        if (c == '-' || c == '+' || c >= '0' && c <= '9') {
            return integer();
        }
        if ("rRuUbB".indexOf(c) >= 0 && pos + 1 < end && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\'')) {
            throw stop(pos, "string prefixes (r, u, b) are not supported: write a plain quoted string");
        }
        if (c == '(') {
            throw stop(pos, "tuples are not supported: write a list [ ... ]");
        }
        throw stop(pos, "expecting a value: a quoted string, an integer or a list");
    }

    private XmList list(int depth, List<Integer> items) {
        int open = pos;
        if (depth > XmConfigFile.MAX_NESTING) {
            throw stop(pos, "lists nested more than " + XmConfigFile.MAX_NESTING + " deep");
        }
        pos++;
        List<XmValue> values = new ArrayList<>();
        skipListSpace();
        if (pos < end && text.charAt(pos) == ']') {
            pos++;
            return new XmList(values);
        }
        while (true) {
            if (depth == 1) {
                items.add(pos);
            }
            values.add(value(depth, items));
            skipListSpace();
            if (pos >= end) {
                throw stop(pos, "the list opened at " + lines.line(open) + ":" + lines.column(open)
                        + " is not closed with ]");
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return new XmList(values);
            }
            if (c != ',') {
                throw stop(pos, "expecting ',' or ']' in the list opened at " + lines.line(open) + ":"
                        + lines.column(open));
            }
            pos++;
            skipListSpace();
            if (pos < end && text.charAt(pos) == ']') {
                pos++;
                return new XmList(values);
            }
            if (pos >= end) {
                throw stop(pos, "the list opened at " + lines.line(open) + ":" + lines.column(open)
                        + " is not closed with ]");
            }
        }
    }

    private XmInteger integer() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digits) {
            throw stop(pos, "expecting digits after the sign");
        }
        if (pos < end && (isNamePart(text.charAt(pos)) || text.charAt(pos) == '.')) {
            int tokenEnd = pos;
            while (tokenEnd < end && (isNamePart(text.charAt(tokenEnd)) || text.charAt(tokenEnd) == '.')) {
                tokenEnd++;
            }
            throw stop(start, "'" + text.substring(start, tokenEnd)
                    + "' is not a decimal integer (hexadecimal, floating point and long numbers are not supported)");
        }
        if (pos - digits > 1 && text.charAt(digits) == '0') {
            // Python 2, which xm ran the file with, reads 0644 as octal; libvirt read it as decimal.
            throw stop(start, "'" + text.substring(start, pos)
                    + "' has a leading zero, which Python 2 reads as octal: write it without");
        }
        try {
            return new XmInteger(Long.parseLong(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw stop(start, "integer '" + text.substring(start, pos) + "' is out of range");
        }
    }

    /** Blanks, ends of line and comments, as Python allows between the items of a list. */
    private void skipListSpace() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (isBlank(c)) {
                pos++;
            } else if (isEol(c)) {
                skipEol();
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private boolean atStatementEnd() {
        return pos >= end || isEol(text.charAt(pos)) || text.charAt(pos) == '#';
    }

    private void skipBlanks() {
        while (pos < end && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipComment() {
        while (pos < end && !isEol(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipEol() {
        if (pos < end && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < end && text.charAt(pos) == '\n') {
            pos++;
        }
    }

    /** A problem at {@code offset}, stopping the statement being read. */
    Stop stop(int offset, String message) {
        return new Stop(lines.problem(offset, message));
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    static boolean isEol(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }

    /** A statement read so far, before its line's end is known. */
    private record Pending(String key, XmValue value, int start, int valueStart, int valueEnd, List<Integer> items,
                           int separatorEnd) {
    }

    /** Stops reading a statement at a problem; thrown and caught within this package only. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ConfProblem problem;

        Stop(ConfProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
