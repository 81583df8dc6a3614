package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Linux guest that really boots: ACPI shutdown ends QEMU as "shutdown", reboot boots it again. */
@Timeout(240)
class QemuBootingGuestTest {
    @TempDir
    Path root;

    @org.junit.jupiter.api.AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }

    @TempDir
    Path logs;

    BootableGuest guest;

    @BeforeEach
    void setUp() {
        Peers.x86();
        guest = BootableGuest.get();
    }

    @Test
    void shutdownPowersTheGuestOffAndTheDomainShutsOff() throws Exception {
        Path serial = logs.resolve("down.log");
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.defineDomain(guest.xml("down", serial));
            dom.start();
            assertThat(BootableGuest.awaitReady(serial, 1, 60)).as("the guest booted").isTrue();
            dom.shutdown();
            assertThat(events.await(DomainEventDetail.STOPPED_SHUTDOWN)).isTrue();
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
            assertThat(events.seen).containsSubsequence(DomainEventDetail.STARTED_BOOTED,
                    DomainEventDetail.SHUTDOWN_GUEST, DomainEventDetail.STOPPED_SHUTDOWN);
            assertThat(java.nio.file.Files.readString(serial)).contains("JVIRT-GUEST-POWEROFF");
        }
    }

    @Test
    void rebootBootsTheGuestAgainWithoutStoppingTheDomain() throws Exception {
        Path serial = logs.resolve("again.log");
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            Domain dom = conn.createDomain(guest.xml("again", serial));
            int id = dom.id();
            assertThat(BootableGuest.awaitReady(serial, 1, 60)).isTrue();
            dom.reboot();
            assertThat(BootableGuest.awaitReady(serial, 2, 60)).as("booted a second time").isTrue();
            assertThat(dom.state().state()).isEqualTo(DomainState.RUNNING);
            assertThat(dom.id()).isEqualTo(id);
            assertThat(events.seen).doesNotContain(DomainEventDetail.STOPPED_SHUTDOWN,
                    DomainEventDetail.SUSPENDED_PAUSED);
            dom.destroy();
            assertThat(events.await(DomainEventDetail.STOPPED_DESTROYED)).isTrue();
        }
    }
}
