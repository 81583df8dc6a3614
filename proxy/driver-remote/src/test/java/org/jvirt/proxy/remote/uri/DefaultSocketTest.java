package org.jvirt.proxy.remote.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unix URI without {@code ?socket=} reaches the daemon at libvirt's default socket: a client process runs in a
 * private mount namespace whose {@code /run/libvirt} is jvirtd's socket directory, so that jvirtd listens at
 * {@code /var/run/libvirt/libvirt-sock} (and {@code -sock-ro}) for it alone.
 */
class DefaultSocketTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultSocketsReachTheDaemonThere() throws Exception {
        Libvirtd.require("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "a private mount namespace (unshare, as root) puts a daemon at libvirt's default socket");
        try (RunningJvirtd jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")))) {
            Path run = jvirtd.socket().getParent();
            assertThat(client(run, "test+unix:///default", false)).isEqualTo("type TEST");
            assertThat(client(run, "qemu+unix:///system?name=test:///default", true)).isEqualTo("type TEST");
            Files.delete(jvirtd.readOnlySocket());
            assertThat(client(run, "test+unix:///default", true)).isEqualTo(
                    "error Failed to connect socket to '/var/run/libvirt/libvirt-sock-ro': No such file or directory");
        }
    }

    /** What a client in a namespace whose /run/libvirt is {@code run} says when it opens {@code uri}. */
    private static String client(Path run, String uri, boolean readOnly) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs tmpfs /run && mkdir /run/libvirt && mount --bind \"$0\" /run/libvirt && exec \"$@\"",
                run.toString(), java.toString(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), OpenAndSay.class.getName(), uri, readOnly ? "ro" : "rw");
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.startsWith("type ") || l.startsWith("error ")).findFirst().orElse(out);
    }
}
