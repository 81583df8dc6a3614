package org.jvirt.api;

/**
 * The kind of a domain's background job, numbered as libvirt's {@code virDomainJobType}.
 *
 * @since 1.0
 */
public enum JobType {
    /** No job is running. */
    NONE(0),
    /** A job whose amount of work is known (e.g. save, core dump). */
    BOUNDED(1),
    /** A job whose amount of work is not known. */
    UNBOUNDED(2),
    /** The job has finished. */
    COMPLETED(3),
    /** The job has failed. */
    FAILED(4),
    /** The job was aborted. */
    CANCELLED(5);

    private final int number;

    JobType(int number) {
        this.number = number;
    }

    /** libvirt's number for this job type. */
    public int number() {
        return number;
    }

    /** @throws IllegalArgumentException for a number libvirt does not define */
    public static JobType of(int number) {
        for (JobType t : values()) {
            if (t.number == number) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown job type " + number);
    }
}
