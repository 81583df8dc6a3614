package org.jvirt.driver.qemu.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedNamingTheFirst() {
        Path file = dir.resolve("run/driver.lock");
        try (StateLock first = StateLock.acquire(file, "the state")) {
            assertThatThrownBy(() -> StateLock.acquire(file, "the state")).isInstanceOfSatisfying(VirtException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
                        assertThat(e.getMessage()).contains("in use by another process",
                                "pid " + ProcessHandle.current().pid());
                    });
        }
        StateLock.acquire(file, "the state").close();
    }

    @Test
    void thePidWrittenIsThisProcesss() throws Exception {
        assertThat(StateLock.currentPid()).isEqualTo(ProcessHandle.current().pid());
        Path file = dir.resolve("run/driver.lock");
        try (StateLock lock = StateLock.acquire(file, "the state")) {
            assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + "\n");
        }
    }

    @Test
    void statusFilesRoundTrip() throws Exception {
        DomainStatus st = new DomainStatus(3, 1234, 99, Path.of("/run/x y=/g.qmp"), "RUNNING_BOOTED", "10,11", true,
                65536);
        Path f = dir.resolve("g.status");
        st.write(f);
        assertThat(DomainStatus.read(f)).isEqualTo(st);
        Files.writeString(f, "id=1\n");
        assertThatThrownBy(() -> DomainStatus.read(f)).hasMessageContaining("lacks 'pid'");
    }

    @Test
    void layouts() {
        StateLayout e = StateLayout.embed(Path.of("/r"));
        assertThat(e.definition("g")).isEqualTo(Path.of("/r/etc/qemu/g.xml"));
        assertThat(e.pidFile("g")).isEqualTo(Path.of("/r/run/qemu/g.pid"));
        StateLayout s = StateLayout.session(Map.of("XDG_RUNTIME_DIR", "/run/user/7"), Path.of("/home/u"));
        assertThat(s.runDir()).isEqualTo(Path.of("/run/user/7/jvirt/qemu"));
        assertThat(s.configDir()).isEqualTo(Path.of("/home/u/.config/jvirt/qemu"));
        assertThat(StateLayout.system().runDir()).isEqualTo(Path.of("/run/jvirt/qemu"));
        assertThat(StateLayout.system().libDir()).isEqualTo(Path.of("/var/lib/jvirt/qemu"));
    }
}
