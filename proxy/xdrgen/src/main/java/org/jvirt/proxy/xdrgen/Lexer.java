package org.jvirt.proxy.xdrgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a .x file into tokens. Knows C comments (kept and attached to the next token, because
 * libvirt writes annotations in them) and rpcgen's {@code %} lines (passed through to C, so
 * skipped here).
 */
final class Lexer {
    private static final String PUNCT = "{}[]<>();:,=*-";

    private final String file;
    private final String src;
    private int pos;
    private int line = 1;
    private int col = 1;
    private final List<String> passThrough = new ArrayList<>();

    Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    /** The {@code %} lines seen, without the {@code %}. */
    List<String> passThrough() {
        return passThrough;
    }

    List<Token> tokens() throws XdrgenException {
        List<Token> out = new ArrayList<>();
        String comment = null;
        boolean lineStart = true;
        while (true) {
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.EOF, "", here(), comment));
                return out;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                advance();
                lineStart = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                advance();
                continue;
            }
            if (c == '%' && lineStart) {
                int eol = src.indexOf('\n', pos);
                eol = eol < 0 ? src.length() : eol;
                passThrough.add(src.substring(pos + 1, eol));
                while (pos < eol) {
                    advance();
                }
                continue;
            }
            lineStart = false;
            Position at = here();
            if (c == '/' && peek(1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new XdrgenException(at, "comment is not closed");
                }
                comment = src.substring(pos + 2, close);
                while (pos < close + 2) {
                    advance();
                }
                continue;
            }
            if (c == '#') {
                throw new XdrgenException(at, "C preprocessor directives are not supported");
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    advance();
                }
                out.add(new Token(Token.Kind.IDENT, src.substring(start, pos), at, comment));
            } else if (Character.isDigit(c)) {
                int start = pos;
                while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
                    advance();
                }
                out.add(new Token(Token.Kind.NUMBER, src.substring(start, pos), at, comment));
            } else if (PUNCT.indexOf(c) >= 0) {
                advance();
                out.add(new Token(Token.Kind.PUNCT, String.valueOf(c), at, comment));
            } else {
                throw new XdrgenException(at, "unexpected character '" + c + "'");
            }
            comment = null;
        }
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < src.length() ? src.charAt(p) : '\0';
    }

    private Position here() {
        return new Position(file, line, col);
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }
}
