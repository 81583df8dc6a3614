package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.Connection;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.StartFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.tck.TckTarget;

/**
 * What libvirt's client does itself, before or instead of a call: the protocol's limits refused in its words,
 * the secure XML refused on a read-only connection; and documents going to the daemon with every flag, so
 * that the daemon's own schema check serves {@code VALIDATE}.
 */
class RemoteClientChecksTest {
    @TempDir
    Path dir;

    @Test
    void theProtocolsLimitsAreRefusedBeforeTheCallInLibvirtsWords() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            assertThatThrownBy(() -> c.cellsFreeMemory(0, 1025)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                assertThat(e.domain()).isEqualTo(ErrorDomain.REMOTE);
                assertThat(e.getMessage()).isEqualTo("RPC error: too many NUMA cells: 1025 > 1024");
            });
            assertThat(c.cellsFreeMemory(0, 1024)).hasSize(c.nodeInfo().numaNodes());
            Domain test = c.domainByName("test");
            assertThatThrownBy(() -> test.blockPeek("vda", 0, 4 * 1024 * 1024 + 1)).isInstanceOf(VirtException.class)
                    .hasMessage("RPC error: block peek request too large for remote protocol, 4194305 > 4194304");
            assertThat(c.isAlive()).isTrue();
        }
    }

    @Test
    void theSecureXmlIsRefusedOnAReadOnlyConnection() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.readOnlySocket()).readOnly(true)
                     .open()) {
            Domain test = c.domainByName("test");
            assertThat(test.xmlDesc()).contains("<name>test</name>");
            assertThatThrownBy(() -> test.xmlDesc(XmlFlag.SECURE)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED);
                assertThat(e.getMessage()).isEqualTo("operation forbidden: virDomainGetXMLDesc with secure flag");
            });
        }
    }

    @Test
    void validateTravelsToJvirtdWhichChecksTheSchema() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            validateTravels(c);
        }
    }

    @Test
    void validateTravelsToLibvirtdWhichChecksTheSchema() throws Exception {
        try (Libvirtd d = Libvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            validateTravels(c);
        }
    }

    private static void validateTravels(Connection c) {
        String valid = TckTarget.TEST_DOMAIN_XML.replace("{name}", "validated").replace("{uuid}",
                UUID.randomUUID().toString());
        Domain defined = c.defineDomain(valid, DefineFlag.VALIDATE);
        assertThat(defined.name()).isEqualTo("validated");
        defined.undefine();
        Domain created = c.createDomain(valid, StartFlag.VALIDATE);
        assertThat(created.isActive()).isTrue();
        created.destroy();
        String invalid = valid.replace("<vcpu>2</vcpu>", "<vcpu>2</vcpu><no-such-element/>");
        assertThatThrownBy(() -> c.defineDomain(invalid, DefineFlag.VALIDATE)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_INVALID_SCHEMA));
        assertThatThrownBy(() -> c.createDomain(invalid, StartFlag.VALIDATE)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_INVALID_SCHEMA));
        assertThat(c.listAllDomains()).extracting(Domain::name).doesNotContain("validated");
    }
}
