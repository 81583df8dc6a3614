package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code xen:///} as the composition serves it on Xen 4.17 (hypercall, XenStore, xm files; no xend), with a guest
 * {@code xl create} started: each routing rule reaches the driver it names, told apart by what only that driver
 * can answer — names are XenStore's (the hypervisor knows none), CPU time and blocked/paused states the
 * hypervisor's (XenStore says 0 and RUNNING or NOSTATE) — and compared with driver-hypercall alone and xl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposedXenTest {
    Connection conn;
    Connection hypercall;
    int id = -1;
    UUID uuid;

    @BeforeAll
    void startTheGuest() {
        id = TestGuest.start();
        uuid = Xl.domain(id).orElseThrow().uuid();
        conn = Connections.composed();
        hypercall = Connections.hypercall();
    }

    @AfterAll
    void leaveNoGuest() {
        for (Connection c : new Connection[] {conn, hypercall}) {
            if (c != null) {
                c.close();
            }
        }
        if (id >= 0) {
            TestGuest.destroyIfPresent(id);
        }
    }

    @Test
    void lookupByNameIsXenstoresWhichTheHypervisorAloneCannotDo() {
        Domain guest = conn.domainByName(TestGuest.NAME);
        assertThat(guest.id()).isEqualTo(Integer.parseInt(Dom0.run("xl", "domid", TestGuest.NAME).trim()));
        assertThat(guest.uuid()).isEqualTo(uuid);
        assertThat(hypercall.supports(Operation.DOMAIN_LOOKUP_BY_NAME)).as("the hypervisor knows no names").isFalse();
        assertThatThrownBy(() -> hypercall.domainByName(TestGuest.NAME)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT));
        assertThat(hypercall.domainById(id).name()).isNotEqualTo(TestGuest.NAME);
        assertThat(guest.id()).isEqualTo(id);
        assertThat(conn.domainById(id).name()).isEqualTo(TestGuest.NAME);
        assertThat(conn.domainByUuid(uuid).name()).isEqualTo(TestGuest.NAME);
    }

    @Test
    void infoIsTheHypervisorsAnswer() {
        DomainInfo composed = conn.domainByName(TestGuest.NAME).info();
        DomainInfo alone = hypercall.domainById(id).info();
        assertThat(composed.cpuTimeNanos()).as("CPU time: XenStore knows none").isPositive();
        assertThat(composed.maxMemoryKiB()).isEqualTo(alone.maxMemoryKiB()).isEqualTo(Xl.maxMemKiB(TestGuest.NAME));
        assertThat(composed.memoryKiB()).isEqualTo(alone.memoryKiB());
        assertThat(composed.vcpus()).isEqualTo(alone.vcpus()).isEqualTo(Xl.domain(id).orElseThrow().vcpus());
        // Paused: a state only the hypervisor tells (XenStore says RUNNING or NOSTATE).
        Dom0.run("xl", "pause", Integer.toString(id));
        try {
            assertThat(conn.domainById(id).info().state()).isEqualTo(DomainState.PAUSED);
        } finally {
            Dom0.run("xl", "unpause", Integer.toString(id));
        }
    }

    @Test
    void theHostIsTheHypervisorsAndTheListingIsXls() {
        assertThat(conn.nodeInfo()).isEqualTo(hypercall.nodeInfo());
        assertThat(conn.capabilities()).isEqualTo(hypercall.capabilities());
        assertThat(conn.version()).isEqualTo(hypercall.version());
        assertThat(conn.maxVcpus("xen")).isEqualTo(hypercall.maxVcpus("xen"));
        assertThat(conn.listAllDomains()).extracting(Domain::uuid)
                .containsExactlyInAnyOrderElementsOf(Xl.list().stream().map(Xl.Domain::uuid).toList());
        assertThat(conn.listAllDomains()).extracting(Domain::name)
                .containsExactlyInAnyOrderElementsOf(Xl.list().stream().map(Xl.Domain::name).toList());
        assertThat(conn.definedDomainNames()).as("the test's empty xm directory defines none").isEmpty();
    }
}
