package org.jvirt.xen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.Operation;
import org.jvirt.core.Jvirt;
import org.jvirt.driver.xend.testxend.TestXend;
import org.jvirt.spi.Composition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xen:/// served by the real xend and xm drivers together, as the composition says: xend through the
 * project's test xend over its wire protocol, xm on a real directory of configuration files.
 */
class XenCompositionTest {
    @TempDir
    Path dir;

    static final String PV = """
            <domain type='xen'>
              <name>kept</name>
              <uuid>0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30</uuid>
              <memory>131072</memory>
              <vcpu>1</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel></os>
              <devices>
                <disk type='file' device='disk'><source file='/var/lib/xen/kept.img'/><target dev='xvda'/></disk>
              </devices>
            </domain>
            """;

    private Connection open(int format) throws Exception {
        Files.createDirectories(dir.resolve("xen"));
        return Jvirt.builder().uri("xen:///?xend_socket=" + dir.resolve("xend-socket") + "&xm_config_dir="
                + dir.resolve("xen") + "&xend_config_version=" + format).open();
    }

    @Test
    void beforeXend304AnXmDefinitionStartsThroughXend() throws Exception {
        try (TestXend xend = TestXend.onUnixSocket(dir.resolve("xend-socket"), 2); Connection conn = open(2)) {
            Domain kept = conn.defineDomain(PV);
            assertThat(dir.resolve("xen/kept.cfg")).exists();
            assertThat(xend.requests).noneMatch(r -> r.startsWith("POST"));
            assertThat(conn.definedDomainNames()).containsExactly("kept");
            assertThat(conn.listAllDomains()).extracting(Domain::name).containsExactlyInAnyOrder("Domain-0", "kept");
            assertThat(kept.isActive()).isFalse();

            kept.start();
            assertThat(xend.requests).contains("POST /xend/domain/", "POST /xend/domain/kept");
            assertThat(xend.ops().configOf("kept")).contains("(kernel /boot/vmlinuz-xen)");
            Domain running = conn.domainByName("kept");
            assertThat(running.isActive()).isTrue();
            assertThat(running.info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(running.isPersistent()).isTrue();
            assertThat(conn.definedDomainNames()).containsExactly("kept");

            running.destroy();
            assertThat(xend.ops().stateOf("kept")).isNull();
            Domain stopped = conn.domainByName("kept");
            assertThat(stopped.isActive()).isFalse();
            assertThat(stopped.xmlDesc()).contains("<kernel>/boot/vmlinuz-xen</kernel>");
        }
    }

    @Test
    void fromXend304XendKeepsTheInactiveDomains() throws Exception {
        try (TestXend xend = TestXend.onUnixSocket(dir.resolve("xend-socket"), 4); Connection conn = open(4)) {
            Domain kept = conn.defineDomain(PV);
            assertThat(xend.requests).contains("POST /xend/domain/");
            assertThat(dir.resolve("xen/kept.cfg")).doesNotExist();
            kept.start();
            assertThat(conn.domainByName("kept").info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(dir.resolve("xen/kept.cfg")).doesNotExist();
        }
    }

    @Test
    void thePolicyIsReadableInOnePlace() {
        Composition c = new XenCompositionProvider().composition();
        assertThat(c.scheme()).isEqualTo("xen");
        assertThat(c.order(Operation.DOMAIN_GET_INFO)).containsExactly("hypercall", "xend", "xenstore", "xm");
        assertThat(c.order(Operation.DOMAIN_SUSPEND)).containsExactly("xend", "xenstore", "xm", "hypercall");
        assertThat(c.order(Operation.DOMAIN_DEFINE_XML)).containsExactly("xend", "xm");
        assertThat(c.order(Operation.DOMAIN_LOOKUP_BY_ID)).containsExactly("xend", "xenstore", "hypercall");
        assertThat(c.order(Operation.DOMAIN_LOOKUP_BY_UUID)).containsExactly("xend", "xm", "hypercall");
        assertThat(c.order(Operation.CONNECT_LIST_ALL_DOMAINS)).containsExactly("xend", "xenstore", "xm", "hypercall");
        assertThat(c.order(Operation.DOMAIN_LOOKUP_BY_NAME)).containsExactly("xend", "xenstore", "xm");
        assertThat(c.order(Operation.NODE_GET_FREE_MEMORY)).containsExactly("hypercall");
        assertThat(c.mode(Operation.CONNECT_LIST_ALL_DOMAINS)).isEqualTo(Composition.Mode.GATHER);
        assertThat(c.crossDriver(Operation.DOMAIN_CREATE)).hasValue(new Composition.CrossDriver("xm", "xend"));
    }
}
