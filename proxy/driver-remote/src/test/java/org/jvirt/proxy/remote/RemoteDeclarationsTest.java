package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.Connection;
import org.jvirt.api.Flag;
import org.jvirt.api.Operation;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.ForwardsDocuments;
import org.jvirt.spi.OperationBinding;

/**
 * The remote driver declares every operation of jvirt's SPI and every flag of each: what the daemon's own
 * driver serves is the daemon's to say (libvirt's client sends every call and flag unchanged).
 */
class RemoteDeclarationsTest {
    @TempDir
    Path dir;

    @Test
    void theClassImplementsEveryOperationsInterfaceAndForwardsDocuments() {
        for (OperationBinding<?> b : DriverOperations.bindings()) {
            assertThat(b.declaredBy()).as("%s", b.operation()).isAssignableFrom(RemoteDriver.class);
        }
        assertThat(ForwardsDocuments.class).isAssignableFrom(RemoteDriver.class);
        assertThat(DriverOperations.DomainEvents.class).isAssignableFrom(RemoteDriver.class);
    }

    @Test
    void aConnectionSupportsEveryOperationWithEveryFlag() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            for (Operation op : Operation.values()) {
                assertThat(c.supports(op)).as("%s", op).isTrue();
                if (op.flagType() != null) {
                    assertThat(supported(c, op)).as("flags of %s", op).isEqualTo(all(op.flagType()));
                }
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Set<?> supported(Connection c, Operation op) {
        return c.supportedFlags(op, (Class) op.flagType());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Set<?> all(Class<? extends Flag> type) {
        return EnumSet.allOf((Class) type);
    }
}
