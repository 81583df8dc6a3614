package org.jvirt.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.jvirt.api.Operation;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;
import org.junit.jupiter.api.Test;

/** The matrix's shape, from two small drivers (the committed one is checked in the architecture module). */
class SupportMatrixMarkdownTest {
    /** Declares the identity pair and nothing else. */
    static final class Tiny implements Driver, DriverOperations.HypervisorIdentity {
        @Override
        public String name() {
            return "tiny";
        }

        @Override
        public void close() {
        }

        @Override
        public String hypervisorType() {
            return "TINY";
        }

        @Override
        public long hypervisorVersion() {
            return 1;
        }
    }

    /** Declares nothing. */
    static final class Empty implements Driver {
        @Override
        public String name() {
            return "empty";
        }

        @Override
        public void close() {
        }
    }

    record Provider(String name, Class<? extends Driver> driverClass) implements DriverProvider {
        @Override
        public Set<String> schemes() {
            return Set.of(name, name + "x");
        }

        @Override
        public OpenResult open(OpenRequest request) {
            return OpenResult.declined("not in this test");
        }
    }

    private static final ProviderRegistry REGISTRY = ProviderRegistry.of(List.of(
            new Provider("tiny", Tiny.class), new Provider("empty", Empty.class)));

    @Test
    void oneRowPerOperationOneColumnPerDriverSortedByName() {
        String md = SupportMatrix.markdown(REGISTRY);

        assertThat(md).contains("| libvirt function | SPI interface and method | empty | tiny |\n|---|---|:-:|:-:|\n");
        assertThat(md).contains("| `virConnectGetType` | `DriverOperations.HypervisorIdentity.hypervisorType` |  | ✓ |\n");
        assertThat(md).contains("| `virDomainSuspend` | `DriverOperations.DomainSuspendResume.suspend` |  |  |\n");
        assertThat(md).contains("| tiny | `tiny`, `tinyx` | `" + Provider.class.getName() + "` | 2 of "
                + Operation.values().length + " |");
        for (Operation op : Operation.values()) {
            assertThat(md).containsOnlyOnce("| `" + op.libvirtName() + "` |");
        }
        assertThat(md).endsWith("\n").doesNotContain("\r");
    }

    @Test
    void areasFollowTheObjectActedOn() {
        assertThat(SupportMatrix.area(Operation.NODE_GET_INFO)).isEqualTo("Connection and node");
        assertThat(SupportMatrix.area(Operation.CONNECT_LIST_ALL_DOMAINS)).isEqualTo("Domains");
        assertThat(SupportMatrix.area(Operation.DOMAIN_SUSPEND)).isEqualTo("Domains");
        assertThat(SupportMatrix.area(Operation.CONNECT_NUM_OF_DEFINED_NETWORKS)).isEqualTo("Networks");
        assertThat(SupportMatrix.byArea().keySet()).containsExactly("Connection and node", "Domains", "Networks");
    }

    @Test
    void theOutputIsDeterministic() {
        ProviderRegistry reversed = ProviderRegistry.of(List.of(
                new Provider("empty", Empty.class), new Provider("tiny", Tiny.class)));
        assertThat(SupportMatrix.markdown(reversed)).isEqualTo(SupportMatrix.markdown(REGISTRY));
    }
}
