package org.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the real QEMU the integration tests need is installed. Absent, a test is skipped with
 * the reason printed — unless {@code JVIRT_REQUIRE_PEERS} is set (as CI does), which makes it fail.
 */
public final class Peers {
    private Peers() {
    }

    /** The path of {@code qemu-system-NAME}, or the test stops here. */
    public static Path qemu(String target) {
        Path p = Path.of("/usr/bin/qemu-system-" + target);
        if (!Files.isExecutable(p)) {
            String why = p + " is not installed (Debian: apt-get install qemu-system-"
                    + (target.equals("aarch64") || target.equals("arm") ? "arm" : "x86") + ")";
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                fail(why + ", and JVIRT_REQUIRE_PEERS is set");
            }
            System.out.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        return p;
    }

    public static Path x86() {
        return qemu("x86_64");
    }
}
