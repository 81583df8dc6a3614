package org.jvirt.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.core.Jvirt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12's define: {@code virDomainDefineXML} of the Q35 guest virt-install writes, on the QEMU driver
 * embedded ({@code qemu:///embed}, a state directory of its own under {@code java.io.tmpdir}), a new name
 * on every call, timed as {@code driver-qemu/compare-libvirt.sh} times it: a burst of {@value #BURST}
 * definitions, then their undefinitions outside the measurement. The time includes each definition's
 * write to the state directory's journal (its flush and the file follow in the background). Warmed up with
 * 11,000 definitions, as the script warms it: C2 still compiles the path after 5,000 on a two-core machine.
 * Needs {@code /usr/bin/qemu-system-x86_64} (probed once, never started).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 55)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class DefineVirtInstallBenchmark {
    static final String PREFIX = "vi-";
    static final int BURST = 200;

    Path root;
    Connection connection;
    String xml;
    long next;
    long iterationStart;

    @Setup(Level.Trial)
    public void open() throws IOException {
        root = Files.createTempDirectory("jvirt-define-bench");
        connection = Jvirt.open("qemu:///embed?root=" + root);
        // Never read: a define does not open the disk.
        xml = Workload.VIRT_INSTALL.replace("DISK", root.resolve("vi.qcow2").toString());
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
    public void close() throws IOException {
        connection.close();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Defines {@code vi-N} .. {@code vi-(N+199)}, N counting up; building each document is part of the
     * call, as on libvirt's side. Returns the last.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public Domain defineVirtInstall() {
        Domain last = null;
        for (int i = 0; i < BURST; i++) {
            last = connection.defineDomain(xml.replace("NAME", PREFIX + next++));
        }
        return last;
    }
}
