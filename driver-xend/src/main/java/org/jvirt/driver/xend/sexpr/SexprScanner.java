package org.jvirt.driver.xend.sexpr;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Reads one document's characters into a tree, going on after a problem so that every problem it
 * can find is reported: an iterative parser with an explicit stack of open lists (so that depth
 * never costs Java stack), which stops building below {@link SexprReader#MAX_DEPTH} but keeps
 * scanning. One instance reads one document; not thread-safe.
 *
 * <p>Syntax, the union of what libvirt's {@code sexpr.c} and xend's {@code sxp.py} wrote: white space
 * is space, tab, line feed, carriage return, vertical tab and form feed; a bare atom ends at white
 * space or a parenthesis; a quoted atom starts with {@code '} or {@code "} and ends at the same
 * character, with xend's escapes inside ({@code \a \b \t \n \v \f \r \\ \' \"}, {@code \xHH} and
 * octal {@code \OOO}, bytes of UTF-8). Any other escape, a NUL character, a control character
 * other than white space, or bytes that are not UTF-8 are problems.
 */
final class SexprScanner {
    private final String text;
    private final SexprProblems problems;
    private final Deque<Frame> open = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int column = 1;
    /** Lists opened below the depth limit, counted but not built. */
    private int unbuiltDepth;
    private boolean tooDeepReported;
    private Sexpr document;
    private SexprPosition documentEnd;
    private boolean trailingReported;

    private record Frame(SexprPosition start, List<Sexpr> items) {
    }

    private SexprScanner(String text, SexprProblems problems) {
        this.text = text;
        this.problems = problems;
    }

    /** Reads a whole document, its problems added to {@code problems} (which may hold some already). */
    static Validation<Seq<SexprProblem>, Sexpr> scan(String text, SexprProblems problems) {
        SexprScanner s = new SexprScanner(text, problems);
        s.run();
        if (s.document == null && problems.isEmpty()) {
            problems.add(s.position(), "no S-expression: the document is empty");
        }
        return problems.isEmpty() ? Validation.valid(s.document) : Validation.invalid(problems.toSeq());
    }

    /**
     * Decodes UTF-8 strictly: each malformed sequence is a problem and reads as U+FFFD, so that the
     * rest of the document is still scanned.
     */
    static String decode(byte[] utf8, SexprProblems problems) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        // The position of out's next character, kept as decoding goes: one pass, whatever the garbage.
        int line = 1;
        int column = 1;
        int counted = 0;
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            // Overflow cannot happen: UTF-8 never decodes to more characters than bytes.
            for (; counted < out.position(); counted++) {
                if (out.get(counted) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            int at = in.position();
            problems.add(new SexprPosition(line, column, counted),
                    () -> "binary data: byte 0x" + Integer.toHexString(utf8[at] & 0xff) + " at byte offset " + at
                            + " is not UTF-8");
            out.put('\uFFFD');
            in.position(in.position() + result.length());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private void run() {
        while (true) {
            skipWhiteSpace();
            if (pos >= text.length()) {
                break;
            }
            SexprPosition start = position();
            char c = text.charAt(pos);
            if (document != null && open.isEmpty() && unbuiltDepth == 0 && c != ')' && !trailingReported) {
                trailingReported = true;
                problems.add(start, "trailing garbage after the S-expression that ends at " + documentEnd);
            }
            if (c == '(') {
                advance();
                openList(start);
            } else if (c == ')') {
                advance();
                closeList(start);
            } else if (c == '\'' || c == '"') {
                String value = quoted(start, c);
                if (value != null) {
                    emit(new Atom(value));
                }
            } else {
                String value = bare();
                if (!value.isEmpty()) {
                    emit(new Atom(value));
                }
            }
        }
        // The lists still open when the input ends, outermost first.
        for (var frames = open.descendingIterator(); frames.hasNext(); ) {
            problems.add(frames.next().start(), "unbalanced '(': the input ends at " + position() + " before its ')'");
        }
    }

    private void openList(SexprPosition start) {
        if (open.size() >= SexprReader.MAX_DEPTH || unbuiltDepth > 0) {
            unbuiltDepth++;
            if (!tooDeepReported) {
                tooDeepReported = true;
                problems.add(start, "too deep: lists nested more than " + SexprReader.MAX_DEPTH + " levels");
            }
        } else {
            open.push(new Frame(start, new ArrayList<>()));
        }
    }

    private void closeList(SexprPosition at) {
        if (unbuiltDepth > 0) {
            unbuiltDepth--;
        } else if (open.isEmpty()) {
            problems.add(at, "unbalanced ')': no list is open");
        } else {
            Frame f = open.pop();
            emit(new SexprList(f.items()));
        }
    }

    private void emit(Sexpr value) {
        if (unbuiltDepth > 0) {
            return;
        }
        if (!open.isEmpty()) {
            open.peek().items().add(value);
        } else if (document == null) {
            document = value;
            documentEnd = position();
        }
    }

    /** A bare atom: up to white space or a parenthesis; control characters are problems and left out. */
    private String bare() {
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isWhiteSpace(c) || c == '(' || c == ')') {
                break;
            }
            if (isBinary(c)) {
                binary();
            } else {
                value.append(c);
                advance();
            }
        }
        return value.toString();
    }

    /** A quoted atom, {@code pos} at its opening quote; null when it never ends. */
    private String quoted(SexprPosition start, char quote) {
        advance();
        Utf8Sink value = new Utf8Sink();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                advance();
                String decoded = value.decode();
                if (decoded == null) {
                    problems.add(start, "the quoted atom's escapes make bytes that are not UTF-8");
                    return "";
                }
                return decoded;
            } else if (c == '\\') {
                escape(value);
            } else if (isBinary(c)) {
                binary();
            } else {
                int codePoint = text.codePointAt(pos);
                value.appendCodePoint(codePoint);
                for (int i = Character.charCount(codePoint); i > 0; i--) {
                    advance();
                }
            }
        }
        problems.add(start, "unterminated quoted atom: no closing " + quote + " before the end of the input at "
                + position());
        return null;
    }

    /** One escape inside a quoted atom, {@code pos} at its backslash; a bad one is a problem and skipped. */
    private void escape(Utf8Sink value) {
        SexprPosition at = position();
        advance();
        if (pos >= text.length()) {
            return; // the unterminated atom is the problem
        }
        char e = text.charAt(pos);
        int simple = "abtnvfr\\'\"".indexOf(e);
        if (simple >= 0) {
            advance();
            value.appendCodePoint("\u0007\b\t\n\u000b\f\r\\'\"".charAt(simple));
        } else if (e == 'x') {
            advance();
            int digits = 0;
            int b = 0;
            while (digits < 2 && pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0
                    && text.charAt(pos) < 0x80) {
                b = b * 16 + Character.digit(text.charAt(pos), 16);
                digits++;
                advance();
            }
            if (digits == 0) {
                problems.add(at, "bad escape '\\x': no hexadecimal digit follows");
            } else {
                escapedByte(value, b, at);
            }
        } else if (e >= '0' && e <= '7') {
            int b = 0;
            int digits = 0;
            StringBuilder written = new StringBuilder();
            while (digits < 3 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7') {
                written.append(text.charAt(pos));
                b = b * 8 + text.charAt(pos) - '0';
                digits++;
                advance();
            }
            if (b > 0xff) {
                problems.add(at, "bad escape '\\" + written + "': more than 255");
            } else {
                escapedByte(value, b, at);
            }
        } else {
            problems.add(at, "bad escape '\\" + printable(e) + "'");
            advance();
        }
    }

    private void escapedByte(Utf8Sink value, int b, SexprPosition at) {
        if (b == 0) {
            problems.add(at, "bad escape: it makes a NUL character, which no xend peer can hold");
        } else {
            value.appendByte(b);
        }
    }

    /** A character no document holds outside a quoted atom's escapes: reported, skipped. */
    private void binary() {
        char c = text.charAt(pos);
        problems.add(position(), () -> "binary data: control character U+" + String.format("%04X", (int) c));
        advance();
    }

    /** A control character; bytes that were not UTF-8 were reported when decoded, and read as U+FFFD. */
    private static boolean isBinary(char c) {
        return c < 0x20 && !isWhiteSpace(c) || c == 0x7f;
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    private static String printable(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private void skipWhiteSpace() {
        while (pos < text.length() && isWhiteSpace(text.charAt(pos))) {
            advance();
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private SexprPosition position() {
        return new SexprPosition(line, column, pos);
    }

    /**
     * The bytes of a quoted atom: its characters as UTF-8 and its escaped bytes as they are, decoded
     * together at the end, because xend (Python 2) wrote non-ASCII text as escaped UTF-8 bytes.
     */
    private static final class Utf8Sink {
        private byte[] bytes = new byte[32];
        private int size;

        void appendCodePoint(int codePoint) {
            if (codePoint < 0x80) {
                appendByte(codePoint);
            } else {
                for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(b & 0xff);
                }
            }
        }

        void appendByte(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        /** The value, or null when the bytes are not UTF-8. */
        String decode() {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, size)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
