package org.jvirt.api;

/**
 * Why a connection closed, numbered as libvirt's {@code virConnectCloseReason}.
 *
 * @since 1.0
 */
public enum CloseReason {
    ERROR(0), EOF(1), KEEPALIVE(2), CLIENT(3);

    private final int number;

    CloseReason(int number) {
        this.number = number;
    }

    /** libvirt's number. */
    public int number() {
        return number;
    }
}
