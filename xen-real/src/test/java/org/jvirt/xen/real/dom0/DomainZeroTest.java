package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Listing the real hypervisor's domains, and Domain-0 itself, compared with {@code xl list} and xentop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainZeroTest {
    Connection conn;

    @BeforeAll
    void open() {
        Dom0.root();
        conn = Connections.hypercall();
    }

    @AfterAll
    void close() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void theDomainsListedAreXls() {
        List<Integer> xl = Xl.list().stream().map(Xl.Domain::id).toList();
        assertThat(Arrays.stream(conn.activeDomainIds()).boxed().toList()).isEqualTo(xl);
        assertThat(conn.activeDomainCount()).isEqualTo(xl.size());
        assertThat(conn.listAllDomains()).extracting(Domain::id).isEqualTo(xl);
    }

    @Test
    void domainZeroIsXlsDomain0() {
        Xl.Domain xl = Xl.domain(0).orElseThrow();
        Domain d = conn.domainById(0);
        assertThat(d.name()).isEqualTo(xl.name());
        assertThat(d.uuid()).isEqualTo(xl.uuid());
        assertThat(conn.domainByUuid(xl.uuid()).id()).isZero();
        assertThat(d.isActive()).isTrue();
        assertThat(d.osType()).isEqualTo("linux");
        DomainInfo info = d.info();
        assertThat(info.memoryKiB() / 1024).isEqualTo(xl.memMiB());
        assertThat(info.maxMemoryKiB()).isEqualTo(Xl.maxMemKiB(xl.name()));
        assertThat(info.vcpus()).isEqualTo(xl.vcpus());
        // dom0 runs this test: it is running or, between two of its time slices, blocked.
        assertThat(info.state()).isIn(DomainState.RUNNING, DomainState.BLOCKED);
    }

    @Test
    void domainZerosCpuTimeAdvancesAndXlReadsTheSame() {
        Domain d = conn.domainById(0);
        long first = d.info().cpuTimeNanos();
        double xlSeconds = Xl.domain(0).orElseThrow().seconds();
        long[] last = {0};
        Dom0.until(Duration.ofSeconds(60), "Domain-0's CPU time to advance past " + first + " ns", () -> {
            last[0] = d.info().cpuTimeNanos();
            return last[0] > first;
        });
        // xl prints the seconds rounded to one decimal: read between jvirt's two readings, it lies between them.
        assertThat(xlSeconds).isBetween(first / 1e9 - 0.05, last[0] / 1e9 + 0.05);
    }

    @Test
    void anIdOrUuidXenDoesNotRunIsNoDomain() {
        int unused = Xl.list().stream().mapToInt(Xl.Domain::id).max().orElseThrow() + 1000;
        assertThatThrownBy(() -> conn.domainById(unused)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> conn.domainByUuid(nobody)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
    }

    @Test
    void domainZerosVcpusAndTheirPinningAreXls() {
        Domain d = conn.domainById(0);
        int hostCpus = conn.nodeInfo().cpus();
        List<Xl.Vcpu> xl = Xl.vcpus(0);
        List<VcpuInfo> vcpus = d.vcpuInfo();
        assertThat(vcpus).extracting(VcpuInfo::number).isEqualTo(xl.stream().map(Xl.Vcpu::vcpu).toList());
        assertThat(vcpus).extracting(v -> Xl.cpuList(v.affinity(), hostCpus))
                .isEqualTo(xl.stream().map(Xl.Vcpu::hardAffinity).toList());
        assertThat(d.vcpuPinInfo(ModificationImpact.CURRENT)).extracting(c -> Xl.cpuList(c, hostCpus))
                .isEqualTo(xl.stream().map(Xl.Vcpu::hardAffinity).toList());
        assertThat(d.maxVcpus()).isEqualTo(xl.size());
    }

    @Test
    void threadsAskingAtOnceAllGetXlsAnswer() throws Exception {
        long memMiB = Xl.domain(0).orElseThrow().memMiB();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> conn.domainById(0).info().memoryKiB() / 1024));
            }
            for (Future<Long> a : answers) {
                assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(memMiB);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
