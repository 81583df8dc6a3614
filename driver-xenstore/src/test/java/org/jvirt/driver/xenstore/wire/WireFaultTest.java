package org.jvirt.driver.xenstore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.driver.xenstore.wire.ScriptedXenstored.zstring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xenstore.testing.LogCapture;
import org.jvirt.driver.xenstore.testing.Poll;

/**
 * What the client does when xenstored misbehaves — frames too long or cut short, unknown types, replies
 * nobody asked for, silence, a closed socket — played by {@link ScriptedXenstored}. Every call must end,
 * with a clear error, long before its timeout when the connection is gone.
 */
class WireFaultTest {
    /** Long, so that a call failing "promptly" cannot be mistaken for one timing out. */
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long PROMPT_MS = 3000;

    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private ScriptedXenstored server(ScriptedXenstored.Script script) {
        ScriptedXenstored s = new ScriptedXenstored(dir.resolve("socket"), script);
        closing.add(s);
        return s;
    }

    private XenstoreClient client(ScriptedXenstored s, Duration timeout) {
        XenstoreClient c = XenstoreClient.connect(s.socket(), timeout);
        closing.add(0, c);
        return c;
    }

    /** Answers READ with the path's last part as the value. */
    private static void echo(ScriptedXenstored.Request r, ScriptedXenstored.Peer p) throws java.io.IOException {
        String path = r.path();
        p.reply(r, XsType.READ, path.substring(path.lastIndexOf('/') + 1).getBytes());
    }

