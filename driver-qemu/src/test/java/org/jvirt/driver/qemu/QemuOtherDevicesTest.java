package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices the model keeps as elements and the command line builds — RNGs, USB hubs, watchdogs,
 * the balloon's options, panic notifiers, smartcards, USB redirection, the Intel IOMMU, shared memory —
 * start with real QEMU under TCG: the golden definitions of {@code command-lines/} whose command lines
 * {@code QemuCommandBuilderTest} checks, each run to a running guest and destroyed.
 */
@Timeout(180)
class QemuOtherDevicesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/command-lines");

    @TempDir
    Path root;

    @AfterEach
    void noGuestOrSharedMemoryLeftBehind() throws Exception {
        QemuGuests.killAll(root);
        for (String name : new String[] {"jvirt-test-shmem0", "jvirt-test-shmem1"}) {
            Files.deleteIfExists(Path.of("/dev/shm", name));
        }
    }

    @Test
    void theGoldenDevicesStartUnderTcg() throws Exception {
        Peers.x86();
        Peers.qemu("aarch64");
        try (Connection conn = QemuGuests.open(root)) {
            for (String name : new String[] {"other-devices", "smartcard-redirdev", "q35-iommu-shmem",
                    "aarch64-rng-mmio"}) {
                Domain d = conn.createDomain(Files.readString(GOLDEN.resolve(name + ".xml")));
                QemuGuests.awaitTrue(name + " running", () -> d.state().state() == DomainState.RUNNING);
                d.destroy();
                assertThat(conn.listAllDomains()).as(name).noneMatch(x -> x.name().equals(d.name()));
            }
            // the shared memory QEMU made, where the definition says
            assertThat(Path.of("/dev/shm/jvirt-test-shmem1")).hasSize(8 << 20);
        }
    }
}
