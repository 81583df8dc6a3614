package org.jvirt.proxy.remote.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.dispatch.ConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' read-only path and libvirt's session daemon, for a user without root ({@code nobody}, in a process
 * of its own):
 * <ul>
 *   <li>opening {@code qemu:///system} read-only, which jvirt's QEMU driver declines without root, reaches the
 *       system daemon through its read-only socket, as libvirt 0.4.4 reached its proxy: the listing is the
 *       daemon's, and a change is refused; read-write, the daemon's socket (root's alone) refuses the user;</li>
 *   <li>with no daemon at all, the user is told why, each driver's reason named;</li>
 *   <li>a session URI ({@code test+unix:///default}) starts the user's own jvirtd when none runs, and the next
 *       client finds it there.</li>
 * </ul>
 * The system daemon is jvirtd in this JVM (as root), its sockets at libvirt's default place in the client's
 * mount namespace; its {@code qemu:///system} keeps its state in the test's directory
 * ({@code qemu:///embed?root=DIR}), so that the machine's own is never touched.
 */
class NonRootRoutingTest {
    private static final String ROUTED_DOMAIN = """
            <domain type='qemu'>
              <name>routed</name>
              <memory unit='KiB'>65536</memory>
              <os><type arch='x86_64'>hvm</type></os>
            </domain>
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void require() {
        AsAnotherUser.require();
    }

    @Test
    void readOnlyQemuSystemWithoutRootGoesToTheSystemDaemonsReadOnlySocket() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        String embed = "qemu:///embed?root=" + dir.resolve("qemu");
        ConnectionFactory systemIsEmbedded = (uri, readOnly) -> Jvirt.builder()
                .uri("qemu:///system".equals(uri) ? embed : uri).readOnly(readOnly).open();
        try (RunningJvirtd system = RunningJvirtd.start(run, new AbstractModule() {
            @Override
            protected void configure() {
                bind(ConnectionFactory.class).toInstance(systemIsEmbedded);
            }
        })) {
            try (Connection root = Jvirt.open("qemu+unix:///system?socket=" + system.socket())) {
                root.defineDomain(ROUTED_DOMAIN);
            }
            List<String> ro = AsAnotherUser.probe(run, Map.of(), "qemu:///system", "ro", "destroy");
            assertThat(ro).as("%s", ro).contains("type QEMU", "domains routed",
                    "error OPERATION_DENIED operation forbidden: read only access prevents virDomainDestroy");

            List<String> rw = AsAnotherUser.probe(run, Map.of(), "qemu:///system", "rw");
            assertThat(rw).as("%s", rw).contains("error SYSTEM_ERROR Failed to connect socket to "
                    + "'/var/run/libvirt/libvirt-sock': Permission denied");
        }
    }

    @Test
    void withNoDaemonTheUserIsToldWhyByEveryDriver() throws Exception {
        List<String> out = AsAnotherUser.probe(null, Map.of(), "qemu:///system", "ro");
        assertThat(out).as("%s", out).anySatisfy(line -> assertThat(line)
                .startsWith("error NO_CONNECT no connection driver available for qemu:///system")
                .contains("qemu: qemu:///system needs root; without it the system daemon serves it")
                .contains("remote: no daemon serves it: no socket /var/run/libvirt/libvirt-sock-ro"));
    }

    @Test
    void aSessionUriStartsTheUsersOwnDaemonOnceAndTheNextClientFindsIt() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runtime = AsAnotherUser.ownedByNobody(dir.resolve("runtime"));
        Path home = AsAnotherUser.ownedByNobody(dir.resolve("home"));
        Path launcher = Path.of("../../jvirtd").toAbsolutePath().normalize();
        assertThat(launcher).as("the jvirtd launcher at the root of the tree").isExecutable();
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", runtime.toString(), "HOME", home.toString(),
                "JVIRTD", launcher.toString());
        Optional<Long> daemon = Optional.empty();
        try {
            List<String> first = AsAnotherUser.probe(null, env, "test+unix:///default", "rw");
            daemon = startedDaemon(first);
            assertThat(first).as("%s", first).contains("type TEST", "domains test");
            assertThat(daemon).as("the first client started the session daemon: %s", first).isPresent();
            assertThat(runtime.resolve("libvirt/libvirt-sock")).exists();
            assertThat(Files.getAttribute(runtime.resolve("libvirt/libvirt-sock"), "unix:uid")).isEqualTo(AsAnotherUser.NOBODY);

            List<String> second = AsAnotherUser.probe(null, env, "test+unix:///default", "rw");
            assertThat(second).as("%s", second).contains("type TEST", "domains test");
            assertThat(startedDaemon(second)).as("the second client found the first daemon: %s", second).isEmpty();
            assertThat(ProcessHandle.of(daemon.get())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        } finally {
            daemon.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
        }
    }

    private static final Pattern STARTED = Pattern.compile("started the session daemon .* \\(pid ([0-9]+)\\)");

    /** The pid of the session daemon the probe said it started. */
    private static Optional<Long> startedDaemon(List<String> out) {
        for (String line : out) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                return Optional.of(Long.parseLong(m.group(1)));
            }
        }
        return Optional.empty();
    }
}
