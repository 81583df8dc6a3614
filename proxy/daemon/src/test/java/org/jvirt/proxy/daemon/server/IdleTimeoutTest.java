package org.jvirt.proxy.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvirtd's {@code --timeout}: the daemon stops once it has had no client for the timeout — the life of a
 * session daemon that a client started on demand — and only once the client has gone.
 */
class IdleTimeoutTest {
    @Test
    void theDaemonStopsAfterItsLastClientLeftAndRemovesItsSockets(@TempDir Path dir) throws Exception {
        RunningJvirtd d = RunningJvirtd.start(dir);
        AtomicBoolean clientLeft = new AtomicBoolean();
        AtomicBoolean stoppedAfterTheClientLeft = new AtomicBoolean();
        try {
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    d.daemon().awaitStop();
                    stoppedAfterTheClientLeft.set(clientLeft.get());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(d.socket()));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (d.daemon().clientCount() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                d.daemon().stopWhenIdle(Duration.ofMillis(100));
                clientLeft.set(false);
            }
            clientLeft.set(true);
            stopped.get(2, TimeUnit.MINUTES);
            assertThat(stoppedAfterTheClientLeft.get()).as("stopped only after the client left").isTrue();
            assertThat(Files.exists(d.socket())).isFalse();
            assertThat(Files.exists(d.readOnlySocket())).isFalse();
        } finally {
            d.close();
        }
    }
}
