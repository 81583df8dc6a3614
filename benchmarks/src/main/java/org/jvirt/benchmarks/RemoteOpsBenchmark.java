package org.jvirt.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.core.Jvirt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * jvirt's remote driver, one thread, against a daemon serving libvirt's test driver (libvirtd or jvirtd,
 * named by {@code -p uri=test+unix:///default?socket=...}): the calls {@code bench_python.py} times through
 * python3-libvirt (libvirt's own C client) on the same daemon — {@code dom.info()}, {@code lookupByName},
 * {@code XMLDesc(0)}, {@code defineXML} of a new name per call, and {@code listAllDomains()} with 1,000
 * domains defined besides {@code test}. {@code proxy/driver-remote/bench-remote.sh} runs both sides in one
 * run and prints the ratios. Each call is sampled on its own (JMH's sample time), so that the script compares
 * medians with the Python side's medians. Needs the remote driver on the class path (the benchmarks jar carries
 * it when the proxy modules are built).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RemoteOpsBenchmark {
    /** Domains listed by {@link #listAllDomains}, besides {@code test}. */
    static final int LISTED = 1000;

    /** One connection to the daemon, held for the whole run. */
    @State(Scope.Benchmark)
    public static class Remote {
        @Param("")
        public String uri;
        Connection connection;
        Domain test;

        @Setup(Level.Trial)
        public void open() {
            if (uri.isEmpty()) {
                throw new IllegalArgumentException("name the daemon: -p uri=test+unix:///default?socket=PATH");
            }
            connection = Jvirt.open(uri);
            test = connection.domainByName(Workload.TEST_DOMAIN);
        }

        @TearDown(Level.Trial)
        public void close() {
            connection.close();
        }
    }

    /**
     * New names for {@link #defineXML}. As bench_python.py undefines what a round of 60 defined, outside the
     * timing, so do these every 60 calls: both sides define into a node of the same size (a daemon's define
     * slows as its node grows).
     */
    @State(Scope.Benchmark)
    public static class Defines {
        static final int BATCH = 60;
        long next;
        long batchStart;

        @Setup(Level.Invocation)
        public void trim(Remote r) {
            if (next - batchStart >= BATCH) {
                undefine(r);
            }
        }

        @TearDown(Level.Iteration)
        public void undefine(Remote r) {
            for (long i = batchStart; i < next; i++) {
                r.connection.domainByName("bench-remote-" + i).undefine();
            }
            batchStart = next;
        }
    }

    /** 1,000 small inactive domains besides {@code test}, defined before the run and undefined after it. */
    @State(Scope.Benchmark)
    public static class Listed {
        @Setup(Level.Trial)
        public void define(Remote r) {
            for (int i = 0; i < LISTED; i++) {
                r.connection.defineDomain(Workload.smallDomain("bench-listed-" + i));
            }
        }

        @TearDown(Level.Trial)
        public void undefine(Remote r) {
            for (int i = 0; i < LISTED; i++) {
                r.connection.domainByName("bench-listed-" + i).undefine();
            }
        }
    }

    /** {@code virDomainGetInfo} of the running domain {@code test}. */
    @Benchmark
    public DomainInfo info(Remote r) {
        return r.test.info();
    }

    /** {@code virDomainLookupByName("test")}. */
    @Benchmark
    public Domain lookupByName(Remote r) {
        return r.connection.domainByName(Workload.TEST_DOMAIN);
    }

    /** {@code virDomainGetXMLDesc(test, 0)}. */
    @Benchmark
    public String xmlDesc(Remote r) {
        return r.test.xmlDesc();
    }

    /** {@code virDomainDefineXML} of a small domain with a new name. */
    @Benchmark
    public Domain defineXML(Remote r, Defines d) {
        return r.connection.defineDomain(Workload.smallDomain("bench-remote-" + d.next++));
    }

    /** {@code virConnectListAllDomains(0)} with {@value #LISTED} domains besides {@code test}. */
    @Benchmark
    public List<Domain> listAllDomains(Remote r, Listed l) {
        return r.connection.listAllDomains();
    }
}
