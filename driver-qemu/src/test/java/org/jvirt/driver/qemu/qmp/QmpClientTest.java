package org.jvirt.driver.qemu.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The QMP client against a scripted peer: the protocol, and every way a peer can misbehave. */
@Timeout(20)
class QmpClientTest {
    private static final QmpClient.Options FAST = QmpClient.Options.DEFAULT
            .withConnectTimeout(Duration.ofMillis(800)).withCommandTimeout(Duration.ofMillis(500));

    @TempDir
    Path dir;

    final List<QmpEvent> events = new CopyOnWriteArrayList<>();
    final AtomicReference<QmpException> closedWith = new AtomicReference<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final QmpListener listener = new QmpListener() {
        @Override
        public void onEvent(QmpEvent event) {
            events.add(event);
        }

        @Override
        public void onClose(QmpException cause) {
            closedWith.set(cause);
            closed.countDown();
        }
    };

    private static String answerAll(Map<String, Object> cmd) {
        return switch ((String) cmd.get("execute")) {
            case "qmp_capabilities" -> FakeQmpServer.ok(cmd, "{}");
            case "query-status" -> "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 5}, \"event\": \"STOP\"}\r\n"
                    + FakeQmpServer.ok(cmd, "{\"status\": \"paused\", \"running\": false}");
            case "fail" -> "{\"error\": {\"class\": \"GenericError\", \"desc\": \"it failed\"}, \"id\": "
                    + Json.write(cmd.get("id")) + "}\r\n";
            case "list" -> FakeQmpServer.ok(cmd, "[1, 2]");
            case "stall" -> null;
            default -> FakeQmpServer.ok(cmd, "{}");
        };
    }

