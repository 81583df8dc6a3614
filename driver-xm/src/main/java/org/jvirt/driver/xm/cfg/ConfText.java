package org.jvirt.driver.xm.cfg;

import io.vavr.control.Validation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes bytes a configuration file's text before any grammar: UTF-8 (Python's own source
 * encoding for the ASCII that xm files are in practice) and no control characters but tabs, form
 * feeds and ends of line — a NUL or an escape character says the file is binary, or damaged.
 * Stateless.
 */
final class ConfText {
    /** After this many, more bad characters say nothing new. */
    private static final int MAX_REPORTED = 5;

    private ConfText() {
    }

    /** {@code bytes} as text, or where they stop being UTF-8. */
    static Validation<List<ConfProblem>, String> decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String before = out.flip().toString();
            Lines lines = new Lines(before);
            int offset = before.length();
            return Validation.invalid(List.of(new ConfProblem(lines.line(offset), lines.column(offset),
                    "byte " + in.position() + " is not UTF-8 text (is this a binary file?)")));
        }
        return Validation.valid(out.flip().toString());
    }

    /** Every control character {@code text} should not hold (the first few). */
    static List<ConfProblem> controls(String text, Lines lines) {
        List<ConfProblem> found = new ArrayList<>();
        for (int i = 0; i < text.length() && found.size() < MAX_REPORTED; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                found.add(lines.problem(i, String.format("control character U+%04X is not allowed"
                        + " (is this a binary file?)", (int) c)));
            }
        }
        return found;
    }
}
