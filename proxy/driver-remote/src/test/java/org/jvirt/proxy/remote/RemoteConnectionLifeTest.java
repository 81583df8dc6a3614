package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.CloseReason;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote connection's life against a real jvirtd: many threads on one connection, and the daemon going away. */
class RemoteConnectionLifeTest {
    @TempDir
    Path dir;

    @Test
    void callsFromManyThreadsShareOneConnectionEachGettingItsOwnAnswer() throws Exception {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            String hostname = c.hostname();
            NodeInfo node = c.nodeInfo();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 300; i++) {
                            switch ((thread + i) % 3) {
                                case 0 -> assertThat(c.type()).isEqualTo("TEST");
                                case 1 -> assertThat(c.hostname()).isEqualTo(hostname);
                                default -> assertThat(c.nodeInfo()).isEqualTo(node);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(d.daemon().clientCount()).isEqualTo(1);
        }
    }

    @Test
    void whenTheDaemonGoesAwayTheCloseListenerHearsEofAndCallsFailClearly() throws Exception {
        RunningJvirtd d = RunningJvirtd.start(dir);
        try (Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            CompletableFuture<CloseReason> closed = new CompletableFuture<>();
            c.onClose((conn, reason) -> closed.complete(reason));
            assertThat(c.isAlive()).isTrue();
            d.close();
            assertThat(closed.get(2, TimeUnit.MINUTES)).isEqualTo(CloseReason.EOF);
            assertThat(c.isAlive()).isFalse();
            // the first call after hears why; later ones, as libvirt's, that the socket is closed
            assertThatThrownBy(c::hostname).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                assertThat(e.getMessage()).isEqualTo("End of file while reading data: Input/output error");
            });
            assertThatThrownBy(c::hostname).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                assertThat(e.getMessage()).isEqualTo("internal error: client socket is closed");
            });
        } finally {
            d.close();
        }
    }

    @Test
    void closingTheConnectionTellsTheListenerClientOnceAndTheDaemonSeesTheClientLeave() throws Exception {
        try (RunningJvirtd d = RunningJvirtd.start(dir)) {
            Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open();
            List<CloseReason> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
            c.onClose((conn, reason) -> reasons.add(reason));
            c.close();
            assertThat(reasons).containsExactly(CloseReason.CLIENT);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (d.daemon().clientCount() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(d.daemon().clientCount()).isZero();
        }
    }

    @Test
    void noDaemonOnTheSocketIsAClearErrorNamingIt() {
        Path missing = dir.resolve("none-sock");
        assertThatThrownBy(() -> Jvirt.builder().uri("test+unix:///default?socket=" + missing).open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                    assertThat(e.getMessage()).startsWith("Failed to connect socket to '" + missing + "'");
                });
    }
}
