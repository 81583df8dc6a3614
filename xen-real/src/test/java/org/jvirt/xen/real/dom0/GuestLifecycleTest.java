package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real PV guest, started with {@code xl create}, read and changed through {@code xen:///} (driver-hypercall
 * alone), every change confirmed by xl or xentop. The guest lives for the class; the last test destroys it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuestLifecycleTest {
    static final Duration CHANGE_LIMIT = Duration.ofSeconds(30);

    Connection conn;
    int id = -1;
    Domain guest;
    int hostCpus;

    @BeforeAll
    void startTheGuest() {
        id = TestGuest.start();
        conn = Connections.hypercall();
        guest = conn.domainById(id);
        hostCpus = conn.nodeInfo().cpus();
    }

    @AfterAll
    void leaveNoGuest() {
        if (conn != null) {
            conn.close();
        }
        if (id >= 0) {
            TestGuest.destroyIfPresent(id);
        }
    }

    @Test
    @Order(1)
    void theGuestIsXlsGuest() {
        Xl.Domain xl = Xl.domain(id).orElseThrow();
        assertThat(guest.uuid()).isEqualTo(xl.uuid());
        assertThat(conn.domainByUuid(xl.uuid()).id()).isEqualTo(id);
        assertThat(conn.listAllDomains()).extracting(Domain::uuid).contains(xl.uuid());
        assertThat(guest.osType()).isEqualTo("linux");
        DomainInfo info = guest.info();
        assertThat(info.memoryKiB() / 1024).isEqualTo(xl.memMiB());
        assertThat(info.maxMemoryKiB()).isEqualTo(Xl.maxMemKiB(TestGuest.NAME));
        assertThat(info.vcpus()).isEqualTo(xl.vcpus()).isEqualTo(2);
        assertThat(guest.maxVcpus()).isEqualTo(2);
        assertThat(info.state()).isIn(DomainState.RUNNING, DomainState.BLOCKED);
    }

    @Test
    @Order(2)
    void itsCpuTimeAdvancesAndXlReadsTheSame() {
        long first = guest.info().cpuTimeNanos();
        double xlSeconds = Xl.domain(id).orElseThrow().seconds();
        long[] last = {0};
        Dom0.until(CHANGE_LIMIT, TestGuest.NAME + "'s CPU time to advance past " + first + " ns", () -> {
            last[0] = guest.info().cpuTimeNanos();
            return last[0] > first;
        });
        assertThat(xlSeconds).isBetween(first / 1e9 - 0.05, last[0] / 1e9 + 0.05);
    }

    @Test
    @Order(3)
    void pauseAndUnpauseAreSeenByXl() {
        guest.suspend();
        assertThat(Xl.domain(id).orElseThrow().paused()).isTrue();
        assertThat(guest.info().state()).isEqualTo(DomainState.PAUSED);
        assertThatThrownBy(guest::suspend).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        guest.resume();
        assertThat(Xl.domain(id).orElseThrow().paused()).isFalse();
        assertThat(guest.info().state()).isIn(DomainState.RUNNING, DomainState.BLOCKED);
    }

    @Test
    @Order(4)
    void theMaximumMemorySetIsXentops() {
        long before = guest.info().maxMemoryKiB();
        long raised = before + 64 * 1024;
        guest.setMaxMemory(raised);
        try {
            assertThat(Xl.maxMemKiB(TestGuest.NAME)).isEqualTo(raised);
            assertThat(guest.info().maxMemoryKiB()).isEqualTo(raised);
        } finally {
            guest.setMaxMemory(before);
        }
        assertThat(Xl.maxMemKiB(TestGuest.NAME)).isEqualTo(before);
    }

    @Test
    @Order(5)
    void vcpuInfoIsXlsVcpuListOfThePausedGuest() {
        // Paused, the vCPUs stay on their CPUs and their times stand still, but a blocked one is woken (not run) by
        // its next event: xl's reading counts when jvirt read the same before and after it.
        guest.suspend();
        try {
            Dom0.until(CHANGE_LIMIT, "two equal readings of the paused guest's vCPUs around xl's", () -> {
                List<VcpuInfo> before = guest.vcpuInfo();
                List<Xl.Vcpu> xl = Xl.vcpus(id);
                if (!guest.vcpuInfo().equals(before)) {
                    return false;
                }
                assertThat(before).extracting(VcpuInfo::number).isEqualTo(xl.stream().map(Xl.Vcpu::vcpu).toList());
                for (int i = 0; i < before.size(); i++) {
                    VcpuInfo v = before.get(i);
                    Xl.Vcpu x = xl.get(i);
                    assertThat(v.cpu()).as("vCPU %d's CPU", i).isEqualTo(x.cpu());
                    // libvirt's VIR_VCPU_BLOCKED (2) where xl shows b, else VIR_VCPU_RUNNING (1).
                    assertThat(v.state()).as("vCPU %d's state, xl's %s", i, x.state()).isEqualTo(x.blocked() ? 2 : 1);
                    assertThat(v.cpuTimeNanos() / 1e9).as("vCPU %d's time", i).isCloseTo(x.seconds(),
                            org.assertj.core.data.Offset.offset(0.05));
                    assertThat(Xl.cpuList(v.affinity(), hostCpus)).isEqualTo(x.hardAffinity());
                }
                return true;
            });
        } finally {
            guest.resume();
        }
    }

    @Test
    @Order(6)
    void pinningAVcpuIsSeenByXl() {
        BitSet last = new BitSet();
        last.set(hostCpus - 1);
        BitSet all = new BitSet();
        all.set(0, hostCpus);
        guest.pinVcpu(0, last);
        try {
            assertThat(Xl.vcpus(id).get(0).hardAffinity()).isEqualTo(Xl.cpuList(last, hostCpus));
            assertThat(guest.vcpuPinInfo(org.jvirt.api.ModificationImpact.CURRENT).get(0)).isEqualTo(last);
            assertThat(guest.vcpuInfo().get(0).affinity()).isEqualTo(last);
        } finally {
            guest.pinVcpu(0, all);
        }
        assertThat(Xl.vcpus(id).get(0).hardAffinity()).isEqualTo("all");
    }

    @Test
    @Order(7)
    void xenKeepsTheVcpuCountItBuiltTheGuestWith() {
        // Xen 4.17's max_vcpus takes only the count given at creation (domctl.h): the call libvirt 0.4.4 made.
        guest.setVcpus(2);
        assertThatThrownBy(() -> guest.setVcpus(1)).isInstanceOf(VirtException.class);
        assertThat(Xl.vcpus(id)).hasSize(2);
        assertThat(guest.info().vcpus()).isEqualTo(2);
    }

    @Test
    @Order(8)
    void destroyEndsTheGuestForXl() {
        guest.destroy();
        Dom0.until(CHANGE_LIMIT, "xl to list no domain " + id, () -> Xl.domain(id).isEmpty());
        assertThatThrownBy(() -> conn.domainById(id)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        assertThatThrownBy(guest::suspend).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
    }
}
