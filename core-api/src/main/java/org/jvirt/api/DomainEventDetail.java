package org.jvirt.api;

/**
 * What a lifecycle event reports: the event's type and libvirt's detail for it
 * ({@code virDomainEventDefinedDetailType}, {@code ...StartedDetailType}, ...), flattened into one type.
 *
 * @since 1.0
 */
public enum DomainEventDetail {
    DEFINED_ADDED(DomainEventType.DEFINED, 0, "Added"),
    DEFINED_UPDATED(DomainEventType.DEFINED, 1, "Updated"),
    DEFINED_RENAMED(DomainEventType.DEFINED, 2, "Renamed"),
    DEFINED_FROM_SNAPSHOT(DomainEventType.DEFINED, 3, "Snapshot"),

    UNDEFINED_REMOVED(DomainEventType.UNDEFINED, 0, "Removed"),
    UNDEFINED_RENAMED(DomainEventType.UNDEFINED, 1, "Renamed"),

    STARTED_BOOTED(DomainEventType.STARTED, 0, "Booted"),
    STARTED_MIGRATED(DomainEventType.STARTED, 1, "Migrated"),
    STARTED_RESTORED(DomainEventType.STARTED, 2, "Restored"),
    STARTED_FROM_SNAPSHOT(DomainEventType.STARTED, 3, "Snapshot"),
    STARTED_WAKEUP(DomainEventType.STARTED, 4, "Event wakeup"),

    SUSPENDED_PAUSED(DomainEventType.SUSPENDED, 0, "Paused"),
    SUSPENDED_MIGRATED(DomainEventType.SUSPENDED, 1, "Migrated"),
    SUSPENDED_IOERROR(DomainEventType.SUSPENDED, 2, "I/O Error"),
    SUSPENDED_WATCHDOG(DomainEventType.SUSPENDED, 3, "Watchdog"),
    SUSPENDED_RESTORED(DomainEventType.SUSPENDED, 4, "Restored"),
    SUSPENDED_FROM_SNAPSHOT(DomainEventType.SUSPENDED, 5, "Snapshot"),
    SUSPENDED_API_ERROR(DomainEventType.SUSPENDED, 6, "API error"),

    RESUMED_UNPAUSED(DomainEventType.RESUMED, 0, "Unpaused"),
    RESUMED_MIGRATED(DomainEventType.RESUMED, 1, "Migrated"),
    RESUMED_FROM_SNAPSHOT(DomainEventType.RESUMED, 2, "Snapshot"),

    STOPPED_SHUTDOWN(DomainEventType.STOPPED, 0, "Shutdown"),
    STOPPED_DESTROYED(DomainEventType.STOPPED, 1, "Destroyed"),
    STOPPED_CRASHED(DomainEventType.STOPPED, 2, "Crashed"),
    STOPPED_MIGRATED(DomainEventType.STOPPED, 3, "Migrated"),
    STOPPED_SAVED(DomainEventType.STOPPED, 4, "Saved"),
    STOPPED_FAILED(DomainEventType.STOPPED, 5, "Failed"),
    STOPPED_FROM_SNAPSHOT(DomainEventType.STOPPED, 6, "Snapshot"),

    SHUTDOWN_FINISHED(DomainEventType.SHUTDOWN, 0, "Finished"),
    SHUTDOWN_GUEST(DomainEventType.SHUTDOWN, 1, "Finished after guest request"),
    SHUTDOWN_HOST(DomainEventType.SHUTDOWN, 2, "Finished after host request"),

    PMSUSPENDED_MEMORY(DomainEventType.PMSUSPENDED, 0, "Memory"),
    PMSUSPENDED_DISK(DomainEventType.PMSUSPENDED, 1, "Disk"),

    CRASHED_PANICKED(DomainEventType.CRASHED, 0, "Panicked");

    private final DomainEventType type;
    private final int number;
    private final String label;

    DomainEventDetail(DomainEventType type, int number, String label) {
        this.type = type;
        this.number = number;
        this.label = label;
    }

    /** The event's type. */
    public DomainEventType type() {
        return type;
    }

    /** The detail's number within its type's libvirt enum. */
    public int number() {
        return number;
    }

    /** The words virsh's {@code event} command prints for this detail. */
    public String label() {
        return label;
    }
}
