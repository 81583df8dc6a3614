package org.jvirt.api;

/**
 * Kinds of domain lifecycle events, numbered as libvirt's {@code virDomainEventType}.
 *
 * @since 1.0
 */
public enum DomainEventType {
    DEFINED(0), UNDEFINED(1), STARTED(2), SUSPENDED(3), RESUMED(4), STOPPED(5), SHUTDOWN(6),
    PMSUSPENDED(7), CRASHED(8);

    private final int number;

    DomainEventType(int number) {
        this.number = number;
    }

    /** libvirt's number. */
    public int number() {
        return number;
    }

    /** The word virsh's {@code event} command prints, e.g. {@code Started}. */
    public String label() {
        String n = name().toLowerCase(java.util.Locale.ROOT);
        return n.equals("pmsuspended") ? "PMSuspended" : Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
