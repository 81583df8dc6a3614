package org.jvirt.driver.qemu.qmp;

import java.io.IOException;

/**
 * A QMP conversation failed: the monitor is closed, it sent something that is not QMP, it did
 * not answer in time, or it answered a command with an error. {@link #kind()} says which;
 * for {@link Kind#COMMAND_ERROR}, {@link #errorClass()} is QEMU's error class
 * ({@code GenericError}, {@code CommandNotFound}, {@code DeviceNotFound}...).
 */
public final class QmpException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The monitor is closed (QEMU exited, or the client was closed). */
        CLOSED,
        /** The monitor sent something that is not QMP: garbage, oversized or malformed JSON. */
        PROTOCOL,
        /** No answer within the time allowed. */
        TIMEOUT,
        /** QEMU answered the command with an error. */
        COMMAND_ERROR
    }

    private final Kind kind;
    private final String errorClass;

    public QmpException(Kind kind, String message, String errorClass, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorClass = errorClass;
    }

    public QmpException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** QEMU's error class for {@link Kind#COMMAND_ERROR}, else null. */
    public String errorClass() {
        return errorClass;
    }
}
