package org.jvirt.proxy.protocol;

import java.io.IOException;

/**
 * A byte stream that is not a sequence of libvirt frames: a length word outside libvirt's limits,
 * or a stream that ends inside a frame. The connection cannot be resynchronised; close it.
 */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param offset where in the stream the offending frame starts
     * @param message what is wrong; the offset is appended
     */
    public FrameException(long offset, String message) {
        super(message + " (frame at stream offset " + offset + ")");
        this.offset = offset;
    }

    /** Where in the stream the offending frame starts. */
    public long offset() {
        return offset;
    }
}
