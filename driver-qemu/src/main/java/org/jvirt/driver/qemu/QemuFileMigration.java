package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/**
 * The guest's state streamed to and from files through QEMU's migration, which save, restore and
 * core dumps share (libvirt's {@code qemuMigrationSrcToFile}): starting the stream as a background job
 * that jobInfo sees and abortJob cancels, waiting for its end with a bound, and letting the guest run
 * again after a job paused it.
 */
final class QemuFileMigration {
    /** How long a save or core dump may stream. */
    static final Duration LONG = Duration.ofMinutes(30);
    private static final System.Logger LOG = System.getLogger(QemuFileMigration.class.getName());

    private final QemuNode node;

    QemuFileMigration(QemuNode node) {
        this.node = node;
    }

    /**
     * Appends the guest's state, as QEMU migrates it, to {@code file} (through a {@link MigrationPipe})
     * and waits for the stream to end: the background job jobInfo reports and abortJob cancels, which
     * fails this call with libvirt's "operation aborted: KIND: canceled by client".
     */
    void migrateToFile(QemuDomain d, QemuRun run, Path file, QemuDomain.BackgroundJob.Kind kind) {
        run.migration = new CompletableFuture<>();
        QemuDomain.BackgroundJob background = new QemuDomain.BackgroundJob(kind, run);
        d.background = background;
        String what = kind == QemuDomain.BackgroundJob.Kind.SAVE ? "save" : "core dump";
        Path privateDir = run.monitorSocket.getParent();
        try (MigrationPipe pipe = openToFile(d, privateDir, file, what)) {
            long limit = bandwidthLimit();
            if (limit > 0) {
                run.monitor.setMigrationMaxBandwidth(limit);
            }
            run.monitor.migrate(MigrationPipe.uri(privateDir));
            awaitMigration(d, run, LONG, what);
            try {
                pipe.await(LONG);
            } catch (IOException e) {
                throw QemuErrors.system("cannot write the " + what + " of domain '" + d.name + "' to '" + file + "': "
                        + e.getMessage(), d.name, e);
            }
        } catch (VirtException e) {
            if (background.abortRequested && run.phase == QemuRun.Phase.RUNNING) {
                throw QemuErrors.error(ErrorCode.OPERATION_ABORTED, kind.label + ": canceled by client", d.name, e);
            }
            throw e;
        } finally {
            d.background = null;
        }
    }

    /**
     * The bytes per second a save or core dump may write, from the environment variable
     * {@code JVIRT_QEMU_SAVE_BANDWIDTH} (for hosts whose disks other guests need); 0, QEMU's own
     * migration limit, when unset or not a positive number (which is logged).
     */
    static long bandwidthLimit() {
        String v = System.getenv("JVIRT_QEMU_SAVE_BANDWIDTH");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            long limit = Long.parseLong(v.strip());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.log(System.Logger.Level.WARNING, "JVIRT_QEMU_SAVE_BANDWIDTH=''{0}'' is not a positive number of bytes"
                + " per second; saves and dumps are not limited", v);
        return 0;
    }

    private static MigrationPipe openToFile(QemuDomain d, Path privateDir, Path file, String what) {
        try {
            return MigrationPipe.toFile(privateDir, file, d.name);
        } catch (IOException e) {
            throw QemuErrors.system("cannot open the migration socket for the " + what + " of domain '" + d.name
                    + "': " + e.getMessage(), d.name, e);
        }
    }

    /**
     * Waits for the migration of {@code run} to end; OPERATION_FAILED unless it completed. Never
     * longer than {@code limit}, and no longer than QEMU and its monitor live: their end completes
     * the wait.
     *
     * @param what the operation, for messages ("save", "restore")
     */
    void awaitMigration(QemuDomain d, QemuRun run, Duration limit, String what) {
        String status = awaitEnd(d, run.migration, limit, "migration");
        if ("completed".equals(status)) {
            return;
        }
        // A migration QEMU itself reports failed leaves QEMU running; a lost monitor may mean it is dying.
        if (("closed".equals(status) || !run.process.isAlive()) && node.processes.endedDuring(d, run)) {
            throw QemuErrors.failed(QemuProcesses.qemuExited(run) + " during the " + what + " of domain '" + d.name
                    + "'", d.name, null);
        }
        if ("closed".equals(status)) {
            throw QemuErrors.failed("migration of domain '" + d.name + "' failed: the monitor connection closed"
                    + (run.monitorProblem == null ? "" : " (" + run.monitorProblem + ")"), d.name, null);
        }
        String why = "";
        try {
            String error = run.monitor.migrationProgress().error();
            if (error != null) {
                why = ": " + error;
            }
        } catch (VirtException e) {
            // no more detail than the status
        }
        throw QemuErrors.failed("migration of domain '" + d.name + "' " + status + why, d.name, null);
    }

    /**
     * The outcome a QEMU job completes {@code end} with (by its event, or "closed" when the monitor
     * goes); OPERATION_TIMEOUT after {@code limit}.
     *
     * @param job the job, for messages ("migration", "core dump")
     */
    static String awaitEnd(QemuDomain d, CompletableFuture<String> end, Duration limit, String job) {
        try {
            return end.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw QemuErrors.error(ErrorCode.OPERATION_TIMEOUT, job + " of domain '" + d.name
                    + "' did not finish within " + limit.toSeconds() + " s", d.name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw QemuErrors.failed("interrupted while waiting for the " + job + " of domain '" + d.name + "'",
                    d.name, e);
        } catch (ExecutionException e) {
            throw QemuErrors.failed(job + " of domain '" + d.name + "' failed: " + e.getCause(), d.name, e);
        }
    }

    /**
     * Lets the guest run again after a job paused it, if QEMU still runs it: the state becomes
     * {@code resumed}, or stays {@code before} when QEMU refuses.
     */
    static void resumeAfterJob(QemuDomain d, QemuRun run, DomainStateReason resumed, DomainStateReason before) {
        if (run.phase != QemuRun.Phase.RUNNING) {
            return;
        }
        DomainStateReason after;
        try {
            run.monitor.cont();
            after = resumed;
        } catch (VirtException e) {
            after = before;
        }
        synchronized (d) {
            // A QEMU that ended meanwhile has left the domain shut off: that state stands.
            if (d.run == run) {
                d.state = after;
            }
        }
    }

    /**
     * A new hidden file beside {@code target} ({@code .NAME.XXXX.part}) that a job writes and renames
     * over the target once complete; SYSTEM_ERROR naming {@code purpose} ("the save of") when it cannot
     * be created.
     */
    static Path partFileBeside(QemuDomain d, Path target, String purpose) {
        try {
            return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw QemuErrors.system("cannot create a file in '" + target.getParent() + "' for " + purpose
                    + " domain '" + d.name + "': " + e.getMessage(), d.name, e);
        }
    }

    /** Makes a rename in {@code dir} durable. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync directories; the rename is atomic anyway
        }
    }
}
