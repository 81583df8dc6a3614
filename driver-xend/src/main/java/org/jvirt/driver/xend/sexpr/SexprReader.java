package org.jvirt.driver.xend.sexpr;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * Reads one S-expression document, as xend sent them and libvirt wrote them (the syntax is
 * described in the package). A document is exactly one S-expression, white space around it
 * allowed.
 *
 * <p>Reading checks the document's size before anything else and never builds lists deeper than
 * {@link #MAX_DEPTH}; it reports every problem it finds, each with its line, column and offset,
 * rather than only the first: unbalanced parentheses, unterminated quoted atoms, bad escapes,
 * trailing garbage, binary data, bytes that are not UTF-8, an empty, oversized or too deep
 * document. {@link #read} turns them into one {@link VirtException} (CONF_SYNTAX, domain SEXPR)
 * naming each position; {@link #validate} hands them back as they are. Nothing is ever returned
 * from a document with a problem.
 *
 * <p>Stateless and thread-safe.
 */
public final class SexprReader {
    /** The largest document read: 10 MiB, in bytes of its UTF-8 form or characters of a string. */
    public static final int MAX_DOCUMENT_SIZE = 10 * 1024 * 1024;
    /** The deepest nesting of lists read; xend's documents use six levels. */
    public static final int MAX_DEPTH = 256;
    /** How many problems of one document are listed; the others are counted. */
    public static final int MAX_REPORTED_PROBLEMS = 20;

    private SexprReader() {
    }

    /**
     * Reads a document.
     *
     * @throws VirtException CONF_SYNTAX in domain SEXPR, naming every problem and its position
     */
    public static Sexpr read(String text) {
        return orThrow(validate(text));
    }

    /**
     * Reads a document from its UTF-8 bytes (an HTTP body from xend).
     *
     * @throws VirtException CONF_SYNTAX in domain SEXPR, naming every problem and its position
     */
    public static Sexpr read(byte[] utf8) {
        return orThrow(validate(utf8));
    }

    /**
     * Reads a document: its tree, or every problem found in it, in the order the reader meets them
     * (the lists still open at the end of the input last, outermost first).
     */
    public static Validation<Seq<SexprProblem>, Sexpr> validate(String text) {
        if (text.length() > MAX_DOCUMENT_SIZE) {
            return oversized(text.length() + " characters", SexprPosition.of(text, MAX_DOCUMENT_SIZE));
        }
        return SexprScanner.scan(text, new SexprProblems());
    }

    /** Reads a document from its UTF-8 bytes: its tree, or every problem found in it. */
    public static Validation<Seq<SexprProblem>, Sexpr> validate(byte[] utf8) {
        if (utf8.length > MAX_DOCUMENT_SIZE) {
            String prefix = new String(utf8, 0, MAX_DOCUMENT_SIZE, StandardCharsets.UTF_8);
            return oversized(utf8.length + " bytes", SexprPosition.of(prefix, prefix.length()));
        }
        SexprProblems problems = new SexprProblems();
        String text = SexprScanner.decode(utf8, problems);
        return SexprScanner.scan(text, problems);
    }

    /** The one exception for these problems: CONF_SYNTAX in domain SEXPR, each problem with its position. */
    public static VirtException syntaxError(Seq<SexprProblem> problems) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.SEXPR,
                "configuration file syntax error: xend S-expression: " + problems.mkString("; "));
    }

    private static Validation<Seq<SexprProblem>, Sexpr> oversized(String size, SexprPosition limit) {
        return Validation.invalid(List.of(new SexprProblem(limit, "document too large: " + size
                + ", more than the limit of " + MAX_DOCUMENT_SIZE + " (10 MiB), which it crosses here")));
    }

    private static Sexpr orThrow(Validation<Seq<SexprProblem>, Sexpr> result) {
        if (result.isInvalid()) {
            throw syntaxError(result.getError());
        }
        return result.get();
    }
}
