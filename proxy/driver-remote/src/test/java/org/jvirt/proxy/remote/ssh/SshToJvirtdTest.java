package org.jvirt.proxy.remote.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvirtd reached over a real sshd on loopback, its sockets where libvirtd's would be on the far side: through
 * libvirt's virt-ssh-helper on a host that has libvirt too, and through jvirt-ssh-helper (the launcher at the root
 * of the tree) on a host that has neither libvirt nor netcat.
 */
class SshToJvirtdTest {
    @TempDir
    static Path dir;
    static RunningJvirtd jvirtd;
    static SshServer withLibvirt;
    static SshServer jvirtOnly;

    @BeforeAll
    static void start() throws Exception {
        SshServer.require();
        jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")));
        withLibvirt = SshServer.builder(Files.createDirectories(dir.resolve("host-with-libvirt")))
                .farSideRun(jvirtd.socket().getParent()).start();
        Path bin = SshServer.tools(dir.resolve("jvirt-bin"), "sh", "readlink", "java", "jvirt-ssh-helper");
        jvirtOnly = SshServer.builder(Files.createDirectories(dir.resolve("host-with-jvirt")))
                .farSideRun(jvirtd.socket().getParent()).farSidePath(bin).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {withLibvirt, jvirtOnly, jvirtd}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void readsTheNode(String uri, boolean readOnly) {
        try (Connection c = Jvirt.builder().uri(uri).readOnly(readOnly).open()) {
            assertThat(c.type()).isEqualTo("TEST");
            assertThat(c.nodeInfo().cpus()).isEqualTo(16);
            assertThat(c.hostname()).isNotEmpty();
        }
    }

    @Test
    void throughVirtSshHelper() {
        readsTheNode(withLibvirt.uri("test", "/default"), false);
        readsTheNode(withLibvirt.uri("test", "/default"), true);
    }

    @Test
    void throughJvirtSshHelper() {
        JvirtSshHelper.require();
        readsTheNode(jvirtOnly.uri("test", "/default"), false);
        readsTheNode(jvirtOnly.uri("test", "/default"), true);
    }

    @Test
    void aGivenSocketWithoutNetcatThroughJvirtSshHelper() {
        JvirtSshHelper.require();
        readsTheNode(jvirtOnly.uri("test", "/default", "socket=" + jvirtd.readOnlySocket()), true);
    }
}
