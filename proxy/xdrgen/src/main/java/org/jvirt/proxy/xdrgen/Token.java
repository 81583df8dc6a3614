package org.jvirt.proxy.xdrgen;

/**
 * One token of a .x file.
 *
 * @param kind what it is
 * @param text the identifier, number literal or punctuation character as written
 * @param position where it starts
 * @param comment the text of the last comment between the previous token and this one, or null:
 *     libvirt puts its procedure annotations ({@code @acl: ...}) there
 */
record Token(Kind kind, String text, Position position, String comment) {
    enum Kind { IDENT, NUMBER, PUNCT, EOF }

    boolean is(String s) {
        return kind != Kind.EOF && text.equals(s);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case IDENT -> "'" + text + "'";
            case NUMBER -> "number " + text;
            case PUNCT -> "'" + text + "'";
        };
    }
}
