package org.jvirt.xen.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of the real-Xen test machine from the host: {@code boot/run.sh} fetches the packages, builds the images
 * and boots Xen with its dom0 under QEMU, in which one JVM (the JUnit console launcher over this JVM's class path)
 * runs the selected tests and writes their reports to the exchange directory, shared with dom0 at the same path.
 * Everything lives under a work directory: {@code serial.log} (Xen's and dom0's consoles), {@code harness.log}
 * (the scripts' own output), {@code exchange/} ({@code job.sh}, {@code job.log}, {@code job.exit}, {@code reports/}).
 */
final class TestMachine {
    /** run.sh's status when apt cannot fetch the packages. */
    static final int CANNOT_FETCH = 3;
    /** fetch-packages.sh and build-images.sh bound themselves to 600 s and 300 s; QEMU to the boot limit. */
    private static final Duration PREPARATION_LIMIT = Duration.ofSeconds(900 + 30);

    private final Path boot;
    private final Path work;
    private final Duration bootLimit;

    TestMachine(Path boot, Path work, Duration bootLimit) {
        this.boot = boot;
        this.work = work;
        this.bootLimit = bootLimit;
    }

    Path serialLog() {
        return work.resolve("serial.log");
    }

    Path harnessLog() {
        return work.resolve("harness.log");
    }

    Path exchange() {
        return work.resolve("exchange");
    }

    Path jobLog() {
        return exchange().resolve("job.log");
    }

    Path reports() {
        return exchange().resolve("reports");
    }

    /** The job's exit status in dom0, or null when dom0 never wrote it (it did not boot, or the job never ended). */
    Integer jobExit() throws IOException {
        Path exit = exchange().resolve("job.exit");
        return Files.exists(exit) ? Integer.valueOf(Files.readString(exit).trim()) : null;
    }

    /**
     * Boots the machine once; dom0 runs {@code java javaArguments...} chrooted in the host's root with
     * {@code environment} (NAME=value lines) exported. Returns QEMU's exit status (124/137 when it was killed at the
     * boot limit), {@link #CANNOT_FETCH}, 1 when building the images failed, or -1 when the whole run outlived its
     * own limit and was killed here.
     */
    int run(List<String> javaArguments, List<String> environment) throws IOException, InterruptedException {
        deleteRecursively(work);
        Files.createDirectories(reports());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> args = new ArrayList<>();
        for (String a : javaArguments) {
            args.add('"' + a.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        Files.write(exchange().resolve("java.args"), args, StandardCharsets.UTF_8);
        StringBuilder job = new StringBuilder("#!/bin/sh\n# Written by the host's RealXenTest: the one JVM of the"
                + " tests in dom0.\n");
        for (String e : environment) {
            job.append("export ").append(e).append('\n');
        }
        // The host's own PATH inside the chroot: dom0's init has only busybox's and its Xen tools' directories.
        job.append("export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin\n");
        job.append("mkdir -p /run/jtmp\n");
        job.append("echo \"job.sh: java starts at $(date +%T)\"\n");
        job.append("exec ").append(java).append(" @").append(exchange().resolve("java.args")).append('\n');
        Files.writeString(exchange().resolve("job.sh"), job.toString(), StandardCharsets.UTF_8);

        Process p = new ProcessBuilder(boot.resolve("run.sh").toString(), exchange().toString(),
                serialLog().toString(), Long.toString(bootLimit.toSeconds()))
                .redirectErrorStream(true).redirectOutput(harnessLog().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(PREPARATION_LIMIT.plus(bootLimit).toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
            return -1;
        }
        return p.exitValue();
    }

    /** The last {@code lines} lines of {@code file}, or a word that it is not there. */
    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(" + file + " does not exist)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
