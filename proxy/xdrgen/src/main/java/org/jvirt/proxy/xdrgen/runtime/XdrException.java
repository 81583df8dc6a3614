package org.jvirt.proxy.xdrgen.runtime;

/**
 * Bytes that are not a valid XDR encoding of the type being read: truncated data, a length over
 * its declared maximum, a discriminant with no arm, an enum value that is not declared, padding
 * that is not zero, or bytes left over.
 *
 * <p>{@link #offset()} is where the offending item starts, counted from the start of the buffer
 * the reader was given plus its base offset (a frame reader sets the base so that offsets count
 * from the frame's first byte).
 */
public final class XdrException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param offset where the offending item starts
     * @param message what is wrong, naming the field when known; the offset is appended
     */
    public XdrException(long offset, String message) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** Where the offending item starts. */
    public long offset() {
        return offset;
    }
}
