package org.jvirt.driver.xend.sexpr;

/**
 * Where a character of an S-expression document is.
 *
 * @param line the line, from 1
 * @param column the column within the line, from 1, in characters
 * @param offset the number of characters before it in the (decoded) document, from 0
 */
public record SexprPosition(int line, int column, int offset) {

    /** The start of a document. */
    public static final SexprPosition START = new SexprPosition(1, 1, 0);

    /** The position of character {@code offset} of {@code text} (or of its end), counted from the start. */
    static SexprPosition of(CharSequence text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SexprPosition(line, column, offset);
    }

    /** {@code line:column (offset N)}. */
    @Override
    public String toString() {
        return line + ":" + column + " (offset " + offset + ")";
    }
}
