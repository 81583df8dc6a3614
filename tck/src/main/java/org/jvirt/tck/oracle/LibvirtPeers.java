package org.jvirt.tck.oracle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The peers an oracle test needs: libvirt's reference corpus (read where the system property
 * {@code jvirt.corpus} points, never copied into a project) and python3-libvirt. When one is absent
 * the calling test is skipped with the reason printed — or fails, when the environment variable
 * {@code JVIRT_REQUIRE_PEERS} is set, as CI sets it. Stateless.
 */
public final class LibvirtPeers {
    /** The Python interpreter the oracle scripts run with (Debian's, which python3-libvirt extends). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private LibvirtPeers() {
    }

    /**
     * The corpus root.
     *
     * @param what the test or comparison that needs it, for the message
     * @return the directory holding {@code v0.4.4/}, {@code v5.5.0/}...; never null (the test stops otherwise)
     */
    public static Path corpus(String what) {
        String property = System.getProperty("jvirt.corpus");
        Path root = property == null ? null : Path.of(property).toAbsolutePath().normalize();
        if (root != null && Files.isDirectory(root.resolve("v0.4.4"))) {
            return root;
        }
        unavailable("libvirt corpus not available for " + what + " ("
                + (property == null ? "system property jvirt.corpus is not set" : root + " is not the corpus")
                + "; expected ../shared/libvirt-corpus next to the project)");
        return null;
    }

    /**
     * Returns when {@link #PYTHON} can import {@code libvirt}; otherwise skips or fails the calling test.
     *
     * @param what the comparison that needs it, for the message
     * @throws InterruptedException when interrupted while asking Python
     * @throws java.io.IOException when Python cannot be started
     */
    public static void requirePythonLibvirt(String what) throws java.io.IOException, InterruptedException {
        String why = null;
        if (!Files.isExecutable(PYTHON)) {
            why = PYTHON + " is not installed";
        } else {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import libvirt").redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why = "python3-libvirt is not installed for " + PYTHON;
            }
        }
        if (why != null) {
            unavailable(what + " needs python3-libvirt: " + why + " (Debian: apt-get install python3-libvirt)");
        }
    }

    /**
     * Ends the calling test for want of a peer: skipped with {@code reason} printed, or failed under
     * {@code JVIRT_REQUIRE_PEERS}.
     *
     * @param reason what is missing and how to get it
     */
    public static void unavailable(String reason) {
        if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
            Assertions.fail(reason + ", and JVIRT_REQUIRE_PEERS is set");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
