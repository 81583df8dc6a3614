package org.jvirt.proxy.daemon.robust;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jvirt.api.ErrorCode;
import org.jvirt.proxy.daemon.JvirtdModule;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.dispatch.Dispatcher;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProcedureTable;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * Random and mutated input to jvirtd — valid calls of many procedures with bytes flipped, words
 * replaced by length-like values, bytes inserted and deleted, frames cut and spliced — over its socket
 * and straight into its dispatcher. Whatever arrives: no exception escapes (nothing logged at ERROR, no
 * thread of the daemon dies), nothing hangs (every call is answered or the connection closed, within a
 * deadline), every frame the daemon sends is a well-formed reply, the daemon keeps serving, and the
 * heap after collection ends within 32 MiB of where it began.
 * A stream that would reach a procedure writing files (save, core dump) is not sent.
 */
class FuzzTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static Path dir;
    private static QuietLogs quiet;
    private static DaemonErrors errors;
    private static RunningJvirtd jvirtd;
    private static Dispatcher dispatcher;
    private static FuzzCaller caller;
    private static ExecutorService direct;
    private static long heapBefore;
    /** What the answers were, by "OK" or libvirt error code: that the inputs reached the handlers, not only the decoder. */
    private static final java.util.Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("jvirtd-fuzz");
        quiet = new QuietLogs();
        errors = new DaemonErrors();
        jvirtd = RunningJvirtd.start(dir);
        dispatcher = Guice.createInjector(new JvirtdModule(DaemonConfig.defaults(dir))).getInstance(Dispatcher.class);
        caller = new FuzzCaller();
        direct = Executors.newSingleThreadExecutor();
        heapBefore = Heap.usedAfterGc();
    }

    @AfterContainer
    static void stop() throws IOException {
        try {
            Served.poll(() -> jvirtd.daemon().clientCount() == 0, () -> jvirtd.daemon().clientCount() + " clients left");
            assertThat(errors.errors()).as("exceptions that escaped inside jvirtd").isEmpty();
            System.out.println("fuzz: replies by outcome (OK, or libvirt error code): " + OUTCOMES);
            // the inputs got past decoding into the handlers: some succeeded, some were refused by them
            assertThat(OUTCOMES.getOrDefault("OK", 0)).isPositive();
            assertThat(OUTCOMES.keySet()).anyMatch(k -> !k.equals("OK") && !k.equals("error " + ErrorCode.RPC.number()));
            caller.close();
            long heapAfter = Heap.usedAfterGc();
            System.out.printf("fuzz: heap after GC %,d -> %,d bytes%n", heapBefore, heapAfter);
            assertThat(heapAfter).as("the heap after fuzzing").isLessThan(heapBefore + (32L << 20));
        } finally {
            direct.shutdownNow();
            caller.close();
            jvirtd.close();
            errors.close();
            quiet.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --- over the socket: the session's framing, then the dispatcher ---

    @Property(tries = 300)
    void mutatedCallsOverTheSocket(@ForAll("mutatedStreams") byte[] stream) throws Exception {
        sendAndExpectAnswersOrClose(BadInputTest.concat(Seeds.CALLS.get(0), stream));
    }

    @Property(tries = 150)
    void randomBytesAfterAnOpenOverTheSocket(@ForAll @Size(max = 400) byte[] noise) throws Exception {
        sendAndExpectAnswersOrClose(BadInputTest.concat(Seeds.CALLS.get(0), noise));
    }

    /**
     * Sends {@code stream} and the end of it: the daemon answers what it can and closes the connection
     * — at the end of the stream at the latest — within the deadline; what it sent is only replies.
     */
    private static void sendAndExpectAnswersOrClose(byte[] stream) throws Exception {
        Assume.that(!Seeds.reachesFileWriters(stream));
        try (WireClient c = WireClient.connect(jvirtd.socket())) {
            try {
                c.sendRaw(stream);
                c.shutdownOutput();
            } catch (IOException closedEarly) {
                // the daemon closed the connection on a bad frame while the rest was being sent
            }
            WireClient.await(c.closed(), DEADLINE);
            for (Object sent : c.strays()) {
                if (sent instanceof IOException reset) {
                    continue; // the daemon closed with bytes of ours unread: the kernel resets the connection
                }
                assertThat(sent).as("what the daemon sent").isInstanceOf(Message.class);
                assertWellFormedReply((Message) sent);
            }
        }
        assertThat(errors.errors()).as("exceptions that escaped inside jvirtd").isEmpty();
    }

    // --- straight into the dispatcher, with a caller holding a real test:///default connection ---

    @Property(tries = 3000)
    void mutatedCallsThroughTheDispatcher(@ForAll("mutatedCalls") Message call) throws Exception {
        Assume.that(!Seeds.reachesFileWriters(call.toFrame()));
        caller.ensureOpen();
        Future<Message> f = direct.submit(() -> dispatcher.dispatch(caller, call));
        Message reply;
        try {
            reply = f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the dispatcher did not answer " + call + " within " + DEADLINE, e);
        }
        VirNetMessageHeader h = reply.header();
        assertThat(h.type()).isEqualTo(VirNetMessageType.VIR_NET_REPLY);
        assertThat(h.serial()).isEqualTo(call.header().serial());
        assertThat(h.proc()).isEqualTo(call.header().proc());
        assertWellFormedReply(reply);
        assertThat(errors.errors()).as("exceptions that escaped inside the dispatcher").isEmpty();
    }

    /** A reply whose payload is what its header says: its procedure's result, or an error that is no handler's crash. */
    private static void assertWellFormedReply(Message m) throws XdrException {
        assertThat(m.header().type()).isEqualTo(VirNetMessageType.VIR_NET_REPLY);
        if (m.header().status() == VirNetMessageStatus.VIR_NET_ERROR) {
            VirNetMessageError e = m.payload(VirNetMessageError.CODEC);
            OUTCOMES.merge("error " + e.code(), 1, Integer::sum);
            assertThat(e.message()).isPresent();
            if (e.code() == ErrorCode.INTERNAL_ERROR.number()) {
                assertThat(e.message().get()).as("a handler that threw").doesNotContain("failed: java.");
            }
            return;
        }
        assertThat(m.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
        OUTCOMES.merge("OK", 1, Integer::sum);
        XdrProcedure p = ProcedureTable.remote().byNumber(m.header().proc()).orElseThrow();
        if (p.retCodec().isPresent()) {
            m.payload(p.retCodec().get());
        } else {
            assertThat(m.payload()).isEmpty();
        }
    }

    // --- the inputs ---

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<byte[]> one = Combinators.combine(Arbitraries.of(Seeds.CALLS), mutations().list().ofMinSize(0).ofMaxSize(3))
                .as(FuzzTest::mutate);
        return one.list().ofMinSize(1).ofMaxSize(4).map(l -> BadInputTest.concat(l.toArray(byte[][]::new)));
    }

    @Provide
    Arbitrary<Message> mutatedCalls() {
        List<Message> seeds = new ArrayList<>();
        for (byte[] f : Seeds.CALLS) {
            try {
                seeds.add(Message.decodeFrame(f));
            } catch (XdrException e) {
                throw new IllegalStateException(e);
            }
        }
        Arbitrary<Integer> proc = Arbitraries.oneOf(Arbitraries.just(-1),
                Arbitraries.of(ProcedureTable.remote().all()).map(XdrProcedure::number), Arbitraries.integers());
        Arbitrary<VirNetMessageType> type = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, VirNetMessageType.VIR_NET_CALL), net.jqwik.api.Tuple.of(1, VirNetMessageType.VIR_NET_CALL_WITH_FDS));
        return Combinators.combine(Arbitraries.of(seeds), mutations().list().ofMaxSize(3), Arbitraries.integers().between(0, 9),
                proc, type, Arbitraries.integers()).as((seed, ms, dice, otherProc, t, serial) -> {
                    byte[] payload = seed.payload().clone();
                    for (Mutation m : ms) {
                        payload = m.apply(payload);
                    }
                    int p = dice == 0 ? otherProc : seed.header().proc(); // now and then: these arguments to another procedure
                    return new Message(new VirNetMessageHeader(seed.header().prog(), seed.header().vers(), p, t, serial,
                            VirNetMessageStatus.VIR_NET_OK), payload);
                });
    }

    interface Mutation {
        byte[] apply(byte[] bytes);
    }

    /**
     * A byte set, a word replaced by a length-like or any value, the last word (most often the flags)
     * replaced, bytes inserted, a range deleted, a cut.
     */
    static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().greaterOrEqual(0);
        Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 3, 4, -1, 27, 28, 29, 0x7fffffff, 0x80000000,
                4096, 65536, 0x00400001, 0x02000005, 0x20008086), Arbitraries.integers());
        return Arbitraries.oneOf(
                Combinators.combine(at, Arbitraries.bytes()).as((i, v) -> (Mutation) b -> set(b, i, v)),
                Combinators.combine(at, value).as((i, v) -> (Mutation) b -> word(b, i, v)),
                value.map(v -> (Mutation) b -> word(b, b.length / 4 - 1, v)),
                Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12))
                        .as((i, ins) -> (Mutation) b -> insert(b, i, ins)),
                Combinators.combine(at, Arbitraries.integers().between(1, 12)).as((i, n) -> (Mutation) b -> delete(b, i, n)),
                at.map(i -> (Mutation) b -> Arrays.copyOf(b, i % (b.length + 1))));
    }

    static byte[] mutate(byte[] seed, List<Mutation> ms) {
        byte[] b = seed.clone();
        for (Mutation m : ms) {
            b = m.apply(b);
        }
        return b;
    }

    static byte[] set(byte[] b, int at, byte v) {
        if (b.length > 0) {
            b[at % b.length] = v;
        }
        return b;
    }

    static byte[] word(byte[] b, int at, int v) {
        if (b.length >= 4) {
            int i = (at % (b.length / 4)) * 4;
            b[i] = (byte) (v >>> 24);
            b[i + 1] = (byte) (v >>> 16);
            b[i + 2] = (byte) (v >>> 8);
            b[i + 3] = (byte) v;
        }
        return b;
    }

    static byte[] insert(byte[] b, int at, byte[] ins) {
        int i = at % (b.length + 1);
        return BadInputTest.concat(Arrays.copyOfRange(b, 0, i), ins, Arrays.copyOfRange(b, i, b.length));
    }

    static byte[] delete(byte[] b, int at, int n) {
        if (b.length == 0) {
            return b;
        }
        int i = at % b.length;
        int end = Math.min(b.length, i + n);
        return BadInputTest.concat(Arrays.copyOfRange(b, 0, i), Arrays.copyOfRange(b, end, b.length));
    }
}
