package org.jvirt.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

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

    /**
     * 1,000 small inactive domains besides {@code test}, defined before the run and undefined after it, through a
     * connection of their own: JMH may tear {@link Remote} down first.
     */
    @State(Scope.Benchmark)
    public static class Listed {
        Connection own;

        @Setup(Level.Trial)
        public void define(Remote r) {
            own = Jvirt.open(r.uri);
            for (int i = 0; i < LISTED; i++) {
                own.defineDomain(Workload.smallDomain("bench-listed-" + i));
            }
        }

        @TearDown(Level.Trial)
        public void undefine() {
            for (int i = 0; i < LISTED; i++) {
                own.domainByName("bench-listed-" + i).undefine();
            }
            own.close();
        }
    }

    /**
     * Turns taken with libvirt's C client on the same daemon ({@code bench_python.py --paced}, named by
     * {@code -p pace=FIFO}; none when empty): before each iteration of this fork, the client runs the same
     * operation for as long as the iteration lasts (warm-up iterations untimed), so that both sides are measured
     * minute for minute alike however the machine drifts. The pipes are {@code FIFO.req} and {@code FIFO.ack}.
     */
    @State(Scope.Benchmark)
    public static class Pacer {
        @Param("")
        public String pace;
        private Writer requests;
        private BufferedReader answers;

        @Setup(Level.Iteration)
        public void clientsTurn(BenchmarkParams benchmark, IterationParams iteration) throws IOException {
            if (pace.isEmpty()) {
                return;
            }
            if (requests == null) {
                // the client opens the answer pipe when it first answers: a fork that fails before asking
                // leaves it waiting for the next request (or the script's "end"), not for a reader
                requests = Files.newBufferedWriter(Path.of(pace + ".req"));
            }
            String method = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
            String op = method.equals("xmlDesc") ? "XMLDesc" : method;
            String kind = iteration.getType() == IterationType.MEASUREMENT ? "measure" : "warm";
            double seconds = iteration.getTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
            requests.write(kind + " " + op + " " + seconds + "\n");
            requests.flush();
            if (answers == null) {
                answers = Files.newBufferedReader(Path.of(pace + ".ack"));
            }
            String answer = answers.readLine();
            if (!"done".equals(answer)) {
                throw new IOException("bench_python.py answered " + answer + " to " + kind + " " + op);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (requests != null) {
                requests.close();
            }
            if (answers != null) {
                answers.close();
            }
        }
    }

    /** {@code virDomainGetInfo} of the running domain {@code test}. */
    @Benchmark
    public DomainInfo info(Remote r, Pacer p) {
        return r.test.info();
    }

    /** {@code virDomainLookupByName("test")}. */
    @Benchmark
    public Domain lookupByName(Remote r, Pacer p) {
        return r.connection.domainByName(Workload.TEST_DOMAIN);
    }

    /** {@code virDomainGetXMLDesc(test, 0)}. */
    @Benchmark
    public String xmlDesc(Remote r, Pacer p) {
        return r.test.xmlDesc();
    }

    /** {@code virDomainDefineXML} of a small domain with a new name. */
    @Benchmark
    public Domain defineXML(Remote r, Defines d, Pacer p) {
        return r.connection.defineDomain(Workload.smallDomain("bench-remote-" + d.next++));
    }

    /** {@code virConnectListAllDomains(0)} with {@value #LISTED} domains besides {@code test}. */
    @Benchmark
    public List<Domain> listAllDomains(Remote r, Listed l, Pacer p) {
        return r.connection.listAllDomains();
    }
}
