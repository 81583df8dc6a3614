package org.jvirt.driver.qemu.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts QEMU in a session of its own ({@code setsid}, which execs in place so the pid is QEMU's),
 * with stdin from {@code /dev/null} and stdout and stderr appended to the domain's log file, so
 * that it survives this JVM and never blocks on a pipe nobody reads.
 *
 * <p>QEMU is a child of this JVM, reaped as soon as it exits and with its exit status known;
 * unless the process said, with the system property {@value #DETACH_PROPERTY}{@code =true}, that it
 * is short-lived and will not outlive its guests' start (jvirsh does): then {@link #launch} hands
 * QEMU to init at once, as libvirt's own QEMU driver does by daemonizing it. A JVM does not end
 * while one of its threads waits in native code: the JDK's reaper thread waits in
 * {@code waitpid} for every running child, and the JVM's exit gives such threads 300 ms before
 * it goes anyway, which would make every {@code jvirsh start} 300 ms longer than its work. A
 * detached QEMU is watched as one found again after a restart ({@link QemuProcess#adopt}): its
 * end is seen by polling and its exit status is not known.
 */
public final class QemuLauncher {
    /** The system property that makes {@link #launch} detach QEMU from this JVM. */
    public static final String DETACH_PROPERTY = "jvirt.qemu.detach";
    private static final Path SETSID = findTool("setsid");
    private static final Path TASKSET = findTool("taskset");
    private static final Path SH = Path.of("/bin/sh");
    /**
     * Starts its arguments in the background with stdout on stderr (the log), prints their pid and
     * exits: the command is then an orphan, init's child, and the shell's stdout pipe reaches EOF.
     */
    private static final String DETACH_SCRIPT = "\"$@\" >&2 & echo $!";

    private QemuLauncher() {
    }

    /**
     * Launches a guest's QEMU: a child of this JVM, or a detached process when
     * {@value #DETACH_PROPERTY} is {@code true}.
     *
     * @param cpuset host CPUs to confine QEMU to ({@code taskset -c} syntax), or null
     * @param environment variables to set on top of a minimal environment
     * @param log the file QEMU's stdout and stderr are appended to
     * @throws IOException when the process cannot be started
     */
    public static QemuProcess launch(List<String> argv, String cpuset, Map<String, String> environment, Path log)
            throws IOException {
        return Boolean.getBoolean(DETACH_PROPERTY) ? launchDetached(argv, cpuset, environment, log)
                : launchChild(argv, cpuset, environment, log);
    }

    /**
     * Launches {@code argv} as a child of this JVM, whatever {@value #DETACH_PROPERTY} says: for
     * short runs whose exit status matters (the probes).
     *
     * @see #launch
     */
    public static QemuProcess launchChild(List<String> argv, String cpuset, Map<String, String> environment,
                                          Path log) throws IOException {
        ProcessBuilder pb = builder(command(argv, cpuset), environment);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return QemuProcess.ofChild(pb.start());
    }

    /** Launches {@code argv} through {@code /bin/sh}, which leaves it to init and tells its pid. */
    static QemuProcess launchDetached(List<String> argv, String cpuset, Map<String, String> environment, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SH.toString(), "-c", DETACH_SCRIPT, "sh"));
        cmd.addAll(command(argv, cpuset));
        ProcessBuilder pb = builder(cmd, environment);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process shell = pb.start();
        String said;
        try (var out = shell.getInputStream()) {
            said = new String(out.readNBytes(64), StandardCharsets.US_ASCII).trim();
        }
        int status;
        try {
            status = shell.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shell.destroyForcibly();
            throw new IOException("interrupted while starting " + argv.get(0), e);
        }
        if (status != 0 || !said.matches("[1-9][0-9]{0,9}")) {
            throw new IOException(SH + " could not start " + argv.get(0) + " (exit status " + status + ", said '"
                    + said + "')");
        }
        return QemuProcess.detached(Long.parseLong(said));
    }

    private static List<String> command(List<String> argv, String cpuset) throws IOException {
        List<String> cmd = new ArrayList<>(argv.size() + 4);
        if (SETSID != null) {
            cmd.add(SETSID.toString());
        }
        if (cpuset != null) {
            if (TASKSET == null) {
                throw new IOException("cannot confine QEMU to host CPUs " + cpuset + ": no taskset on this host");
            }
            cmd.add(TASKSET.toString());
            cmd.add("-c");
            cmd.add(cpuset);
        }
        cmd.addAll(argv);
        return cmd;
    }

    private static ProcessBuilder builder(List<String> cmd, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("LC_ALL", "C");
        env.putAll(environment);
        pb.redirectInput(new File("/dev/null"));
        return pb;
    }

    /** The last {@code maxBytes} of a log file from {@code offset} on, trimmed; empty when unreadable. */
    public static String logTail(Path log, long offset, int maxBytes) {
        try (var ch = java.nio.channels.FileChannel.open(log)) {
            long size = ch.size();
            long from = Math.max(offset, size - maxBytes);
            if (from >= size) {
                return "";
            }
            var buf = java.nio.ByteBuffer.allocate((int) (size - from));
            ch.read(buf, from);
            return new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Confines a running thread (or, with {@code allThreads}, every thread of process {@code id}) to host
     * CPUs, as libvirt's virProcessSetAffinity: {@code taskset -p -c CPUS ID}.
     *
     * @param cpuset host CPUs in {@code taskset -c} syntax
     * @throws IOException when there is no taskset or it fails, with what it said
     */
    public static void setAffinity(long id, String cpuset, boolean allThreads) throws IOException {
        if (TASKSET == null) {
            throw new IOException("cannot set the CPU affinity of " + id + ": no taskset on this host");
        }
        List<String> cmd = new ArrayList<>(List.of(TASKSET.toString()));
        if (allThreads) {
            cmd.add("-a");
        }
        cmd.addAll(List.of("-p", "-c", cpuset, Long.toString(id)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("cannot set CPU affinity of " + id + " to " + cpuset + ": " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while setting the CPU affinity of " + id, e);
        }
    }

    private static Path findTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