    @Test
    void greetsNegotiatesRunsCommandsAndDeliversEventsInOrder() throws Exception {
        Path sock = dir.resolve("q.sock");
        try (FakeQmpServer server = new FakeQmpServer(sock, FakeQmpServer.GREETING, QmpClientTest::answerAll);
             QmpClient qmp = QmpClient.connect(sock, FAST, listener, () -> true)) {
            assertThat(server.received.poll(1, TimeUnit.SECONDS)).contains("\"execute\":\"qmp_capabilities\"");
            assertThat(qmp.greeting().get("capabilities")).isEqualTo(List.of("oob"));
            Map<String, Object> status = qmp.executeObject("query-status", null);
            assertThat(status.get("running")).isEqualTo(false);
            // The event came before the answer, and was delivered before the caller woke up.
            assertThat(events).hasSize(1);
            assertThat(events.get(0).name()).isEqualTo("STOP");
            assertThat(events.get(0).timestampMicros()).isEqualTo(1_000_005L);
            assertThat(qmp.executeList("list", null)).containsExactly(1L, 2L);
            assertThatThrownBy(() -> qmp.execute("fail")).isInstanceOfSatisfying(QmpException.class, e -> {
                assertThat(e.kind()).isEqualTo(QmpException.Kind.COMMAND_ERROR);
                assertThat(e.errorClass()).isEqualTo("GenericError");
                assertThat(e).hasMessage("it failed");
            });
            qmp.execute("balloon", Json.object("value", 5L));
            String sent = null;
            for (int i = 0; i < 4; i++) {
                String s = server.received.poll(1, TimeUnit.SECONDS);
                if (s != null && s.contains("balloon")) {
                    sent = s;
                }
            }
            assertThat(sent).startsWith("{\"execute\":\"balloon\",\"arguments\":{\"value\":5},\"id\":");
        }
        assertThat(closed.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(closedWith.get()).isNull();
    }

    @Test
    void aStalledCommandTimesOutAndTheClientStaysUsable() throws Exception {
        Path sock = dir.resolve("q.sock");
        try (FakeQmpServer server = new FakeQmpServer(sock, FakeQmpServer.GREETING, QmpClientTest::answerAll);
             QmpClient qmp = QmpClient.connect(sock, FAST, listener, () -> true)) {
            assertThatThrownBy(() -> qmp.execute("stall")).isInstanceOfSatisfying(QmpException.class,
                    e -> assertThat(e.kind()).isEqualTo(QmpException.Kind.TIMEOUT));
            assertThat(qmp.execute("other")).isEqualTo(Map.of());
        }
    }

    @Test
    void aPeerThatNeverGreetsTimesOut() throws Exception {
        Path sock = dir.resolve("q.sock");
        try (FakeQmpServer server = new FakeQmpServer(sock, null, QmpClientTest::answerAll)) {
            assertThatThrownBy(() -> QmpClient.connect(sock, FAST, listener, () -> true))
                    .isInstanceOfSatisfying(QmpException.class, e -> {
                        assertThat(e.kind()).isEqualTo(QmpException.Kind.TIMEOUT);
                        assertThat(e).hasMessageContaining("no greeting");
                    });
        }
    }

    @Test
    void garbageClosesTheConnectionWithAClearError() throws Exception {
        Path sock = dir.resolve("q.sock");
        try (FakeQmpServer server = new FakeQmpServer(sock, FakeQmpServer.GREETING, cmd ->
                "qmp_capabilities".equals(cmd.get("execute")) ? FakeQmpServer.ok(cmd, "{}") : "\u0007\u0000garbage{{\r\n");
             QmpClient qmp = QmpClient.connect(sock, FAST, listener, () -> true)) {
            assertThatThrownBy(() -> qmp.execute("query-status")).isInstanceOfSatisfying(QmpException.class, e -> {
                assertThat(e.kind()).isEqualTo(QmpException.Kind.PROTOCOL);
                assertThat(e).hasMessageContaining("sent garbage").hasMessageContaining("garbage{{");
            });
            assertThat(qmp.isOpen()).isFalse();
            assertThat(closed.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(closedWith.get().kind()).isEqualTo(QmpException.Kind.PROTOCOL);
            assertThatThrownBy(() -> qmp.execute("query-status")).isInstanceOfSatisfying(QmpException.class,
                    e -> assertThat(e.kind()).isEqualTo(QmpException.Kind.CLOSED));
        }
    }

    @Test
    void aGreetingThatIsNotQmpIsRefused() throws Exception {
        Path sock = dir.resolve("q.sock");
        try (FakeQmpServer server = new FakeQmpServer(sock, "{\"hello\": 1}\n", QmpClientTest::answerAll)) {
            assertThatThrownBy(() -> QmpClient.connect(sock, FAST, listener, () -> true))
                    .isInstanceOfSatisfying(QmpException.class,
                            e -> assertThat(e.kind()).isEqualTo(QmpException.Kind.PROTOCOL));
        }
    }

    @Test
    void anOversizedMessageIsRefusedBeforeItIsBuffered() throws Exception {
        Path sock = dir.resolve("q.sock");
        QmpClient.Options small = FAST.withMaxMessageBytes(1024);
        try (FakeQmpServer server = new FakeQmpServer(sock, FakeQmpServer.GREETING, cmd ->
                "qmp_capabilities".equals(cmd.get("execute")) ? FakeQmpServer.ok(cmd, "{}")
                        : "{\"return\": \"" + "x".repeat(300_000) + "\"}");
             QmpClient qmp = QmpClient.connect(sock, small, listener, () -> true)) {
            assertThatThrownBy(() -> qmp.execute("big")).isInstanceOfSatisfying(QmpException.class, e -> {
                assertThat(e.kind()).isEqualTo(QmpException.Kind.PROTOCOL);
                assertThat(e).hasMessageContaining("longer than 1024 bytes");
            });
        }
    }

    @Test
    void aPeerHangingUpFailsPendingCommands() throws Exception {
        Path sock = dir.resolve("q.sock");
        try (FakeQmpServer server = new FakeQmpServer(sock, FakeQmpServer.GREETING, QmpClientTest::answerAll);
             QmpClient qmp = QmpClient.connect(sock, QmpClient.Options.DEFAULT, listener, () -> true)) {
            // The server hangs up once the command is in, so that it is pending when the peer goes.
            Thread hangUp = new Thread(() -> {
                try {
                    String line;
                    do {
                        line = server.received.take();
                    } while (!line.contains("\"stall\""));
                    server.hangUp();
                } catch (Exception e) {
                    // test fails below
                }
            });
            hangUp.start();
            assertThatThrownBy(() -> qmp.execute("stall")).isInstanceOfSatisfying(QmpException.class,
                    e -> assertThat(e.kind()).isEqualTo(QmpException.Kind.CLOSED));
            assertThat(closed.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(closedWith.get()).isNotNull();
        }
    }

    @Test
    void connectingRetriesUntilTheSocketAppearsOrThePeerIsGone() throws Exception {
        Path sock = dir.resolve("late.sock");
        // The socket appears only after the client's first attempt failed: it must try again.
        java.util.concurrent.atomic.AtomicReference<FakeQmpServer> late = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.BooleanSupplier appearAfterFirstTry = () -> {
            if (late.get() == null) {
                try {
                    late.set(new FakeQmpServer(sock, FakeQmpServer.GREETING, QmpClientTest::answerAll));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        };
        try (QmpClient qmp = QmpClient.connect(sock, QmpClient.Options.DEFAULT, listener, appearAfterFirstTry)) {
            assertThat(late.get()).as("the server appeared after a failed attempt").isNotNull();
            assertThat(qmp.isOpen()).isTrue();
        } finally {
            if (late.get() != null) {
                late.get().close();
            }
        }
        Path never = dir.resolve("never.sock");
        assertThatThrownBy(() -> QmpClient.connect(never, FAST, listener, () -> true))
                .isInstanceOfSatisfying(QmpException.class, e -> assertThat(e.kind()).isEqualTo(QmpException.Kind.TIMEOUT));
        assertThatThrownBy(() -> QmpClient.connect(never, QmpClient.Options.DEFAULT, listener, () -> false))
                .isInstanceOfSatisfying(QmpException.class, e -> assertThat(e.kind()).isEqualTo(QmpException.Kind.CLOSED));
    }

    @Test
    void answersArriveOutOfOrderAndStillReachTheirCallers() throws Exception {
        Path sock = dir.resolve("q.sock");
        AtomicReference<Map<String, Object>> held = new AtomicReference<>();
        AtomicReference<FakeQmpServer> srv = new AtomicReference<>();
        try (FakeQmpServer server = new FakeQmpServer(sock, FakeQmpServer.GREETING, cmd -> {
            String ex = (String) cmd.get("execute");
            if (ex.equals("first")) {
                held.set(cmd);
                return null;
            }
            if (ex.equals("second")) {
                return FakeQmpServer.ok(cmd, "2") + FakeQmpServer.ok(held.get(), "1");
            }
            return FakeQmpServer.ok(cmd, "{}");
        }); QmpClient qmp = QmpClient.connect(sock, QmpClient.Options.DEFAULT, listener, () -> true)) {
            srv.set(server);
            AtomicReference<Object> first = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    first.set(qmp.execute("first"));
                } catch (QmpException e) {
                    first.set(e);
                }
            });
            t.start();
            while (held.get() == null) {
                Thread.sleep(5);
            }
            assertThat(qmp.execute("second")).isEqualTo(2L);
            t.join(2000);
            assertThat(first.get()).isEqualTo(1L);
        }
    }
}
