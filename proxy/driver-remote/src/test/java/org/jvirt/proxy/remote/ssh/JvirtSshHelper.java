package org.jvirt.proxy.remote.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * jvirt's far-side helper as a host would run it: the launcher at the root of the tree, running
 * {@code proxy/daemon/target/jvirtd.jar}, which the reactor builds before this module's tests.
 */
final class JvirtSshHelper {
    /** The launcher, {@code ./jvirt-ssh-helper} at the root of the tree. */
    static final Path LAUNCHER = Path.of("../../jvirt-ssh-helper").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("../daemon/target/jvirtd.jar").toAbsolutePath().normalize();

    private JvirtSshHelper() {
    }

    /** Skips (or, in CI, fails) the test when the launcher's jar is not built, or too old to hold the helper. */
    static void require() {
        boolean built;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            built = jar.getEntry("org/jvirt/proxy/daemon/SshHelper.class") != null;
        } catch (IOException e) {
            built = false;
        }
        Libvirtd.require(Files.isExecutable(LAUNCHER) && built, JAR + " with jvirt-ssh-helper is not built (build the"
                + " reactor: ./mvnw -o verify -pl proxy/daemon,proxy/driver-remote)");
    }
}
