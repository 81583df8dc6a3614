package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long jobs on real QEMU guests through the packaged jvirsh ({@code ./jvirsh}, after
 * {@code package}): {@code save --verbose} and {@code dump --verbose} show virsh's progress records
 * while they run, and a real SIGINT (Ctrl-C) aborts them, leaving the guest running and no file; a
 * memory-only dump ends with its 100 % record.
 *
 * <p>To catch the save mid-way, jvirsh is given {@code JVIRT_QEMU_SAVE_BANDWIDTH} of 160 KiB a
 * second, so that the save of an idle 512 MiB guest (a stream of ~1.6 MB) takes some 10 s instead of
 * a fraction of one.
 * jvirsh runs with SIGINT at its default disposition ({@code env --default-signal=INT}): a process
 * started in the background by a non-interactive shell inherits it ignored, as Unix wants, and
 * Ctrl-C reaches only foreground processes.
 */
@Timeout(180)
class QemuJobsIT {
    private static final Path LAUNCHER = Path.of("..", "jvirsh").toAbsolutePath().normalize();
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    @TempDir
    Path dir;

    @BeforeEach
    void needQemu() {
        if (!Files.isExecutable(QEMU)) {
            String why = QEMU + " is not installed (Debian: qemu-system-x86)";
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                throw new AssertionError(why + ", and JVIRT_REQUIRE_PEERS is set");
            }
            System.out.println("SKIPPED: " + why);
            Assumptions.assumeTrue(false, why);
        }
    }

    @AfterEach
    void noGuestLeftBehind() {
        String needle = dir.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(needle)).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> p).join();
                });
    }

    @Test
    void ctrlCAbortsASaveAndTheGuestRunsOn() throws Exception {
        Path xml = Files.writeString(dir.resolve("big.xml"), guest("big", 512));
        Path image = dir.resolve("big.sav");
        String uri = "qemu:///embed?root=" + dir.resolve("root");

        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT", LAUNCHER.toString(), "-c", uri,
                "create " + xml + "; save --verbose big " + image + "; list --all");
        // Slow enough to be caught running: 160 KiB a second.
        pb.environment().put("JVIRT_QEMU_SAVE_BANDWIDTH", Integer.toString(160 << 10));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JVIRSH_JAVA_OPTS");
        Process jvirsh = pb.start();
        StringBuffer out = drain(jvirsh.getInputStream());
        StringBuffer err = drain(jvirsh.getErrorStream());

        awaitTrue("a progress record of the running save", () -> records(err, "Save") >= 1);
        signal("INT", jvirsh.pid()); // env and the launcher exec: this is jvirsh's JVM

        assertThat(jvirsh.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("jvirsh stderr: " + err.toString().replace("\r", "\\r"));
        assertThat(jvirsh.exitValue()).as("virsh's: that of the script's last command, list").isZero();
        assertThat(err.toString()).matches("(?s)(\\rSave: \\[[ 0-9]{3} %\\])+"
                + "error: Failed to save domain 'big' to " + java.util.regex.Pattern.quote(image.toString()) + "\\n"
                + "error: operation aborted: domain save job: canceled by client\\n");
        assertThat(out.toString()).contains("Domain 'big' created from").containsPattern(" 1 +big +running");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("neither the image nor its partial file").containsExactlyInAnyOrder("big.xml", "root");
        }

        // The guest ran on. Its core dump (QEMU's migration stream, as libvirt's default) is aborted the same way.
        Path core = dir.resolve("big.core");
        Process dump = start(pb, "dump --verbose big " + core);
        StringBuffer dumpErr = drain(dump.getErrorStream());
        drain(dump.getInputStream());
        awaitTrue("a progress record of the running dump", () -> records(dumpErr, "Dump") >= 1);
        signal("INT", dump.pid());
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).isEqualTo(1);
        assertThat(dumpErr.toString()).matches("(?s)(\\rDump: \\[[ 0-9]{3} %\\])+"
                + "error: Failed to core dump domain 'big' to " + java.util.regex.Pattern.quote(core.toString()) + "\\n"
                + "error: operation aborted: domain core dump job: canceled by client\\n");
        assertThat(core).doesNotExist();

        // A memory-only dump (an ELF core) shows its progress, ends at 100 %, and cannot be aborted.
        Process elf = new ProcessBuilder(LAUNCHER.toString(), "-c", uri,
                "dump --memory-only --verbose big " + core + "; destroy big").start();
        StringBuffer elfErr = drain(elf.getErrorStream());
        StringBuffer elfOut = drain(elf.getInputStream());
        assertThat(elf.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(elf.exitValue()).as(elfErr.toString()).isZero();
        assertThat(elfErr.toString()).matches("(\\rDump: \\[[ 0-9]{3} %\\])*\\rDump: \\[100 %\\]");
        assertThat(elfOut.toString()).contains("Domain 'big' dumped to " + core, "Domain 'big' destroyed");
        assertThat(Files.size(core)).isGreaterThan(512L << 20);
    }

    /** Another jvirsh like {@code template} (same PATH and environment), running {@code script}. */
    private static Process start(ProcessBuilder template, String script) throws IOException {
        List<String> command = new java.util.ArrayList<>(template.command());
        command.set(command.size() - 1, script);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(template.environment());
        return pb.start();
    }

    private static String guest(String name, int mib) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>" + mib + "</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>";
    }

    private static int records(StringBuffer err, String label) {
        return err.toString().split("\r" + label + ": \\[", -1).length - 1;
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    private static StringBuffer drain(InputStream in) {
        StringBuffer text = new StringBuffer();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return text;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("waited 30 s for " + what);
    }
}
