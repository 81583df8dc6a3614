package org.jvirt.driver.xenstore.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's C xenstored (Xen 4.17), run for real without a hypervisor behind the project's LD_PRELOAD shim
 * ({@code src/test/c/xenstored_shim.c}, compiled here with gcc into {@code target/}): every domain id
 * exists, event channels are pipes, {@code /proc/xen/xsd_port} and {@code xsd_kva} are files of the run
 * directory. All its state (socket, pid file, log) lives in the directory given; nothing root-wide is
 * touched. It runs in the foreground ({@code -N}) as a child of the test JVM and is killed by
 * {@link #close()}.
 */
public final class RealXenstored implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(10);
    private static Path shim;

    private final Path dir;
    private final Path socket;
    private Process process;

    private RealXenstored(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("run/socket");
    }

    /**
     * Starts xenstored with its state under {@code dir} and returns once its socket accepts connections.
     * Skips the test (or fails it under JVIRT_REQUIRE_PEERS) when xenstored, gcc or the Xen headers are
     * missing.
     */
    public static RealXenstored start(Path dir) {
        Peers.requireXenstored();
        RealXenstored x = new RealXenstored(dir);
        try {
            Files.createDirectories(dir.resolve("run"));
            // dom0's event channel (any port will do: the shim's channels are pipes) and its ring page.
            Files.writeString(dir.resolve("xsd_port"), "1\n");
            Files.write(dir.resolve("xsd_kva"), new byte[4096]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        x.launch();
        return x;
    }

    /** xenstored's socket. */
    public Path socket() {
        return socket;
    }

    /** The environment under which Debian's xenstore clients reach this xenstored. */
    public Map<String, String> clientEnvironment() {
        return Map.of("XENSTORED_PATH", socket.toString());
    }

    /** Whether the daemon runs. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills xenstored (SIGKILL, as a crash) and waits until it is gone: its connections break. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("xenstored pid " + process.pid() + " did not die of SIGKILL within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        process = null;
    }

    /** Starts a fresh xenstored (an empty store) on the same socket, after {@link #kill()}. */
    public void restart() {
        kill();
        launch();
    }

    /** What xenstored wrote on stdout and stderr. */
    public String log() {
        try {
            Path log = dir.resolve("xenstored.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void launch() {
        ProcessBuilder pb = new ProcessBuilder(Peers.XENSTORED.toString(), "-N", "-F",
                dir.resolve("run/xenstored.pid").toString());
        Map<String, String> env = pb.environment();
        env.put("LD_PRELOAD", shim().toString());
        env.put("JVIRT_XSD_PORT", dir.resolve("xsd_port").toString());
        env.put("JVIRT_XSD_KVA", dir.resolve("xsd_kva").toString());
        env.put("XENSTORED_RUNDIR", dir.resolve("run").toString());
        env.put("XENSTORED_PATH", socket.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("xenstored.log").toFile()));
        try {
            Files.deleteIfExists(socket);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Poll.until(READY, "xenstored accepts connections on " + socket, () -> {
            if (!process.isAlive()) {
                fail("xenstored exited with status " + process.exitValue() + ": " + log());
            }
            return accepts();
        });
    }

    private boolean accepts() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The shim, compiled once per test run from its C source into target/. */
    private static synchronized Path shim() {
        if (shim != null) {
            return shim;
        }
        Path base = Path.of(System.getProperty("basedir", "."));
        Path out = base.resolve("target/xenstored-shim/libjvirt_xenstored_shim.so");
        Path source = out.resolveSibling("xenstored_shim.c");
        try {
            Files.createDirectories(out.getParent());
            // From the test class path, so that a module using this harness through the test jar compiles it too.
            try (java.io.InputStream in = RealXenstored.class.getResourceAsStream("/xenstored-shim/xenstored_shim.c")) {
                if (in == null) {
                    fail("the xenstored shim's source is not on the class path (/xenstored-shim/xenstored_shim.c)");
                }
                Files.copy(in, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Process gcc = new ProcessBuilder(List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-o", out.toString(), source.toString(), "-ldl")).redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes());
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                fail("compiling the xenstored shim failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        shim = out;
        return shim;
    }
}
