package org.jvirt.driver.qemu.qmp;

/**
 * Receives a QMP client's events, on the client's reader thread, in the order QEMU sent them.
 * Implementations must not block for long and must not call back into the client synchronously
 * (a command issued from here would wait for the very thread that delivers its answer).
 */
public interface QmpListener {
    /** One event. */
    void onEvent(QmpEvent event);

    /** The monitor closed, once; {@code cause} is null for an orderly close by the client. */
    void onClose(QmpException cause);
}
