package org.jvirt.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call operations on {@code test:///default}, one thread, as libvirt's
 * {@code virDomainGetInfo}, {@code virDomainLookupByName}, {@code virDomainGetXMLDesc} and
 * {@code virDomainDefineXML} are measured from Python in {@code libvirt_testdriver_bench.py}.
 *
 * <p>{@link #defineRedefine} defines the same small domain (fixed name and UUID) on every call:
 * after the first call each one replaces the persistent definition, as {@code defineXML} of the
 * same document does in libvirt (whose cost is the same as defining a new name, ~80 µs here). It
 * keeps the node's size constant however many calls JMH makes. {@link DefineNewBenchmark}
 * measures a new name per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class DomainOpsBenchmark {
    Connection connection;
    Domain test;
    String redefineXml;

    @Setup
    public void open() {
        connection = Workload.open();
        test = connection.domainByName(Workload.TEST_DOMAIN);
        redefineXml = Workload.smallDomain(Workload.REDEFINED_NAME, Workload.REDEFINED_UUID);
    }

    @TearDown
    public void close() {
        connection.close();
    }

    /** {@code virDomainGetInfo} of the running domain {@code test}. */
    @Benchmark
    public DomainInfo info() {
        return test.info();
    }

    /** {@code virDomainLookupByName("test")}. */
    @Benchmark
    public Domain lookupByName() {
        return connection.domainByName(Workload.TEST_DOMAIN);
    }

    /** {@code virDomainGetXMLDesc(test, 0)}. */
    @Benchmark
    public String xmlDesc() {
        return test.xmlDesc();
    }

    /** {@code virDomainDefineXML} of the same small domain over and over (a redefinition). */
    @Benchmark
    public Domain defineRedefine() {
        return connection.defineDomain(redefineXml);
    }

    /** {@code virDomainDefineXML} of {@link Workload#DEVICES_DOMAIN} over and over: post-parse at work. */
    @Benchmark
    public Domain defineDevices() {
        return connection.defineDomain(Workload.DEVICES_DOMAIN);
    }
}
