package org.jvirt.driver.qemu.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How QEMU is started: a child of this JVM, or detached and left to init when the process asks for it. */
@Timeout(60)
class QemuLauncherTest {
    @TempDir
    Path dir;

    private QemuProcess started;

    @AfterEach
    void stop() {
        if (started != null) {
            started.kill(Duration.ofSeconds(5));
        }
        System.clearProperty(QemuLauncher.DETACH_PROPERTY);
    }

    @Test
    void aDetachedProcessIsNoChildOfThisJvmAndIsStillWatchedAndStopped() throws Exception {
        Path log = Files.createFile(dir.resolve("log"));
        started = QemuLauncher.launchDetached(List.of("sleep", "60"), null, Map.of(), log);
        QemuProcess p = started;
        assertThat(p.isChild()).isFalse();
        assertThat(p.isAlive()).isTrue();
        assertThat(ProcessHandle.current().children().mapToLong(ProcessHandle::pid)).doesNotContain(p.pid());
        // The shell that started it has ended: its parent is init (or a subreaper), not this JVM.
        assertThat(ProcessHandle.of(p.pid()).orElseThrow().parent().map(ProcessHandle::pid))
                .isNotEqualTo(java.util.Optional.of(ProcessHandle.current().pid()));
        assertThat(p.startTicks()).isEqualTo(ProcStat.of(p.pid()).startTicks());

        assertThat(p.terminate(Duration.ofSeconds(10), Duration.ofSeconds(10))).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitDescription()).as("not a child: its status is not known").isNull();
    }

    @Test
    void aDetachedProcessWritesToTheLogAndItsEndIsSeen() throws Exception {
        Path log = Files.writeString(dir.resolve("log"), "before\n");
        QemuProcess p = QemuLauncher.launchDetached(List.of("sh", "-c", "echo out; echo err >&2; read x"), null,
                Map.of("JVIRT_TEST", "x"), log);
        started = p;
        // It ends by itself: its stdin is /dev/null, so the read ends at once.
        assertThat(p.await(Duration.ofSeconds(20))).isTrue();
        assertThat(p.isAlive()).isFalse();
        // Its stdout and stderr are appended to the log.
        assertThat(Files.readString(log)).startsWith("before\n").contains("out\n").contains("err\n");
    }

    @Test
    void aDetachedCommandThatCannotRunCountsAsEnded() throws Exception {
        Path log = Files.createFile(dir.resolve("log"));
        QemuProcess p = QemuLauncher.launchDetached(List.of(dir.resolve("no-such-qemu").toString()), null, Map.of(),
                log);
        started = p;
        assertThat(p.await(Duration.ofSeconds(20))).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(Files.readString(log)).contains("no-such-qemu");
    }

    @Test
    void launchDetachesOnlyWhenThePropertySaysSo() throws Exception {
        Path log = Files.createFile(dir.resolve("log"));
        started = QemuLauncher.launch(List.of("sleep", "60"), null, Map.of(), log);
        assertThat(started.isChild()).isTrue();
        started.kill(Duration.ofSeconds(5));

        System.setProperty(QemuLauncher.DETACH_PROPERTY, "true");
        started = QemuLauncher.launch(List.of("sleep", "60"), null, Map.of(), log);
        assertThat(started.isChild()).isFalse();
        // Probes need their exit status: they always run as children.
        QemuProcess probe = QemuLauncher.launchChild(List.of("sh", "-c", "exit 3"), null, Map.of(), log);
        assertThat(probe.isChild()).isTrue();
        assertThat(probe.onExit().get()).isEqualTo(3);
    }
}
