package org.jvirt.proxy.protocol;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Debian's libvirtd serving libvirt's test driver on private unix sockets, for as long as the test
 * needs it (the recipe of shared/PEERS.md). Absent, the test is skipped with the reason — unless
 * {@code JVIRT_REQUIRE_PEERS} is set, as CI does, which makes it fail.
 */
public final class Libvirtd implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/libvirtd");

    private final Process process;
    private final Path run;
    private final Path log;

    private Libvirtd(Process process, Path run, Path log) {
        this.process = process;
        this.run = run;
        this.log = log;
    }

    public static void require(boolean present, String why) {
        if (!present) {
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                fail(why + ", and JVIRT_REQUIRE_PEERS is set");
            }
            System.out.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
    }

    /** Starts libvirtd with its sockets in {@code dir}/run, and returns once they accept connections. */
    public static Libvirtd start(Path dir) throws IOException, InterruptedException {
        require(Files.isExecutable(BINARY), BINARY + " is not installed (Debian: apt-get install libvirt-daemon)");
        Path run = Files.createDirectories(dir.resolve("run"));
        Path empty = Files.createDirectories(dir.resolve("no-drivers"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, String.join("\n",
                "unix_sock_dir = \"" + run + "\"",
                "unix_sock_group = \"root\"",
                "unix_sock_ro_perms = \"0777\"",
                "unix_sock_rw_perms = \"0770\"",
                "auth_unix_ro = \"none\"",
                "auth_unix_rw = \"none\"",
                "listen_tls = 0",
                "listen_tcp = 0", ""));
        Path log = dir.resolve("libvirtd.log");
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--config", conf.toString(),
                "--pid-file", dir.resolve("libvirtd.pid").toString());
        // an empty driver directory keeps the QEMU module (and its capability probe) from loading
        pb.environment().put("LIBVIRT_DRIVER_DIR", empty.toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            run.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Libvirtd d = new Libvirtd(pb.start(), run, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(d.socket()) && Files.exists(d.readOnlySocket()))) {
                WatchKey k = watch.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (k == null || !d.process.isAlive()) {
                    d.close();
                    throw new IOException("libvirtd did not create its sockets: " + Files.readString(log));
                }
                k.pollEvents();
                k.reset();
            }
            // the socket file exists from bind(); listen() follows at once: retry the gap away
            d.awaitListening(d.socket(), deadline);
            d.awaitListening(d.readOnlySocket(), deadline);
            return d;
        }
    }

    private void awaitListening(Path socket, long deadline) throws IOException {
        while (true) {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(socket));
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("libvirtd does not listen on " + socket + ": " + Files.readString(log), e);
                }
                Thread.onSpinWait();
            }
        }
    }

    public Path socket() {
        return run.resolve("libvirt-sock");
    }

    public Path readOnlySocket() {
        return run.resolve("libvirt-sock-ro");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
