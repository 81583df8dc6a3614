package org.jvirt.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code virConnectListAllDomains} with no filter, on a node holding {@code defined} small inactive
 * domains besides the running {@code test} (so 1,001 and 100,001 domains, as on the libvirt side).
 * The domains are defined once per trial, outside the measurement, then a full GC tenures them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class ListAllBenchmark {
    @Param({"1000", "100000"})
    public int defined;

    Connection connection;

    @Setup
    public void defineDomains() {
        connection = Workload.open();
        Workload.defineMany(connection, "bench-list-", defined);
        // The domains of a long-running node live in the old generation; without this the first
        // seconds of measurement pay for young collections copying them until they are tenured.
        System.gc();
    }

    @TearDown
    public void close() {
        connection.close();
    }

    /** Every domain of the node, as handles. */
    @Benchmark
    public List<Domain> listAllDomains() {
        return connection.listAllDomains();
    }
}