    @Test
    void aFrameLongerThanThePayloadLimitFailsEveryWaitingCallAndTheNextConnects() throws Exception {
        CountDownLatch slowArrived = new CountDownLatch(1);
        ScriptedXenstored s = server((r, p) -> {
            switch (r.path()) {
                case "/slow" -> slowArrived.countDown(); // never answered
                case "/big" -> p.frame(XsType.READ.number(), r.reqId(), 0, 5000, new byte[0]);
                default -> echo(r, p);
            }
        });
        XenstoreClient c = client(s, LONG);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Future<?> slow = pool.submit(() -> c.read("/slow"));
            assertThat(slowArrived.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> c.read("/big")).isInstanceOfSatisfying(XenstoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                assertThat(e.getMessage()).contains("READ /big").contains("5000").contains("XENSTORE_PAYLOAD_MAX");
            });
            assertThatThrownBy(() -> slow.get(PROMPT_MS, TimeUnit.MILLISECONDS)).cause()
                    .isInstanceOfSatisfying(XenstoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                        assertThat(e.getMessage()).contains("READ /slow").contains("XENSTORE_PAYLOAD_MAX");
                    });
            assertThat(elapsedMs(start)).isLessThan(PROMPT_MS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.readString("/fine")).as("the next request connects again").isEqualTo("fine");
        assertThat(s.connections()).isEqualTo(2);
    }

    @Test
    void aReplyCutShortByTheSocketClosingSaysHowMuchArrived() {
        ScriptedXenstored s = server((r, p) -> {
            p.frame(XsType.READ.number(), r.reqId(), 0, 20, "12345".getBytes());
            p.close();
        });
        XenstoreClient c = client(s, LONG);
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.read("/cut")).isInstanceOfSatisfying(XenstoreException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_XENSTORE);
            assertThat(e.getMessage()).contains("READ /cut").contains("closed the connection")
                    .contains("5 of its 20 bytes");
        });
        assertThat(elapsedMs(start)).isLessThan(PROMPT_MS);
    }

    @Test
    void theSocketClosingFailsEveryCallInFlightAtOnce() throws Exception {
        int calls = 8;
        CountDownLatch all = new CountDownLatch(calls);
        AtomicInteger seen = new AtomicInteger();
        ScriptedXenstored s = server((r, p) -> {
            all.countDown();
            if (seen.incrementAndGet() == calls) {
                p.close(); // with every request unanswered
            }
        });
        XenstoreClient c = client(s, LONG);
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                String path = "/pending/" + i;
                futures.add(pool.submit(() -> c.read(path)));
            }
            for (int i = 0; i < calls; i++) {
                String path = "/pending/" + i;
                Future<?> f = futures.get(i);
                assertThatThrownBy(() -> f.get(PROMPT_MS, TimeUnit.MILLISECONDS)).cause()
                        .isInstanceOfSatisfying(XenstoreException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.NO_XENSTORE);
                            assertThat(e.getMessage()).contains("READ " + path).contains("closed the connection");
                        });
            }
            assertThat(elapsedMs(start)).isLessThan(PROMPT_MS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReplyOfAnUnknownTypeFailsItsCallAndTheConnectionGoesOn() {
        ScriptedXenstored s = server((r, p) -> {
            if (r.path().equals("/odd")) {
                p.frame(99, r.reqId(), 0, 3, "OK\0".getBytes());
            } else {
                echo(r, p);
            }
        });
        XenstoreClient c = client(s, LONG);
        assertThatThrownBy(() -> c.read("/odd")).isInstanceOfSatisfying(XenstoreException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RPC);
            assertThat(e.getMessage()).contains("READ /odd").contains("unknown type 99");
        });
        assertThat(c.readString("/next")).isEqualTo("next");
        assertThat(s.connections()).isEqualTo(1);
    }

    @Test
    void aReplyOfAnotherRequestsTypeFailsItsCall() {
        ScriptedXenstored s = server((r, p) -> p.reply(r, XsType.WRITE, zstring("OK")));
        XenstoreClient c = client(s, LONG);
        assertThatThrownBy(() -> c.read("/x")).isInstanceOfSatisfying(XenstoreException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RPC);
            assertThat(e.getMessage()).contains("READ /x").contains("WRITE");
        });
    }

    @Test
    void aReplyMatchingNoRequestIsLoggedAndDropped() {
        ScriptedXenstored s = server((r, p) -> {
            p.frame(XsType.READ.number(), r.reqId() + 1000, 0, 5, "stray".getBytes());
            p.reply(r, XsType.READ, "right".getBytes());
        });
        XenstoreClient c = client(s, LONG);
        try (LogCapture log = new LogCapture(Session.class)) {
            assertThat(c.readString("/x")).isEqualTo("right");
            assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m)
                    .contains("no call waits for").contains("never sent").contains("dropped"));
        }
    }

    @Test
    void aCallTimesOutAndItsLateReplyIsDropped() throws Exception {
        LinkedBlockingQueue<Runnable> late = new LinkedBlockingQueue<>();
        ScriptedXenstored s = server((r, p) -> {
            if (r.path().equals("/late")) {
                late.add(() -> {
                    try {
                        p.reply(r, XsType.READ, "too late".getBytes());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } else {
                echo(r, p);
            }
        });
        XenstoreClient c = client(s, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> c.read("/late")).isInstanceOfSatisfying(XenstoreException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
            assertThat(e.getMessage()).contains("READ /late").contains("300 ms");
        });
        assertThat(elapsedMs(start)).isBetween(250L, PROMPT_MS);
        try (LogCapture log = new LogCapture(Session.class)) {
            late.take().run();
            assertThat(c.readString("/after")).as("the late reply went to nobody").isEqualTo("after");
            Poll.until(Duration.ofSeconds(5), "the late reply is logged as late", () -> log.messages(Level.INFO).stream()
                    .anyMatch(m -> m.contains("after its call stopped waiting")));
            assertThat(log.messages(Level.WARNING)).as("a late reply is no protocol violation").isEmpty();
        }
    }

    @Test
    void anErrorReplyCarriesXenstoredsErrno() {
        ScriptedXenstored s = server((r, p) -> p.error(r, "EACCES"));
        XenstoreClient c = client(s, LONG);
        assertThatThrownBy(() -> c.write("/secret", "x")).isInstanceOfSatisfying(XenstoreException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
            assertThat(e.errno()).isEqualTo("EACCES");
            assertThat(e.getMessage()).contains("WRITE /secret").contains("EACCES").contains("permission denied");
        });
    }

    @Test
    void repliesInAnyOrderReachTheirCalls() throws Exception {
        int calls = 6;
        List<ScriptedXenstored.Request> held = new ArrayList<>();
        ScriptedXenstored s = server((r, p) -> {
            synchronized (held) {
                held.add(r);
                if (held.size() == calls) {
                    for (int i = held.size() - 1; i >= 0; i--) {
                        echo(held.get(i), p); // last asked, first answered
                    }
                }
            }
        });
        XenstoreClient c = client(s, LONG);
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String leaf = "leaf" + i;
                answers.add(pool.submit(() -> c.readString("/x/" + leaf)));
            }
            for (int i = 0; i < calls; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("leaf" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWatchEventWithoutTokenIsDroppedAndLaterOnesArrive() throws Exception {
        ScriptedXenstored s = server((r, p) -> {
            p.ok(r);
            if (r.knownType() == XsType.WATCH) {
                String token = r.strings().get(1);
                p.send(frameBytes(XsType.WATCH_EVENT, "/w/broken\0"));
                p.watchEvent("/w/fine", token);
            }
        });
        XenstoreClient c = client(s, LONG);
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (LogCapture log = new LogCapture(Session.class)) {
            c.watch("/w", seen::add);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("/w/fine");
            assertThat(log.messages(Level.WARNING)).anySatisfy(m -> assertThat(m).contains("without a token"));
        }
    }

    @Test
    void aTransactionConflictingEveryTimeGivesUpAfterTwentyRuns() {
        ScriptedXenstored s = server((r, p) -> {
            switch (r.knownType()) {
                case TRANSACTION_START -> p.reply(r, XsType.TRANSACTION_START, zstring("7"));
                case TRANSACTION_END -> p.error(r, "EAGAIN");
                default -> p.ok(r);
            }
        });
        XenstoreClient c = client(s, LONG);
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> c.transaction(tx -> {
            runs.incrementAndGet();
            assertThat(tx.id()).isEqualTo(7);
            tx.write("/t", "x");
            return null;
        })).isInstanceOfSatisfying(XenstoreException.class, e -> assertThat(e.errno()).isEqualTo("EAGAIN"));
        assertThat(runs.get()).isEqualTo(XenstoreClient.TRANSACTION_ATTEMPTS);
        assertThat(s.received.stream().filter(r -> r.knownType() == XsType.WRITE).allMatch(r -> r.txId() == 7))
                .as("writes of the body carry the transaction id").isTrue();
    }

    @Test
    void aDaemonThatStopsReadingMakesCallsTimeOutNotHang() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedXenstored s = server((r, p) -> {
            try {
                never.await(); // this connection is read no more
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        XenstoreClient c = client(s, Duration.ofMillis(400));
        byte[] big = new byte[4000];
        int calls = 120; // ~480 KB: more than the socket's buffers hold
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                String path = "/fill/" + i;
                futures.add(pool.submit(() -> c.write(path, big)));
            }
            List<String> messages = new ArrayList<>();
            for (Future<?> f : futures) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause()
                        .isInstanceOfSatisfying(XenstoreException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                            messages.add(e.getMessage());
                        });
            }
            assertThat(elapsedMs(start)).isLessThan(5000);
            assertThat(messages).as("some requests could not even be written, and gave up writing")
                    .anySatisfy(m -> assertThat(m).contains("could not send"));
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void afterTheConnectionIsLostWatchesAreRegisteredAgainAndTheGapIsReported() throws Exception {
        ScriptedXenstored s = server((r, p) -> p.ok(r));
        XenstoreClient c = client(s, LONG);
        LinkedBlockingQueue<String> gaps = new LinkedBlockingQueue<>();
        XsWatch w = c.watch("/w", new XsWatchListener() {
            @Override
            public void changed(String path) {
            }

            @Override
            public void eventsMayHaveBeenMissed(String reason) {
                gaps.add(reason);
            }
        });
        assertThat(s.received.take().knownType()).isEqualTo(XsType.WATCH);
        s.dropConnections();
        String gap = gaps.poll(5, TimeUnit.SECONDS);
        assertThat(gap).as("the listener is told").isNotNull().contains("may have been missed")
                .contains("closed the connection");
        ScriptedXenstored.Request again = s.received.poll(5, TimeUnit.SECONDS);
        assertThat(again).isNotNull();
        assertThat(again.connection()).isEqualTo(2);
        assertThat(again.strings()).containsExactly("/w", w.token());
        assertThat(c.isConnected()).isTrue();
    }

    @Test
    void aDaemonThatAcceptsNoConnectionMakesConnectingTimeOut() throws Exception {
        Path socket = dir.resolve("deaf");
        try (java.nio.channels.ServerSocketChannel deaf = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            deaf.bind(java.net.UnixDomainSocketAddress.of(socket), 1); // listening, never accepting
            int attempts = 6; // more than the backlog holds
            ExecutorService pool = Executors.newFixedThreadPool(attempts);
            try {
                List<Future<XenstoreClient>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < attempts; i++) {
                    futures.add(pool.submit(() -> XenstoreClient.connect(socket, Duration.ofMillis(300))));
                }
                List<String> failures = new ArrayList<>();
                for (Future<XenstoreClient> f : futures) {
                    try {
                        f.get(5, TimeUnit.SECONDS).close(); // queued in the backlog: connected, never served
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOfSatisfying(XenstoreException.class, x -> assertThat(x.code())
                                .isEqualTo(ErrorCode.NO_XENSTORE));
                        failures.add(e.getCause().getMessage());
                    }
                }
                assertThat(elapsedMs(start)).isLessThan(PROMPT_MS);
                assertThat(failures).as("connects beyond the backlog give up at their timeout").isNotEmpty()
                        .allSatisfy(m -> assertThat(m).contains("did not accept the connection within 300 ms"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static byte[] frameBytes(XsType type, String payload) {
        byte[] p = payload.getBytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + p.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(type.number()).putInt(0).putInt(0).putInt(p.length).put(p);
        return b.array();
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
