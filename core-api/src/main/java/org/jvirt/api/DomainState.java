package org.jvirt.api;

/**
 * A domain's state, numbered as libvirt's {@code virDomainState}.
 *
 * @since 1.0
 */
public enum DomainState {
    NOSTATE(0, "no state"),
    RUNNING(1, "running"),
    BLOCKED(2, "idle"),
    PAUSED(3, "paused"),
    SHUTDOWN(4, "in shutdown"),
    SHUTOFF(5, "shut off"),
    CRASHED(6, "crashed"),
    PMSUSPENDED(7, "pmsuspended");

    private final int number;
    private final String label;

    DomainState(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** libvirt's number for this state. */
    public int number() {
        return number;
    }

    /** The words virsh prints for this state, e.g. {@code shut off}. */
    public String label() {
        return label;
    }

    /** Whether a domain in this state has a running (or paused) instance. */
    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE;
    }

    /** @throws IllegalArgumentException for a number libvirt does not define */
    public static DomainState ofNumber(int number) {
        for (DomainState s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown domain state " + number);
    }
}
