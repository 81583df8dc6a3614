package org.jvirt.driver.qemu;

import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.spi.DomainRef;

/**
 * The background job of a domain — a save's or core dump's stream, a detached memory dump — as
 * libvirt's virDomainGetJobInfo and virDomainAbortJob see it. Neither takes the domain's job lock,
 * which the job itself holds.
 */
final class QemuJobs {
    private static final System.Logger LOG = System.getLogger(QemuJobs.class.getName());

    private final QemuNode node;

    QemuJobs(QemuNode node) {
        this.node = node;
    }

    /**
     * The running save's or core dump's progress: an unbounded job whose data are the guest's RAM
     * (save and dump: QEMU's migration) or the memory-only dump's bytes; {@link JobInfo#NONE} when
     * none runs.
     */
    JobInfo jobInfo(DomainRef ref) {
        QemuDomain d = node.domains.find(ref);
        QemuDomain.BackgroundJob job = d.background;
        if (job == null) {
            return JobInfo.NONE;
        }
        if (job.kind == QemuDomain.BackgroundJob.Kind.MEMORY_DUMP) {
            QemuMonitor.DumpProgress dump = job.run.monitor.dumpProgress();
            return new JobInfo(JobType.UNBOUNDED, job.elapsedMillis(), dump.totalBytes(), dump.completedBytes(),
                    Math.max(0, dump.totalBytes() - dump.completedBytes()));
        }
        QemuMonitor.MigrationProgress migration = job.run.monitor.migrationProgress();
        return new JobInfo(JobType.UNBOUNDED, job.elapsedMillis(), migration.totalBytes(),
                migration.transferredBytes(), migration.remainingBytes());
    }

    /**
     * Aborts the running save or core dump: QEMU cancels the migration, the job fails with
     * "operation aborted", its partial file is removed and the guest runs on. A memory-only dump
     * (dump-guest-memory) QEMU cannot cancel: OPERATION_INVALID, as libvirt.
     */
    void abortJob(DomainRef ref) {
        QemuDomain d = node.domains.find(ref);
        QemuDomain.BackgroundJob job = d.background;
        if (job == null) {
            throw QemuErrors.operationInvalid("no job is active on the domain", d.name);
        }
        if (job.kind == QemuDomain.BackgroundJob.Kind.MEMORY_DUMP) {
            throw QemuErrors.operationInvalid("cannot abort memory-only dump", d.name);
        }
        job.abortRequested = true;
        LOG.log(System.Logger.Level.INFO, "domain ''{0}'': aborting its {1} at the client''s request", d.name,
                job.kind.label);
        job.run.monitor.migrateCancel();
    }
}
