package org.jvirt.proxy.daemon.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainUndefineArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * jvirtd under load: 64 clients of 10,000 calls each on the shared test:///default, four calls in
 * flight per client, reads and writes mixed. Every reply is checked; two listener clients (one on
 * each socket) registered for lifecycle events must receive exactly the events the writers caused —
 * none lost, none twice, each domain's in causal order; and the heap, measured after collection, must
 * come back to what it was.
 *
 * <p>The heap bound: after ≤ before + 32 MiB. The run makes 640,000 calls and defines 106,000
 * domains; a leak of 53 bytes per call, or of 320 bytes per domain defined, breaks it, while what
 * collection leaves behind from run to run varies by a few MiB.
 */
class LoadTest {
    static final int CLIENTS = 64;
    static final int CALLS = 10_000;
    static final Duration LOAD_DEADLINE = Duration.ofMinutes(5);
    static final long HEAP_SLACK = 32L << 20;

    @Test
    void sixtyFourClientsOfTenThousandCallsLoseNoEventAndLeakNothing(@TempDir Path dir) throws Exception {
        try (QuietLogs quiet = new QuietLogs(); RunningJvirtd d = RunningJvirtd.start(dir)) {
            // one small client first, so that what runs once (class loading, caches) is in the baseline
            try (WireClient warm = WireClient.connect(d.socket())) {
                WireClient.await(new LoadClient(warm, CLIENTS, 300).run(), LOAD_DEADLINE);
            }
            Served.poll(() -> d.daemon().clientCount() == 0, () -> "the warm-up client is still counted");
            long heapBefore = Heap.usedAfterGc();

            Figures f = load(d);
            Served.poll(() -> d.daemon().clientCount() == 0, () -> d.daemon().clientCount() + " clients still counted");
            long heapAfter = Heap.usedAfterGc();
            double seconds = f.elapsedNanos() / 1e9;
            System.out.printf("load: %d clients x %,d calls = %,d calls in %.1f s (%,.0f calls/s); %,d events to each of %d"
                            + " listeners; heap after GC %,d -> %,d bytes%n", CLIENTS, CALLS, (long) CLIENTS * CALLS, seconds,
                    CLIENTS * CALLS / seconds, f.events(), f.listeners(), heapBefore, heapAfter);
            assertThat(heapAfter).as("heap after the load (before: %,d)", heapBefore).isLessThan(heapBefore + HEAP_SLACK);
        }
    }

    record Figures(long elapsedNanos, long events, int listeners) {
    }

    /** The load itself; everything the test side holds of it is garbage once it returns. */
    private static Figures load(RunningJvirtd d) throws Exception {
        List<EventLog> listeners = List.of(EventLog.register(d.socket(), Served.DEADLINE),
                EventLog.register(d.readOnlySocket(), Served.DEADLINE));
        List<WireClient> clients = new ArrayList<>();
        List<LoadClient> loads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            WireClient c = WireClient.connect(d.socket());
            clients.add(c);
            loads.add(new LoadClient(c, i, CALLS));
        }
        long start = System.nanoTime();
        WireClient.await(CompletableFuture.allOf(loads.stream().map(LoadClient::run).toArray(CompletableFuture[]::new)),
                LOAD_DEADLINE);
        long elapsed = System.nanoTime() - start;
        assertThat(loads.stream().mapToLong(LoadClient::calls).sum()).isEqualTo((long) CLIENTS * CALLS);

        // every writer's events were queued before its last reply; the sentinel's come after them all
        try (WireClient control = WireClient.connect(d.socket())) {
            control.open("test:///default", Served.DEADLINE);
            RemoteDomainDefineXmlRet s = Replies.ok(control.callAndWait(RemoteProcedure.REMOTE_PROC_DOMAIN_DEFINE_XML,
                    RemoteDomainDefineXmlArgs.CODEC, new RemoteDomainDefineXmlArgs(LoadClient.xml("load-sentinel", 65536)),
                    Served.DEADLINE), RemoteDomainDefineXmlRet.CODEC);
            Replies.ok(control.callAndWait(RemoteProcedure.REMOTE_PROC_DOMAIN_UNDEFINE, RemoteDomainUndefineArgs.CODEC,
                    new RemoteDomainUndefineArgs(s.dom()), Served.DEADLINE));
        }
        Map<String, List<String>> expected = new HashMap<>();
        loads.forEach(l -> expected.putAll(l.expectedEvents()));
        expected.put("load-sentinel", List.of(LoadClient.DEFINED, LoadClient.UNDEFINED));
        long expectedCount = expected.values().stream().mapToLong(List::size).sum();
        for (EventLog log : listeners) {
            WireClient.await(log.awaitUndefineOf("load-sentinel"), LOAD_DEADLINE);
            assertThat(differences(expected, log.events())).as("events lost, duplicated or out of order").isEmpty();
            assertThat(log.unexpected()).isEmpty();
            assertThat(log.received()).isEqualTo(expectedCount);
        }
        for (WireClient c : clients) {
            assertThat(c.strays()).isEmpty();
            c.close();
        }
        for (EventLog log : listeners) {
            log.close();
        }
        return new Figures(elapsed, expectedCount, listeners.size());
    }

    /** Per domain, where what arrived departs from what was caused; at most ten, for a readable failure. */
    static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            List<String> e = expected.getOrDefault(name, List.of());
            List<String> a = actual.getOrDefault(name, List.of());
            if (!e.equals(a)) {
                int at = 0;
                while (at < Math.min(e.size(), a.size()) && e.get(at).equals(a.get(at))) {
                    at++;
                }
                out.add(name + ": " + e.size() + " events caused, " + a.size() + " received; first difference at #" + at
                        + " (caused " + (at < e.size() ? e.get(at) : "nothing") + ", received "
                        + (at < a.size() ? a.get(at) : "nothing") + ")");
                if (out.size() == 10) {
                    break;
                }
            }
        }
        return out;
    }
}
