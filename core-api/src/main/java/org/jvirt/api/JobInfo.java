package org.jvirt.api;

import java.util.Objects;

/**
 * A domain's background job, as libvirt's {@code virDomainJobInfo} (the fields jvirt reports).
 *
 * @param type what kind of job runs, {@link JobType#NONE} when none; never null
 * @param elapsedMillis how long the job has run, in milliseconds
 * @param dataTotal the amount of data the job handles in all (bytes, or the driver's unit); 0 when unknown
 * @param dataProcessed how much of it is done
 * @param dataRemaining how much is left
 *
 * @since 1.0
 */
public record JobInfo(JobType type, long elapsedMillis, long dataTotal, long dataProcessed, long dataRemaining) {
    public JobInfo {
        Objects.requireNonNull(type, "type");
    }

    /** No job running. */
    public static final JobInfo NONE = new JobInfo(JobType.NONE, 0, 0, 0, 0);
}
