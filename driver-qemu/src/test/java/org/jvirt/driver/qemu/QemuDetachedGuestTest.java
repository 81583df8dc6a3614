package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainStateReason;
import org.jvirt.driver.qemu.process.ProcStat;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.state.StateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that asks for detached guests (jvirsh, which ends right after a start) runs them as
 * children of init, not of itself, and drives them as it drives its own children.
 */
@Timeout(120)
class QemuDetachedGuestTest {
    @TempDir
    Path root;

    @BeforeEach
    void detach() {
        Peers.x86();
        System.setProperty(QemuLauncher.DETACH_PROPERTY, "true");
    }

    @AfterEach
    void noGuestLeftBehind() {
        System.clearProperty(QemuLauncher.DETACH_PROPERTY);
        QemuGuests.killAll(root);
    }

    @Test
    void aDetachedGuestStartsPausesResumesAndIsDestroyed() throws Exception {
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.defineDomain(QemuGuests.diskless("away"));
            dom.start();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            StateLayout layout = StateLayout.embed(root.toRealPath());
            long pid = Long.parseLong(Files.readString(layout.pidFile("away")).trim());
            assertThat(ProcStat.of(pid)).isNotNull();
            assertThat(ProcessHandle.current().children().mapToLong(ProcessHandle::pid)).doesNotContain(pid);
            assertThat(ProcessHandle.of(pid).orElseThrow().info().command()).hasValueSatisfying(
                    c -> assertThat(c).contains("qemu-system"));

            dom.suspend();
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            dom.resume();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            assertThat(dom.vcpuInfo()).hasSize(1);

            dom.destroy();
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
            assertThat(events.await(DomainEventDetail.STOPPED_DESTROYED)).isTrue();
            assertThat(layout.pidFile("away")).doesNotExist();
            ProcStat after = ProcStat.of(pid);
            assertThat(after == null || after.isZombie()).as("QEMU is gone (or a zombie init has yet to reap)").isTrue();
        }
    }
}
