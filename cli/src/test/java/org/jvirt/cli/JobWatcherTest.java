package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/**
 * Long jobs: progress as virsh prints it off a terminal, a live bar on one, and Ctrl-C aborting
 * the job through the connection. A fake job stands for the API's job information and abort
 * (no driver in the tree declares them yet); save and dump use the same watcher.
 */
class JobWatcherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);
    private final AtomicReference<Runnable> ctrlC = new AtomicReference<>();
    private final JobWatcher.Interrupts fakeSigint = onInterrupt -> {
        ctrlC.set(onInterrupt);
        return () -> ctrlC.set(null);
    };

    /** A job of 100 units that advances when told, and fails as "aborted" when aborted. */
    private static final class FakeJob implements JobWatcher.Control {
        final AtomicLong remaining = new AtomicLong(100);
        final AtomicBoolean aborted = new AtomicBoolean();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public Optional<JobWatcher.Progress> progress() {
            return Optional.of(new JobWatcher.Progress(100, remaining.get()));
        }

        @Override
        public boolean canAbort() {
            return true;
        }

        @Override
        public void abort() {
            aborted.set(true);
            done.countDown();
        }

        void run() {
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (aborted.get()) {
                throw VirtException.of(ErrorCode.OPERATION_ABORTED, ErrorDomain.DOMAIN,
                        "job 'domain save' canceled by client", "test");
            }
        }
    }

    @Test
    void percentagesAsVirsh() {
        assertThat(new JobWatcher.Progress(100, 100).percent()).isZero();
        assertThat(new JobWatcher.Progress(100, 55).percent()).isEqualTo(45);
        assertThat(new JobWatcher.Progress(100, 0).percent()).isEqualTo(100);
        assertThat(new JobWatcher.Progress(1000, 1).percent()).isEqualTo(99); // never 100 before the end
        assertThat(new JobWatcher.Progress(0, 5).percent()).isZero();
    }

    @Test
    void offATerminalVerboseProgressIsVirshsRecordsOnStderr() throws Exception {
        FakeJob job = new FakeJob();
        Thread advance = new Thread(() -> {
            try {
                // Each step once the watcher has shown the one before: no guess at its polling period.
                awaitShown("[  0 %]");
                job.remaining.set(55);
                awaitShown("[ 45 %]");
                job.remaining.set(0);
                job.done.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        advance.start();
        new JobWatcher(output, false, fakeSigint).run("Save", true, new JobWatcher.Control() {
            @Override
            public Optional<JobWatcher.Progress> progress() {
                return job.progress();
            }

            @Override
            public boolean canAbort() {
                return false;
            }

            @Override
            public void abort() {
            }
        }, job::run);
        advance.join();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("\rSave: [  0 %]").contains("\rSave: [ 45 %]")
                .endsWith("\rSave: [100 %]").doesNotContain("\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private void awaitShown(String text) throws InterruptedException {
        for (int i = 0; i < 2000 && !err.toString(StandardCharsets.UTF_8).contains(text); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void withoutVerboseNothingIsShown() {
        new JobWatcher(output, false, fakeSigint).run("Dump", false, JobWatcher.Control.NONE, () -> { });
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDriverWithoutProgressShowsOnlyTheEndAsVirsh() {
        new JobWatcher(output, false, fakeSigint).run("Dump", true, JobWatcher.Control.NONE, () -> { });
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\rDump: [100 %]");
    }

    @Test
    void aFailedJobShowsNoCompletionAndItsErrorPassesThrough() {
        VirtException failure = VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                "domain is not running", "test");
        assertThatThrownBy(() -> new JobWatcher(output, false, fakeSigint).run("Save", true,
                JobWatcher.Control.NONE, () -> {
                    throw failure;
                })).isSameAs(failure);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void ctrlCAbortsTheJobThroughTheConnection() throws Exception {
        FakeJob job = new FakeJob();
        Thread press = new Thread(() -> {
            try {
                for (int i = 0; i < 500 && ctrlC.get() == null; i++) {
                    Thread.sleep(10);
                }
                ctrlC.get().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        press.start();
        assertThatThrownBy(() -> new JobWatcher(output, false, fakeSigint).run("Save", true, job, job::run))
                .isInstanceOf(VirtException.class).hasMessageContaining("canceled by client");
        press.join();
        assertThat(job.aborted).isTrue();
        assertThat(ctrlC.get()).as("the Ctrl-C handler is removed after the job").isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("100 %");
    }

    @Test
    void noAbortNoCtrlCHandler() {
        new JobWatcher(output, false, fakeSigint).run("Save", false, JobWatcher.Control.NONE, () -> {
            assertThat(ctrlC.get()).as("Ctrl-C keeps its default meaning when the job cannot be aborted").isNull();
        });
    }

    @Test
    void onATerminalALiveBarFilledAtTheEnd() {
        FakeJob job = new FakeJob();
        job.remaining.set(0);
        job.done.countDown();
        new JobWatcher(output, true, fakeSigint).run("Save", true, job, job::run);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Save").contains("100%");
    }

    @Test
    void saveAndDumpRunThroughTheWatcher() {
        Jvirsh.Result r = Jvirsh.script("save --verbose test target/watched.img; restore target/watched.img; "
                + "dump --verbose test target/watched.core");
        assertThat(r.err()).isEqualTo("\rSave: [100 %]\rDump: [100 %]");
        assertThat(r.out()).isEqualTo("\nDomain 'test' saved to target/watched.img\n\n"
                + "Domain restored from target/watched.img\n\n\nDomain 'test' dumped to target/watched.core\n\n");
    }

    /** A domain whose only working calls are jobInfo() and abortJob(). */
    private static org.jvirt.api.Domain jobDomain(AtomicReference<org.jvirt.api.JobInfo> info, AtomicBoolean aborted) {
        return (org.jvirt.api.Domain) java.lang.reflect.Proxy.newProxyInstance(JobWatcherTest.class.getClassLoader(),
                new Class<?>[] {org.jvirt.api.Domain.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "jobInfo" -> {
                        org.jvirt.api.JobInfo now = info.get();
                        if (now == null) {
                            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "gone", "d");
                        }
                        yield now;
                    }
                    case "abortJob" -> {
                        aborted.set(true);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theApisJobInfoIsTheProgressAndAbortJobTheAbort() {
        AtomicReference<org.jvirt.api.JobInfo> info = new AtomicReference<>(
                new org.jvirt.api.JobInfo(org.jvirt.api.JobType.BOUNDED, 1500, 200, 150, 50));
        AtomicBoolean aborted = new AtomicBoolean();
        org.jvirt.api.Domain d = jobDomain(info, aborted);
        JobWatcher.Control control = JobWatcher.Control.of(d, true, true);
        assertThat(control.progress()).contains(new JobWatcher.Progress(200, 50));
        assertThat(control.progress().orElseThrow().percent()).isEqualTo(75);
        info.set(org.jvirt.api.JobInfo.NONE);
        assertThat(control.progress()).isEmpty();
        info.set(null);
        assertThat(control.progress()).as("a failed poll shows nothing").isEmpty();
        assertThat(control.canAbort()).isTrue();
        control.abort();
        assertThat(aborted).isTrue();

        JobWatcher.Control reportOnly = JobWatcher.Control.of(d, true, false);
        assertThat(reportOnly.canAbort()).isFalse();
        JobWatcher.Control abortOnly = JobWatcher.Control.of(d, false, true);
        assertThat(abortOnly.progress()).isEmpty();
        assertThat(JobWatcher.Control.of(d, false, false)).isSameAs(JobWatcher.Control.NONE);
        assertThat(org.jvirt.api.JobType.of(5)).isEqualTo(org.jvirt.api.JobType.CANCELLED);
    }
}
