package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.process.ProcStat;
import org.jvirt.driver.qemu.state.SaveImage;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.spi.DomainRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * QEMU killed with SIGKILL in the middle of an operation: the caller gets a VirtException promptly
 * (never a hang), no partial file passes for a save image, the domain is shut off (crashed) with its
 * event, nothing is left behind (process, monitor socket, pid and status files, reader thread), and
 * the domain starts again.
 */
@Timeout(120)
class QemuKilledMidOperationTest {
    /** Well under the QMP command timeout (30 s): the end of QEMU is noticed, not waited out. */
    @TempDir
    Path root;

    @TempDir
    Path files;

    @TempDir
    Path copies;

    @BeforeEach
    void needQemu() {
        Peers.x86();
    }

    @AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }

    @Test
    void sigkillWhileSaving() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.defineDomain(QemuGuests.diskless("victim").replace("<memory unit='MiB'>64</memory>",
                    "<memory unit='MiB'>256</memory>"));
            dom.start();
            StateLayout layout = StateLayout.embed(root.toRealPath());
            long pid = pidOf(layout, "victim");
            // Slow the save down with QEMU's own migration bandwidth cap, set over the driver's monitor
            // connection (QEMU takes one QMP client at a time): the save then takes seconds, not 100 ms.
            QemuDomain d = QemuGuests.node(conn).domains.find(new DomainRef("victim", dom.uuid(), dom.id()));
            d.run.monitor.setMigrationMaxBandwidth(256 << 10);

            Path image = files.resolve("victim.sav");
            CompletableFuture<Void> save = new CompletableFuture<>();
            Thread saver = new Thread(() -> {
                try {
                    dom.save(image);
                    save.complete(null);
                } catch (Throwable t) {
                    save.completeExceptionally(t);
                }
            }, "saver");
            saver.start();

            // Migration data is flowing into the temporary file.
            Path part = awaitPartFile(files, 4096 + (64 << 10), save);
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_SAVE);
            assertThat(image).doesNotExist();
            // What a crash of jvirt itself at this moment would leave behind must not pass for an image.
            Path leftover = copies.resolve("leftover.sav");
            Files.copy(part, leftover);

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            Throwable failure = outcome(save);
            assertThat(failure).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                assertThat(e.getMessage()).contains("victim", "QEMU", "exited", "save");
            });

            // Reported at once: shut off, crashed; the event is delivered, and not "saved".
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_CRASHED);
            assertThat(dom.id()).isEqualTo(-1);
            assertThat(events.await(DomainEventDetail.STOPPED_CRASHED)).isTrue();
            assertThat(events.seen).doesNotContain(DomainEventDetail.STOPPED_SAVED);

            // No file at all where the image was to be; the snapshot of the partial one is refused.
            try (var ds = Files.list(files)) {
                assertThat(ds.toList()).as("nothing left in the target directory").isEmpty();
            }
            assertThatThrownBy(() -> SaveImage.read(leftover)).isInstanceOfSatisfying(
                    SaveImage.FormatException.class, e -> assertThat(e.getMessage()).contains("incomplete"));
            assertThatThrownBy(() -> conn.restore(leftover)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                assertThat(e.getMessage()).contains("incomplete");
            });
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_CRASHED);

            assertNothingLeft(layout, "victim", pid);
            saver.join(5_000);
            assertThat(saver.isAlive()).isFalse();

            // The persistent domain starts again, and its monitor works.
            dom.start();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            assertThat(pidOf(layout, "victim")).isNotEqualTo(pid);
            dom.suspend();
            dom.resume();
            dom.destroy();
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
            assertThat(events.seen).filteredOn(DomainEventDetail.STOPPED_CRASHED::equals).as("one crash").hasSize(1);
        }
    }

    @Test
    void sigkillDuringACommandBurst() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.defineDomain(QemuGuests.diskless("burst"));
            dom.start();
            StateLayout layout = StateLayout.embed(root.toRealPath());
            long pid = pidOf(layout, "burst");

            AtomicInteger rounds = new AtomicInteger();
            CompletableFuture<Void> burst = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                try {
                    while (System.nanoTime() < deadline) {
                        dom.suspend();
                        dom.info();
                        dom.resume();
                        rounds.incrementAndGet();
                    }
                    burst.complete(null);
                } catch (Throwable t) {
                    burst.completeExceptionally(t);
                }
            }, "burst");
            worker.start();
            for (int i = 0; i < 1000 && rounds.get() < 20 && !burst.isDone(); i++) {
                Thread.sleep(10);
            }
            assertThat(burst).as("the burst runs").isNotDone();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            Throwable failure = outcome(burst);
            assertThat(failure).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                assertThat(e.getMessage()).contains("not running");
            });
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_CRASHED);
            assertThat(events.await(DomainEventDetail.STOPPED_CRASHED)).isTrue();
            assertThatThrownBy(dom::suspend).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("domain is not running"));
            assertNothingLeft(layout, "burst", pid);
            worker.join(5_000);
            assertThat(worker.isAlive()).isFalse();

            dom.start();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            dom.suspend();
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            dom.destroy();
            assertThat(events.seen).filteredOn(DomainEventDetail.STOPPED_CRASHED::equals).as("one crash").hasSize(1);
        }
    }

    private static long pidOf(StateLayout layout, String name) throws Exception {
        return Long.parseLong(Files.readString(layout.pidFile(name)).trim());
    }

    /** The hidden temporary file a save writes, once it holds at least {@code bytes}. */
    private static Path awaitPartFile(Path dir, long bytes, CompletableFuture<Void> save) throws Exception {
        for (int i = 0; i < 2000; i++) {
            if (save.isDone()) {
                throw new AssertionError("the save ended before it could be interrupted: " + outcome(save));
            }
            try (var ds = Files.list(dir)) {
                for (Path p : ds.toList()) {
                    if (p.getFileName().toString().endsWith(".part") && Files.size(p) >= bytes) {
                        return p;
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // renamed or removed under us: look again
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no temporary save file of " + bytes + " bytes appeared in " + dir);
    }

    /** What an operation ended with: its exception, or an assertion failure when it succeeded or hangs. */
    private static Throwable outcome(CompletableFuture<Void> op) throws InterruptedException {
        try {
            op.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the operation still hangs 30 s after QEMU was killed");
        }
        throw new AssertionError("the operation succeeded although QEMU was killed");
    }

    /** No process, zombie, monitor socket, pid, status or live XML file and no monitor reader thread remain. */
    private static void assertNothingLeft(StateLayout layout, String name, long pid) throws Exception {
        assertThat(ProcStat.of(pid)).as("QEMU reaped, not a zombie").isNull();
        assertThat(ProcessHandle.current().children().filter(p -> {
            ProcStat st = ProcStat.of(p.pid());
            return st != null && st.isZombie();
        }).toList()).as("zombie children of this JVM").isEmpty();
        for (Path p : List.of(layout.pidFile(name), layout.statusFile(name), layout.liveXml(name))) {
            assertThat(p).doesNotExist();
        }
        assertThat(QemuGuests.privateDirs(layout, name)).as("the private directory, with its monitor socket").isEmpty();
        try (var ds = Files.list(layout.runDir())) {
            assertThat(ds.map(p -> p.getFileName().toString()).toList()).containsExactly("driver.lock");
        }
        java.util.function.Predicate<String> reader = t -> t.startsWith("qmp-reader domain-")
                && t.endsWith("-" + name + "/monitor.sock");
        for (int i = 0; i < 100 && readerAlive(reader); i++) {
            Thread.sleep(20);
        }
        assertThat(readerAlive(reader)).as("monitor reader thread ended").isFalse();
    }

    private static boolean readerAlive(java.util.function.Predicate<String> threadName) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> threadName.test(t.getName()) && t.isAlive());
    }
}
