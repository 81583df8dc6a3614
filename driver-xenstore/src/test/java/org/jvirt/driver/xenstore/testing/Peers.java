package org.jvirt.driver.xenstore.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the real things the integration tests need are installed: Debian's C xenstored
 * ({@code xen-utils-4.17}), gcc and the Xen headers ({@code libxen-dev}) for the shim, and the clients
 * of {@code xenstore-utils}. Absent, a test is skipped with the reason printed — unless
 * {@code JVIRT_REQUIRE_PEERS} is set (as CI does), which makes it fail.
 */
public final class Peers {
    public static final Path XENSTORED = Path.of("/usr/lib/xen-4.17/bin/xenstored");
    private static final Path XENCTRL_H = Path.of("/usr/include/xenctrl.h");

    private Peers() {
    }

    /** Stops the test (skipped, or failed under JVIRT_REQUIRE_PEERS) unless xenstored can run here. */
    public static void requireXenstored() {
        require(Files.isExecutable(XENSTORED), XENSTORED + " is not installed (Debian: apt-get install xen-utils-4.17)");
        require(onPath("gcc") != null, "gcc is not installed, and the xenstored shim must be compiled"
                + " (Debian: apt-get install gcc)");
        require(Files.isRegularFile(XENCTRL_H), XENCTRL_H + " is missing, and the xenstored shim is compiled"
                + " against it (Debian: apt-get install libxen-dev)");
    }

    /** The path of one of Debian's xenstore clients, e.g. {@code xenstore-read}, or the test stops here. */
    public static Path client(String name) {
        Path p = onPath(name);
        require(p != null, name + " is not installed (Debian: apt-get install xenstore-utils)");
        return p;
    }

    private static void require(boolean ok, String why) {
        if (ok) {
            return;
        }
        if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
            fail(why + ", and JVIRT_REQUIRE_PEERS is set");
        }
        System.out.println("SKIPPED: " + why);
        assumeTrue(false, why);
    }

    private static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }
}
