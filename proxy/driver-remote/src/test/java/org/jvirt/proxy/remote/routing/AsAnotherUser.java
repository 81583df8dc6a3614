package org.jvirt.proxy.remote.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * Runs {@link RoutingProbe} as the user {@code nobody} (uid 65534), in a private mount namespace whose
 * {@code /run} is empty but for {@code /run/libvirt}, bound to a directory of the test's: libvirt's system
 * sockets are then the test's daemon's, and the machine's own daemons change nothing. The test's class path
 * is copied where {@code nobody} can read it (the build's repository is root's alone).
 */
final class AsAnotherUser {
    static final int NOBODY = 65534;
    /** The copied class path, once made. */
    private static String classPath;

    private AsAnotherUser() {
    }

    /** Skips (or fails under JVIRT_REQUIRE_PEERS) where the test cannot change users and namespaces. */
    static void require() {
        Libvirtd.require("root".equals(System.getProperty("user.name"))
                        && Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running a client as another user in a private mount namespace needs root, unshare and setpriv");
    }

    /**
     * The probe's output lines as {@code nobody}, with {@code run} as {@code /run/libvirt} (null: none) and
     * {@code env} added to a bare environment.
     */
    static List<String> probe(Path run, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs tmpfs /run && mkdir /run/libvirt && { [ -z \"$0\" ] || mount --bind \"$0\" /run/libvirt; }"
                        + " && exec \"$@\"",
                run == null ? "" : run.toString(),
                "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env", "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(java.toString(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                RoutingProbe.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the probe ended: %s", out).isTrue();
        return out.lines().toList();
    }

    /** A directory {@code nobody} owns, for its runtime and home directories. */
    static Path ownedByNobody(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:uid", NOBODY);
        Files.setAttribute(dir, "unix:gid", NOBODY);
        return dir;
    }

    /** This JVM's class path, copied once into a directory everyone may read. */
    private static synchronized String classPath() throws IOException {
        if (classPath == null) {
            Path dir = Files.createTempDirectory("jvirt-cp-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path from = Path.of(entry);
                if (!Files.exists(from)) {
                    continue;
                }
                Path to = dir.resolve(i++ + "-" + from.getFileName());
                copy(from, to);
                entries.add(to.toString());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    System.err.println("could not remove " + dir + ": " + e.getMessage());
                }
            }));
            classPath = String.join(File.pathSeparator, entries);
        }
        return classPath;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(p -> {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(p, target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
