package org.jvirt.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.driver.xend.XendDriverProvider;
import org.jvirt.driver.xend.testxend.TestXend;
import org.jvirt.driver.xenstore.XenstoreDriverProvider;
import org.jvirt.driver.xm.XmDriverProvider;
import org.jvirt.spi.Composition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy itself; {@link XenRoutingTest} checks that each rule reaches the driver it names. */
class XenCompositionTest {
    @TempDir
    Path dir;

    @Test
    void thePolicyIsReadableInOnePlace() {
        Composition c = new XenCompositionProvider().composition();
        assertThat(c.scheme()).isEqualTo("xen");
        assertThat(c.members()).contains(new Composition.Member("xenstore", true), new Composition.Member("xend", false));
        assertThat(c.order(Operation.DOMAIN_GET_INFO)).containsExactly("hypercall", "xend", "xenstore", "xm");
        assertThat(c.order(Operation.DOMAIN_SUSPEND)).containsExactly("xend", "xenstore", "xm", "hypercall");
        assertThat(c.order(Operation.DOMAIN_DEFINE_XML)).containsExactly("xend", "xm");
        assertThat(c.order(Operation.DOMAIN_LOOKUP_BY_ID)).containsExactly("xend", "xenstore", "hypercall");
        assertThat(c.order(Operation.DOMAIN_LOOKUP_BY_UUID)).containsExactly("xend", "xm", "xenstore", "hypercall");
        assertThat(c.order(Operation.CONNECT_LIST_ALL_DOMAINS)).containsExactly("xend", "xenstore", "xm", "hypercall");
        assertThat(c.order(Operation.NODE_GET_FREE_MEMORY)).containsExactly("hypercall");
        assertThat(c.order(Operation.CONNECT_DOMAIN_EVENT_REGISTER)).isEmpty();
        assertThat(c.mode(Operation.CONNECT_LIST_ALL_DOMAINS)).isEqualTo(Composition.Mode.GATHER);
        assertThat(c.crossDriver(Operation.DOMAIN_CREATE)).hasValue(new Composition.CrossDriver("xm", "xend"));
    }

    @Test
    void withoutXenStoreThereIsNoXenHost() throws Exception {
        Files.createDirectories(dir.resolve("xen"));
        try (TestXend xend = TestXend.onUnixSocket(dir.resolve("xend-socket"), 4)) {
            ProviderRegistry registry = ProviderRegistry.of(List.of(new XendDriverProvider(),
                    new XenstoreDriverProvider(), new XmDriverProvider()),
                    List.of(new XenCompositionProvider().composition()));
            assertThatThrownBy(() -> Jvirt.builder().providers(registry).uri("xen:///?xend_socket="
                    + xend.socketPath() + "&xm_config_dir=" + dir.resolve("xen") + "&xenstored_path="
                    + dir.resolve("no-xenstored")).open())
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).contains("xenstore"));
        }
    }
}
