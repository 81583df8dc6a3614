package org.jvirt.driver.qemu.qmp;

/** Malformed, oversized or too deeply nested JSON; {@link #offset()} says where. */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** The character offset in the document where the problem was found. */
    public int offset() {
        return offset;
    }
}
