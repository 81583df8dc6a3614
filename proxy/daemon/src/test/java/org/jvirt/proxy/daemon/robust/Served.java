package org.jvirt.proxy.daemon.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.server.Daemon;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * A daemon under test: jvirtd in this JVM, or Debian's libvirtd (the oracle) in its own process, both
 * serving libvirt's test driver on a read-write unix socket. The same bad input goes to both, and each
 * must answer it as libvirtd does.
 */
final class Served implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final String name;
    private final Path socket;
    private final RunningJvirtd jvirtd;
    private final Libvirtd libvirtd;

    private Served(String name, Path socket, RunningJvirtd jvirtd, Libvirtd libvirtd) {
        this.name = name;
        this.socket = socket;
        this.jvirtd = jvirtd;
        this.libvirtd = libvirtd;
    }

    static Served jvirtd(Path dir) throws IOException {
        RunningJvirtd d = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")));
        return new Served("jvirtd", d.socket(), d, null);
    }

    /** Debian's libvirtd; skips the test (or, under JVIRT_REQUIRE_PEERS, fails it) where it is absent. */
    static Served libvirtd(Path dir) throws IOException, InterruptedException {
        Libvirtd d = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")));
        return new Served("libvirtd", d.socket(), null, d);
    }

    Path socket() {
        return socket;
    }

    /** jvirtd's daemon object, where the daemon is jvirtd. */
    Optional<Daemon> daemon() {
        return Optional.ofNullable(jvirtd).map(RunningJvirtd::daemon);
    }

    /** A client connected to the read-write socket. */
    WireClient client() throws IOException {
        return WireClient.connect(socket);
    }

    /** A client with test:///default open. */
    WireClient openClient() throws IOException {
        WireClient c = client();
        c.open("test:///default", DEADLINE);
        return c;
    }

    /** A new client opens test:///default and lists its domains, as any client would: the daemon still serves. */
    void assertServesAnotherClient() throws IOException {
        try (WireClient c = openClient()) {
            RemoteConnectListAllDomainsRet all = Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                    RemoteConnectListAllDomainsArgs.CODEC, new RemoteConnectListAllDomainsArgs(1, 0), DEADLINE),
                    RemoteConnectListAllDomainsRet.CODEC);
            assertThat(all.domains()).extracting(RemoteNonnullDomain::name).contains("test");
        }
    }

    /** Where the daemon is jvirtd: polls until its client count is {@code expected}, failing after the deadline. */
    void assertClientCountReaches(int expected) {
        daemon().ifPresent(d -> poll(() -> d.clientCount() == expected,
                () -> "jvirtd still counts " + d.clientCount() + " clients, not " + expected));
    }

    /** Polls {@code condition} until it holds, failing with {@code why} after {@link #DEADLINE}. */
    static void poll(BooleanSupplier condition, java.util.function.Supplier<String> why) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(why.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        if (jvirtd != null) {
            jvirtd.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }
}
