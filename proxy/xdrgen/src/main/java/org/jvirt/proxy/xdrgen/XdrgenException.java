package org.jvirt.proxy.xdrgen;

/**
 * A .x file the generator cannot read or translate: a syntax error, an unknown name, a construct
 * outside the supported subset. The message starts with {@code file:line:column}.
 */
public final class XdrgenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Position position;

    /** An error at {@code position} (may be null for errors about no place in particular). */
    public XdrgenException(Position position, String message) {
        super(position == null ? message : position + ": " + message);
        this.position = position;
    }

    /** Where the error is, or null. */
    public Position position() {
        return position;
    }
}
