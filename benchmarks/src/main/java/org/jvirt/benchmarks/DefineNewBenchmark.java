package org.jvirt.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code virDomainDefineXML} of a small domain with a new name on every call (the driver picks the
 * UUID). Building the XML string is part of the measured call, as it is on the Python side. The
 * domains one iteration defines are undefined after it, outside the measurement, so the node does
 * not grow without bound over a run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class DefineNewBenchmark {
    static final String PREFIX = "bench-new-";

    Connection connection;
    long next;
    long iterationStart;

    @Setup(Level.Trial)
    public void open() {
        connection = Workload.open();
    }

    @Setup(Level.Iteration)
    public void mark() {
        iterationStart = next;
    }

    @TearDown(Level.Iteration)
    public void undefineIteration() {
        for (long i = iterationStart; i < next; i++) {
            connection.domainByName(PREFIX + i).undefine();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        connection.close();
    }

    /** Defines {@code bench-new-N}, N counting up. */
    @Benchmark
    public Domain defineNewName() {
        return connection.defineDomain(Workload.smallDomain(PREFIX + next++));
    }
}
