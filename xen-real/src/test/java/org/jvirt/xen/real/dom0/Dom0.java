package org.jvirt.xen.real.dom0;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jvirt.tck.oracle.LibvirtPeers;

/**
 * The test machine's dom0 as its tests see it from the host's root, where they run chrooted: dom0's own Xen
 * tools run through {@code chroot $JVIRT_DOM0_ROOT} (dom0-init.sh sets it, and the guest's xl configuration
 * {@code JVIRT_GUEST_CONFIG}). Outside that dom0 a test stops here: skipped with the reason, or failed under
 * {@code JVIRT_REQUIRE_PEERS}.
 */
final class Dom0 {
    /** How long one tool may take: xl create of the small guest takes ~6 s under TCG. */
    private static final Duration TOOL_LIMIT = Duration.ofSeconds(120);
    /** Between two looks at what a tool reports: each look is a process, a few tens of ms under TCG. */
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);

    private Dom0() {
    }

    /** dom0's root seen from the chroot; the test stops when this is not the test machine's dom0. */
    static Path root() {
        String root = System.getenv("JVIRT_DOM0_ROOT");
        if (root == null || !Files.isDirectory(Path.of(root))) {
            LibvirtPeers.unavailable("not in the real-Xen test machine's dom0 (JVIRT_DOM0_ROOT is "
                    + (root == null ? "not set" : root + ", no directory")
                    + "): these tests run there, started by the host's RealXenTest");
        }
        return Path.of(root);
    }

    /** The xl configuration of the test guest. */
    static Path guestConfig() {
        root();
        return Path.of(System.getenv("JVIRT_GUEST_CONFIG"));
    }

    /** Runs dom0's {@code tool} (xl, xentop, ...) and answers its standard output; fails when it fails. */
    static String run(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of("chroot", root().toString(), tool));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("dom0-tool", ".out");
            Path err = Files.createTempFile("dom0-tool", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(TOOL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command) + " did not end within " + TOOL_LIMIT.toSeconds() + " s");
                }
                String answer = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    fail(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                            + Files.readString(err, StandardCharsets.UTF_8).trim() + "\n" + answer);
                }
                return answer;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} when it did not within {@code limit}. */
    static void until(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(POLL_PAUSE.toNanos());
        }
    }
}
