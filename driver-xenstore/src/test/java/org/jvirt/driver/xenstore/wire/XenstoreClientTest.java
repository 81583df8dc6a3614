package org.jvirt.driver.xenstore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.driver.xenstore.testing.RealXenstored;

/** The client against Debian's real C xenstored: every request of the protocol, watches and transactions. */
class XenstoreClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static RealXenstored xenstored;
    XenstoreClient client;

    @BeforeAll
    static void startXenstored() {
        xenstored = RealXenstored.start(dir);
    }

    @AfterAll
    static void stopXenstored() {
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @BeforeEach
    void connect() {
        client = XenstoreClient.connect(xenstored.socket(), TIMEOUT);
        client.rm("/test");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void writesAndReadsBackBytesAndText() {
        client.write("/test/a", "hello");
        assertThat(client.readString("/test/a")).isEqualTo("hello");
        byte[] binary = {0, 1, 2, (byte) 0xff, 0, 'x'};
        client.write("/test/bin", binary);
        assertThat(client.read("/test/bin")).containsExactly(binary);
        client.write("/test/utf", "día ☃");
        assertThat(client.readString("/test/utf")).isEqualTo("día ☃");
        client.write("/test/empty", "");
        assertThat(client.read("/test/empty")).isEmpty();
    }

    @Test
    void aMissingNodeIsEnoentNamingTheRequest() {
        assertThatThrownBy(() -> client.read("/test/nothing"))
                .isInstanceOfSatisfying(XenstoreException.class, e -> {
                    assertThat(e.errno()).isEqualTo("ENOENT");
                    assertThat(e.request()).isEqualTo(XsType.READ);
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.XENSTORE);
                    assertThat(e.object()).isEqualTo("/test/nothing");
                    assertThat(e.getMessage()).contains("READ /test/nothing").contains("ENOENT");
                });
        assertThat(client.readIfPresent("/test/nothing")).isEmpty();
    }

    @Test
    void directoriesMkdirAndRm() {
        client.write("/test/d/x", "1");
        client.write("/test/d/y", "2");
        client.mkdir("/test/d/z");
        assertThat(client.directory("/test/d")).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(client.read("/test/d/z")).isEmpty();
        assertThat(client.directory("/test/d/z")).isEmpty();
        client.rm("/test/d/x");
        assertThat(client.directory("/test/d")).containsExactlyInAnyOrder("y", "z");
        client.rm("/test/d");
        assertThat(client.readIfPresent("/test/d/y")).isEmpty();
        assertThatThrownBy(() -> client.directory("/test/d"))
                .isInstanceOfSatisfying(XenstoreException.class, e -> assertThat(e.errno()).isEqualTo("ENOENT"));
    }

    @Test
    void permissionsAreSetAndReadBack() {
        client.write("/test/p", "v");
        assertThat(client.permissions("/test/p")).first().isEqualTo(new XsPermission(XsPermission.Access.NONE, 0));
        List<XsPermission> perms = List.of(new XsPermission(XsPermission.Access.NONE, 0),
                new XsPermission(XsPermission.Access.READ, 5), new XsPermission(XsPermission.Access.BOTH, 7));
        client.setPermissions("/test/p", perms);
        assertThat(client.permissions("/test/p")).isEqualTo(perms);
    }

    @Test
    void domainPathsAndIntroduction() {
        assertThat(client.domainPath(7)).isEqualTo("/local/domain/7");
        assertThat(client.isDomainIntroduced(41)).isFalse();
        client.introduceDomain(41, 0x1234, 3);
        assertThat(client.isDomainIntroduced(41)).isTrue();
        client.releaseDomain(41);
        assertThat(client.isDomainIntroduced(41)).isFalse();
        assertThatThrownBy(() -> client.releaseDomain(41))
                .isInstanceOfSatisfying(XenstoreException.class, e -> assertThat(e.errno()).isEqualTo("ENOENT"));
    }

    @Test
    void watchesReportChangesUnderTheirPathUntilClosed() throws InterruptedException {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        XsWatch w = client.watch("/test/w", seen::add);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).as("xenstored fires a new watch once").isEqualTo("/test/w");
        client.write("/test/w/a", "1");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("/test/w/a");
        client.write("/test/other", "1");
        client.write("/test/w", "2");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).as("a change elsewhere is not reported").isEqualTo("/test/w");
        w.close();
        w.close();
        client.write("/test/w/b", "3");
        // A sentinel watch, registered after the write, fires after any event the write caused.
        LinkedBlockingQueue<String> sentinel = new LinkedBlockingQueue<>();
        client.watch("/test/sentinel", sentinel::add);
        assertThat(sentinel.poll(5, TimeUnit.SECONDS)).isEqualTo("/test/sentinel");
        assertThat(seen).as("a closed watch reports nothing").isEmpty();
    }

    @Test
    void domainsIntroducedAndReleasedFireTheSpecialWatches() throws InterruptedException {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        client.watch("@introduceDomain", events::add);
        client.watch("@releaseDomain", events::add);
        assertThat(List.of(events.poll(5, TimeUnit.SECONDS), events.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("@introduceDomain", "@releaseDomain");
        client.introduceDomain(42, 0x42, 1);
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("@introduceDomain");
        client.releaseDomain(42);
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("@releaseDomain");
    }

    @Test
    void aTransactionCommitsAllOrNothing() {
        client.transaction(tx -> {
            tx.write("/test/t/a", "1");
            tx.write("/test/t/b", "2");
            assertThat(client.readIfPresent("/test/t/a")).as("not visible outside before the commit").isEmpty();
            return null;
        });
        assertThat(client.directory("/test/t")).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(() -> client.transaction(tx -> {
            tx.write("/test/t/c", "3");
            throw new IllegalStateException("the body fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(client.readIfPresent("/test/t/c")).as("an aborted transaction writes nothing").isEmpty();
    }

    @Test
    void aConflictingTransactionRunsAgain() {
        client.write("/test/c/counter", "0");
        AtomicInteger runs = new AtomicInteger();
        try (XenstoreClient other = XenstoreClient.connect(xenstored.socket(), TIMEOUT)) {
            String result = client.transaction(tx -> {
                int n = Integer.parseInt(new String(tx.read("/test/c/counter"), StandardCharsets.UTF_8));
                if (runs.incrementAndGet() == 1) {
                    other.write("/test/c/counter", "10"); // another writer changes what this one read
                }
                tx.write("/test/c/counter", Integer.toString(n + 1));
                return "ran";
            });
            assertThat(result).isEqualTo("ran");
        }
        assertThat(runs.get()).as("xenstored answered EAGAIN once, and the body ran again").isEqualTo(2);
        assertThat(client.readString("/test/c/counter")).isEqualTo("11");
    }

    @Test
    void payloadsUpToTheLimitPassAndLongerOnesAreRefusedBeforeSending() {
        String path = "/test/big";
        // WRITE's payload: the path, its NUL, the value: exactly XENSTORE_PAYLOAD_MAX.
        byte[] value = new byte[4096 - path.length() - 1];
        java.util.Arrays.fill(value, (byte) 'v');
        client.write(path, value);
        assertThat(client.read(path)).hasSize(value.length);
        byte[] tooLong = new byte[value.length + 1];
        assertThatThrownBy(() -> client.write(path, tooLong))
                .isInstanceOfSatisfying(XenstoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                    assertThat(e.getMessage()).contains("XENSTORE_PAYLOAD_MAX");
                });
        assertThat(client.read(path)).as("nothing was sent").hasSize(value.length);
        assertThatThrownBy(() -> client.read("/test/nul\0inside"))
                .isInstanceOfSatisfying(XenstoreException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void manyThreadsShareOneConnection() throws Exception {
        int threads = 8;
        int each = 200;
        for (int t = 0; t < threads; t++) {
            client.write("/test/m/" + t, "value-" + t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                futures.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        String got = client.readString("/test/m/" + me);
                        if (!got.equals("value-" + me)) {
                            wrong.add(got);
                        }
                    }
                    return wrong;
                }));
            }
            List<String> wrong = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<String>> f : futures) {
                wrong.addAll(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(wrong).as("every reply reached the call that asked for it").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyClientsConnectAtOnce() throws Exception {
        // More than xenstored's listen backlog: connecting must wait for it to accept, not fail.
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> answers = new ArrayList<>();
            client.write("/test/hello", "hi");
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    try (XenstoreClient c = XenstoreClient.connect(xenstored.socket(), TIMEOUT)) {
                        return c.readString("/test/hello");
                    }
                }));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("hi");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedClientRefusesRequests() {
        client.close();
        assertThatThrownBy(() -> client.read("/test"))
                .isInstanceOfSatisfying(XenstoreException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_CONN));
    }

    @Test
    void connectingToNoDaemonIsNoXenstore() {
        assertThatThrownBy(() -> XenstoreClient.connect(dir.resolve("no-such-socket"), TIMEOUT))
                .isInstanceOfSatisfying(XenstoreException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NO_XENSTORE));
    }
}
