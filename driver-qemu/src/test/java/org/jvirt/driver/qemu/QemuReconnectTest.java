package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.state.StateLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jvirt process that dies leaves its guests running; the next one on the same state directory
 * finds them again (and those that died meanwhile as crashed). Two processes never share one.
 */
@Timeout(180)
class QemuReconnectTest {
    @TempDir
    Path root;

    @org.junit.jupiter.api.AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }


    @Test
    void anotherProcessFindsTheGuestsAgain() throws Exception {
        Peers.x86();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReconnectChild.class.getName(), root.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String ready = out.readLine();
        assertThat(ready).as("child output").startsWith("READY");
        long childPid = Long.parseLong(ready.substring(6).trim());

        // The state directory is the child's while it lives.
        assertThatThrownBy(() -> QemuGuests.open(root)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID);
            assertThat(e.getMessage()).contains("in use by another process (pid " + childPid + ")");
        });

        child.getOutputStream().write('\n');
        child.getOutputStream().flush();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // Two of its guests die while no jvirt watches.
        StateLayout layout = StateLayout.embed(root.toRealPath());
        for (String name : new String[] {"dies", "doomed"}) {
            long pid = Long.parseLong(Files.readString(layout.pidFile(name)).trim());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        }
        long keepPid = Long.parseLong(Files.readString(layout.pidFile("keep")).trim());

        try (Connection conn = QemuGuests.open(root)) {
            Domain keep = conn.domainByName("keep");
            assertThat(keep.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            assertThat(keep.id()).isPositive();
            assertThat(conn.domainByName("dies").state()).isEqualTo(DomainStateReason.SHUTOFF_CRASHED);
            assertThatThrownBy(() -> conn.domainByName("doomed")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
            assertThat(layout.pidFile("dies")).doesNotExist();
            assertThat(QemuGuests.privateDirs(layout, "doomed")).as("doomed's private directory").isEmpty();

            keep.resume();
            assertThat(keep.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            assertThat(keep.info().cpuTimeNanos()).isPositive();
            assertThat(keep.vcpuInfo()).hasSize(1);
            assertThat(keep.xmlDesc()).contains("id='" + keep.id() + "'");
            int keepId = keep.id();
            Domain dies = conn.domainByName("dies");
            dies.start();
            assertThat(dies.id()).isGreaterThan(keepId);
            dies.destroy();
            keep.destroy();
            assertThat(keep.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
            // Not our child any more: it has exited, and init reaps it (we cannot).
            org.jvirt.driver.qemu.process.ProcStat st = org.jvirt.driver.qemu.process.ProcStat.of(keepPid);
            assertThat(st == null || st.isZombie()).isTrue();
            assertThat(QemuGuests.privateDirs(layout, "keep")).as("keep's private directory").isEmpty();
        }
        // Closing the last connection releases the directory.
        try (Connection again = QemuGuests.open(root)) {
            assertThat(again.listAllDomains()).hasSize(2);
        }
    }
}
