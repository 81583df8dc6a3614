package org.jvirt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.jvirt.api.DomainState;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark method once, through the same set-up and tear-down JMH calls, without
 * timing anything: the benchmark code cannot rot, and no JMH run happens during the build.
 */
class BenchmarkSmokeTest {

    @Test
    void domainOperations() {
        DomainOpsBenchmark b = new DomainOpsBenchmark();
        b.open();
        try {
            assertThat(b.info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(b.lookupByName().name()).isEqualTo(Workload.TEST_DOMAIN);
            assertThat(b.xmlDesc()).contains("<name>test</name>");
            assertThat(b.defineRedefine().uuid()).isEqualTo(Workload.REDEFINED_UUID);
            assertThat(b.defineRedefine().uuid()).isEqualTo(Workload.REDEFINED_UUID);
            assertThat(b.connection.listAllDomains()).hasSize(2);
        } finally {
            b.close();
        }
    }

    @Test
    void defineNewNames() {
        DefineNewBenchmark b = new DefineNewBenchmark();
        b.open();
        try {
            b.mark();
            assertThat(b.defineNewName().name()).isEqualTo(DefineNewBenchmark.PREFIX + 0);
            assertThat(b.defineNewName().name()).isEqualTo(DefineNewBenchmark.PREFIX + 1);
            assertThat(b.connection.listAllDomains()).hasSize(3);
            b.undefineIteration();
            assertThat(b.connection.listAllDomains()).hasSize(1);
        } finally {
            b.close();
        }
    }

    @Test
    void defineVirtInstallGuests() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(
                java.nio.file.Path.of("/usr/bin/qemu-system-x86_64")), "QEMU is not installed");
        DefineVirtInstallBenchmark b = new DefineVirtInstallBenchmark();
        b.open();
        try {
            b.mark();
            assertThat(b.defineVirtInstall().name())
                    .isEqualTo(DefineVirtInstallBenchmark.PREFIX + (DefineVirtInstallBenchmark.BURST - 1));
            assertThat(b.connection.listAllDomains()).hasSize(DefineVirtInstallBenchmark.BURST);
            b.undefineIteration();
            assertThat(b.connection.listAllDomains()).isEmpty();
        } finally {
            b.close();
        }
        assertThat(b.root).doesNotExist();
    }

    @Test
    void listAll() {
        ListAllBenchmark b = new ListAllBenchmark();
        b.defined = 1000;
        b.defineDomains();
        try {
            assertThat(b.listAllDomains()).hasSize(1001);
        } finally {
            b.close();
        }
    }

    @Test
    void heapProbeMeasuresSomething() throws InterruptedException {
        long used = HeapPerDomain.settledUsedHeap(ManagementFactory.getMemoryMXBean());
        assertThat(used).isPositive();
    }
}
