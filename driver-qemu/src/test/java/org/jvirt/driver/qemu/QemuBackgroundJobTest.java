package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.spi.DomainRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save's and a core dump's progress (virDomainGetJobInfo) and aborting a save
 * (virDomainAbortJob), on real QEMU guests. The save is slowed with QEMU's own migration
 * bandwidth cap so that it is still running when the test looks at it and aborts it.
 */
@Timeout(180)
class QemuBackgroundJobTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path root;

    @TempDir
    Path files;

    @BeforeEach
    void needQemu() {
        Peers.x86();
    }

    @AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }

    @Test
    void aSaveReportsItsProgressAndAnAbortLeavesTheGuestRunningAndNoFile() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            assertThat(conn.supports(Operation.DOMAIN_GET_JOB_INFO)).isTrue();
            assertThat(conn.supports(Operation.DOMAIN_ABORT_JOB)).isTrue();
            Domain dom = conn.createDomain(QemuGuests.diskless("slow").replace("<memory unit='MiB'>64</memory>",
                    "<memory unit='MiB'>128</memory>"));
            assertThat(dom.jobInfo()).isEqualTo(JobInfo.NONE);
            assertThatThrownBy(dom::abortJob).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                assertThat(e.getMessage()).isEqualTo("Requested operation is not valid: no job is active on the domain");
            });
            slowMigration(conn, dom, 256 << 10);

            Path image = files.resolve("slow.sav");
            CompletableFuture<Void> save = CompletableFuture.runAsync(() -> dom.save(image));
            JobInfo moving = awaitProgress(dom, save);
            System.out.println("save in progress: " + moving);
            assertThat(moving.type()).isEqualTo(JobType.UNBOUNDED);
            assertThat(moving.dataTotal()).as("the guest's RAM").isGreaterThanOrEqualTo(128 * MIB);
            assertThat(moving.dataProcessed()).isPositive().isLessThan(moving.dataTotal());
            assertThat(moving.dataRemaining()).isPositive();
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_SAVE);

            dom.abortJob();
            Throwable failure = outcome(save);
            assertThat(failure).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_ABORTED);
                assertThat(e.getMessage()).isEqualTo("operation aborted: domain save job: canceled by client");
            });
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_SAVE_CANCELED);
            assertThat(dom.jobInfo()).isEqualTo(JobInfo.NONE);
            try (var ds = Files.list(files)) {
                assertThat(ds.toList()).as("neither the image nor its partial file").isEmpty();
            }

            // The guest runs on, and a save at full speed afterwards succeeds.
            dom.suspend();
            dom.resume();
            slowMigration(conn, dom, 0);
            dom.save(image);
            assertThat(image).isNotEmptyFile();
            assertThat(conn.listAllDomains()).as("a transient domain is gone once saved").isEmpty();
        }
    }

    @Test
    void aCoreDumpReportsItsProgressAndAnAbortLeavesTheGuestRunningAndNoFile() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.createDomain(QemuGuests.diskless("dumped").replace("<memory unit='MiB'>64</memory>",
                    "<memory unit='MiB'>128</memory>"));
            slowMigration(conn, dom, 256 << 10);
            Path core = files.resolve("dumped.core");
            CompletableFuture<Void> dump = CompletableFuture.runAsync(() -> dom.coreDump(core));
            JobInfo moving = awaitProgress(dom, dump);
            assertThat(moving.type()).isEqualTo(JobType.UNBOUNDED);
            assertThat(moving.dataTotal()).as("the guest's RAM").isGreaterThanOrEqualTo(128 * MIB);
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_DUMP);
            dom.abortJob();
            assertThat(outcome(dump)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_ABORTED);
                assertThat(e.getMessage()).isEqualTo("operation aborted: domain core dump job: canceled by client");
            });
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            try (var ds = Files.list(files)) {
                assertThat(ds.toList()).as("neither the dump nor its partial file").isEmpty();
            }
            slowMigration(conn, dom, 0);
            dom.coreDump(core);
            assertThat(core).isNotEmptyFile();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            dom.destroy();
        }
    }

    @Test
    void aMemoryOnlyDumpReportsItsProgressAndCannotBeAborted() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            Domain dom = conn.createDomain(QemuGuests.diskless("dumper").replace("<memory unit='MiB'>64</memory>",
                    "<memory unit='MiB'>512</memory>"));
            Path core = files.resolve("dumper.core");
            CompletableFuture<Void> dump = CompletableFuture.runAsync(() -> dom.coreDump(core, CoreDumpFlag.MEMORY_ONLY));
            List<JobInfo> seen = new ArrayList<>();
            List<VirtException> abortRefusals = new ArrayList<>();
            while (!dump.isDone()) {
                JobInfo info = dom.jobInfo();
                if (info.type() != JobType.NONE) {
                    seen.add(info);
                    try {
                        dom.abortJob();
                    } catch (VirtException e) {
                        abortRefusals.add(e);
                    }
                }
            }
            assertThat(outcome(dump)).isNull();
            System.out.println("dump polled " + seen.size() + " times while running, last " + (seen.isEmpty()
                    ? "none" : seen.get(seen.size() - 1)));
            assertThat(core).isNotEmptyFile();
            assertThat(Files.size(core)).isGreaterThan(512 * MIB);
            assertThat(dom.jobInfo()).isEqualTo(JobInfo.NONE);
            assertThat(seen).as("a 512 MiB dump is seen running").isNotEmpty();
            for (JobInfo info : seen) {
                assertThat(info.type()).isEqualTo(JobType.UNBOUNDED);
                assertThat(info.dataProcessed()).isBetween(0L, info.dataTotal());
                assertThat(info.dataRemaining()).isEqualTo(info.dataTotal() - info.dataProcessed());
            }
            assertThat(abortRefusals).isNotEmpty().allSatisfy(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                assertThat(e.getMessage()).isIn("Requested operation is not valid: cannot abort memory-only dump",
                        "Requested operation is not valid: no job is active on the domain");
            });
            assertThat(abortRefusals.get(0).getMessage()).contains("memory-only");
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            dom.destroy();
        }
    }

    /** Caps QEMU's migration bandwidth (bytes/s; 0 for none) over the driver's own monitor connection. */
    private static void slowMigration(Connection conn, Domain dom, long bytesPerSecond) throws Exception {
        QemuDomain d = QemuGuests.node(conn).domains.find(new DomainRef(dom.name(), dom.uuid(), dom.id()));
        d.run.monitor.setMigrationMaxBandwidth(bytesPerSecond == 0 ? Long.MAX_VALUE >> 1 : bytesPerSecond);
    }

    private static JobInfo awaitProgress(Domain dom, CompletableFuture<Void> job) throws Exception {
        for (int i = 0; i < 4000; i++) {
            if (job.isDone()) {
                throw new AssertionError("the job ended before its progress was seen: " + outcome(job));
            }
            JobInfo info = dom.jobInfo();
            if (info.dataProcessed() > 0) {
                return info;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no progress reported in 20 s");
    }

    private static Throwable outcome(CompletableFuture<Void> job) throws Exception {
        try {
            job.get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
