package org.jvirt.proxy.daemon.robust;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * jvirtd as its own process — {@code java -cp <this test's class path> org.jvirt.proxy.daemon.Jvirtd
 * --socket-dir DIR} — so that a test can kill it as an operator or the kernel would. Its output goes
 * to a log file, shown when it fails to start.
 */
final class JvirtdProcess implements AutoCloseable {
    private final Process process;
    private final Path socketDir;
    private final Path log;

    private JvirtdProcess(Process process, Path socketDir, Path log) {
        this.process = process;
        this.socketDir = socketDir;
        this.log = log;
    }

    /** Starts jvirtd with its sockets in {@code socketDir}; returns once its read-write socket accepts connections. */
    static JvirtdProcess start(Path socketDir, Path log, Duration timeout) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the log manager as ./jvirtd sets it, so that a graceful stop's lines reach the log
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m",
                "-Djava.util.logging.manager=org.jvirt.proxy.daemon.DaemonLogManager", "-cp", System.getProperty("java.class.path"),
                "org.jvirt.proxy.daemon.Jvirtd", "--socket-dir", socketDir.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        JvirtdProcess p = new JvirtdProcess(pb.start(), socketDir, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!p.answers()) {
            if (!p.process.isAlive() || System.nanoTime() > deadline) {
                p.process.destroyForcibly();
                throw new IOException("jvirtd did not start listening on " + p.socket() + ": " + Files.readString(log));
            }
            LockSupport.parkNanos(5_000_000L);
        }
        return p;
    }

    Path socket() {
        return socketDir.resolve("libvirt-sock");
    }

    Path readOnlySocket() {
        return socketDir.resolve("libvirt-sock-ro");
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private boolean answers() {
        if (!Files.exists(socket())) {
            return false;
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket()));
            return true;
        } catch (IOException e) {
            return false; // not yet listening, or a stale socket file of a daemon that died
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits up to {@code timeout} for the process to exit; returns its exit code, failing the test when it does not. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("jvirtd did not exit within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
