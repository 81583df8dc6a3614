package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainStateReason;
import org.jvirt.model.CapabilitiesXml;
import org.jvirt.model.GuestCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Debian's qemu-system-arm: an aarch64 virt guest through its lifecycle, chosen by its arch alone. */
@Timeout(180)
class QemuSecondArchitectureTest {
    @TempDir
    Path root;

    @org.junit.jupiter.api.AfterEach
    void noGuestLeftBehind() {
        QemuGuests.killAll(root);
    }

    @TempDir
    Path files;

    @Test
    void anAarch64VirtGuestLivesAndDies() throws Exception {
        Peers.x86();
        Path arm = Peers.qemu("aarch64");
        try (Connection conn = QemuGuests.open(root)) {
            QemuGuests.Events events = new QemuGuests.Events(conn);
            var caps = CapabilitiesXml.parse(conn.capabilities());
            assertThat(caps.guests()).extracting(GuestCapabilities::arch).contains("x86_64", "aarch64");
            GuestCapabilities a64 = caps.guests().stream().filter(g -> g.arch().equals("aarch64")).findFirst()
                    .orElseThrow();
            assertThat(a64.emulator()).isEqualTo(arm.toString());
            assertThat(a64.machines()).anySatisfy(m -> assertThat(m.name()).isEqualTo("virt"));
            assertThat(a64.domainTypes()).containsExactly("qemu");

            // No <emulator>: the arch picks the binary.
            Domain dom = conn.defineDomain("<domain type='qemu'><name>arm</name><memory unit='MiB'>128</memory>"
                    + "<vcpu>2</vcpu><os><type arch='aarch64' machine='virt'>hvm</type></os><devices>"
                    + "<serial type='pty'/><interface type='user'/></devices></domain>");
            assertThat(dom.xmlDesc()).contains("<emulator>" + arm + "</emulator>", "machine='virt-");
            dom.start();
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            assertThat(dom.vcpuInfo()).hasSize(2);
            dom.suspend();
            assertThat(dom.state()).isEqualTo(DomainStateReason.PAUSED_USER);
            dom.resume();
            QemuGuests.awaitTrue("QEMU's CPU time counts", () -> dom.info().cpuTimeNanos() > 0);
            Path image = files.resolve("arm.sav");
            dom.save(image);
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_SAVED);
            conn.restore(image);
            assertThat(dom.state()).isEqualTo(DomainStateReason.RUNNING_RESTORED);
            dom.destroy();
            assertThat(dom.state()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
            assertThat(events.await(DomainEventDetail.STOPPED_DESTROYED)).isTrue();
            assertThat(events.seen).containsSubsequence(DomainEventDetail.STARTED_BOOTED,
                    DomainEventDetail.SUSPENDED_PAUSED, DomainEventDetail.RESUMED_UNPAUSED,
                    DomainEventDetail.STOPPED_SAVED, DomainEventDetail.STARTED_RESTORED,
                    DomainEventDetail.STOPPED_DESTROYED);
            dom.undefine();
        }
    }
}
