package org.jvirt.proxy.daemon.virsh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * Debian's {@code /usr/bin/virsh} as a user runs it, one process per call: {@code LC_ALL=C} (libvirt's
 * messages untranslated), {@code HOME} and the XDG directories in a directory of the test's (no history,
 * configuration or URI aliases of the real home), no default URI from the environment. Every wait is
 * bounded: a virsh still running at its deadline is killed and the test fails, saying what it printed.
 */
final class Virsh {
    static final Path BINARY = Path.of("/usr/bin/virsh");
    /** Far beyond what any call here takes (a guest's start under TCG is under a second). */
    static final long DEADLINE_SECONDS = 60;

    private final Path home;
    private final List<String> prefix;

    private Virsh(Path home, List<String> prefix) {
        this.home = home;
        this.prefix = prefix;
    }

    /** virsh with its home in {@code home}; skips (or, with JVIRT_REQUIRE_PEERS, fails) without virsh. */
    static Virsh in(Path home) throws IOException {
        Libvirtd.require(Files.isExecutable(BINARY), BINARY + " is not installed (Debian: apt-get install libvirt-clients)");
        return new Virsh(Files.createDirectories(home), List.of());
    }

    /** This virsh run through {@code command} first (e.g. {@code setpriv} to change user), its home in {@code home}. */
    Virsh through(List<String> command, Path otherHome) {
        return new Virsh(otherHome, List.copyOf(command));
    }

    /** What one virsh process printed, and how it ended. */
    record Result(String stdout, String stderr, int exitCode) {
        /** All of it, in one text that a failed comparison shows whole. */
        String whole() {
            return "--- stdout\n" + stdout + "--- stderr\n" + stderr + "--- exit code " + exitCode + "\n";
        }
    }

    /** Runs {@code virsh [-r] -c uri commands} ({@code ;}-separated commands run in one process, on one connection). */
    Result run(String uri, boolean readOnly, String commands) throws IOException, InterruptedException {
        try (Running r = start(uri, readOnly, commands)) {
            return r.awaitExit();
        }
    }

    /** Starts {@code virsh [-r] -c uri commands} in the background. */
    Running start(String uri, boolean readOnly, String commands) throws IOException {
        List<String> argv = new ArrayList<>(prefix);
        argv.add(BINARY.toString());
        if (readOnly) {
            argv.add("-r");
        }
        argv.addAll(List.of("-c", uri, commands));
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.startsWith("XDG_") || k.startsWith("LIBVIRT_")
                || k.startsWith("VIRSH_") || k.equals("LANG") || k.equals("LANGUAGE"));
        env.put("LC_ALL", "C");
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        return new Running(pb.start(), String.join(" ", argv));
    }

    /** A virsh process whose output is collected as it comes. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final String description;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread outReader;
        private final Thread errReader;

        private Running(Process process, String description) {
            this.process = process;
            this.description = description;
            try {
                process.getOutputStream().close(); // virsh reads no commands from stdin
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            this.outReader = collect(process.getInputStream(), out, "virsh-stdout");
            this.errReader = collect(process.getErrorStream(), err, "virsh-stderr");
        }

        private Thread collect(InputStream in, ByteArrayOutputStream sink, String name) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (this) {
                            sink.write(buf, 0, n);
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed under the reader: what was read is what it printed
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Whether the process is still running. */
        boolean alive() {
            return process.isAlive();
        }

        /** What the process printed on stdout so far. */
        synchronized String stdoutSoFar() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Waits until what it printed on stdout satisfies {@code condition}; fails at the deadline or if it exits first. */
        synchronized String awaitStdout(Predicate<String> condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (!condition.test(stdoutSoFar())) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !outReader.isAlive()) {
                    throw new AssertionError("virsh never printed " + what + " (" + (left <= 0 ? "deadline passed" : "it exited")
                            + "): " + description + "\n" + stdoutSoFar() + err.toString(StandardCharsets.UTF_8));
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return stdoutSoFar();
        }

        /** Sends SIGINT, as Ctrl-C does: virsh's event loop then says so and ends. */
        void interrupt() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("could not send SIGINT to " + description);
            }
        }

        /** Waits for the process to end and returns what it printed. */
        Result awaitExit() throws InterruptedException {
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("virsh did not end within " + DEADLINE_SECONDS + " s: " + description + "\n"
                        + stdoutSoFar() + err.toString(StandardCharsets.UTF_8));
            }
            outReader.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            errReader.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            synchronized (this) {
                return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), process.exitValue());
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
