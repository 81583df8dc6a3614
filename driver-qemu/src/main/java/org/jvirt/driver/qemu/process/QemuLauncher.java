package org.jvirt.driver.qemu.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts QEMU as a child of this JVM, in a session of its own ({@code setsid}, which execs in
 * place so the pid is QEMU's), with stdin from {@code /dev/null} and stdout and stderr appended to
 * the domain's log file, so that it survives this JVM and never blocks on a pipe nobody reads.
 */
public final class QemuLauncher {
    private static final Path SETSID = findTool("setsid");
    private static final Path TASKSET = findTool("taskset");

    private QemuLauncher() {
    }

    /**
     * Launches {@code argv}.
     *
     * @param cpuset host CPUs to confine QEMU to ({@code taskset -c} syntax), or null
     * @param environment variables to set on top of a minimal environment
     * @param log the file QEMU's stdout and stderr are appended to
     * @throws IOException when the process cannot be started
     */
    public static QemuProcess launch(List<String> argv, String cpuset, Map<String, String> environment, Path log)
            throws IOException {
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
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("LC_ALL", "C");
        env.putAll(environment);
        pb.redirectInput(new File("/dev/null"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return QemuProcess.ofChild(pb.start());
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
