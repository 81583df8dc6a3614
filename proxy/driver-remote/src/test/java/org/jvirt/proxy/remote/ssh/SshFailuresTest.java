package org.jvirt.proxy.remote.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh that fails says why in ssh's own words: the host unknown, the key refused, the host key unverified, no helper
 * on the far side, no daemon behind the helper, no ssh client at all.
 */
class SshFailuresTest {
    @TempDir
    static Path dir;
    /** A host with libvirt's helper and netcat, and no daemon running. */
    static SshServer noDaemon;
    /** A host with nothing but a shell. */
    static SshServer bare;
    /** A host with jvirt's helper, and no daemon running. */
    static SshServer jvirtNoDaemon;

    @BeforeAll
    static void start() throws Exception {
        SshServer.require();
        noDaemon = SshServer.builder(Files.createDirectories(dir.resolve("no-daemon"))).start();
        bare = SshServer.builder(Files.createDirectories(dir.resolve("bare")))
                .farSidePath(SshServer.tools(dir.resolve("bare-bin"), "sh")).start();
        jvirtNoDaemon = SshServer.builder(Files.createDirectories(dir.resolve("jvirt")))
                .farSidePath(SshServer.tools(dir.resolve("jvirt-bin"), "sh", "readlink", "java", "jvirt-ssh-helper"))
                .start();
    }

    @AfterAll
    static void stop() {
        for (SshServer s : new SshServer[] {noDaemon, bare, jvirtNoDaemon}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** The error opening {@code uri}: the end of ssh's stream, with what ssh said. */
    private static String failure(String uri) {
        VirtException e = catchThrowableOfType(() -> {
            try (Connection c = Jvirt.builder().uri(uri).open()) {
                c.type();
            }
        }, VirtException.class);
        assertThat(e).as(uri + " opened").isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.SYSTEM_ERROR);
        return e.getMessage();
    }

    @Test
    void unknownHost() {
        String uri = noDaemon.uri("test", "/default").replace("127.0.0.1", "no-such-host.invalid");
        assertThat(failure(uri)).startsWith("End of file while reading data: ")
                .contains("ssh: Could not resolve hostname no-such-host.invalid");
    }

    @Test
    void keyRefused() {
        assertThat(failure(noDaemon.uri("test", "/default", "keyfile=" + noDaemon.otherKey())))
                .contains("root@127.0.0.1: Permission denied (publickey).");
    }

    @Test
    void hostKeyNotVerifiedInBatchMode() {
        assertThat(failure(noDaemon.uri("test", "/default", "no_verify=0"))).contains("Host key verification failed.");
    }

    @Test
    void noHelperOnTheFarSide() {
        assertThat(failure(bare.uri("test", "/default"))).contains("sh: 1: nc: not found");
        assertThat(failure(bare.uri("test", "/default", "proxy=native"))).contains("sh: 1: virt-ssh-helper: not found");
        assertThat(failure(noDaemon.uri("test", "/default", "socket=/run/libvirt/libvirt-sock", "netcat=/nonexistent/nc")))
                .contains("sh: 1: /nonexistent/nc: not found");
    }

    @Test
    void noDaemonBehindTheHelper() {
        assertThat(failure(noDaemon.uri("qemu", "/system"))).contains("virt-ssh-helper: cannot connect to "
                + "'/var/run/libvirt/libvirt-sock': Failed to connect socket to '/var/run/libvirt/libvirt-sock': "
                + "No such file or directory");
        assertThat(failure(noDaemon.uri("qemu", "/system", "socket=/run/libvirt/nothing-here")))
                .contains("nc: /run/libvirt/nothing-here: No such file or directory");
    }

    @Test
    void noDaemonBehindJvirtsHelper() {
        JvirtSshHelper.require();
        assertThat(failure(jvirtNoDaemon.uri("qemu", "/system"))).contains("jvirt-ssh-helper: cannot connect to "
                + "'/run/libvirt/libvirt-sock': Failed to connect socket to '/run/libvirt/libvirt-sock': "
                + "No such file or directory");
    }

    @Test
    void noSshClient() {
        String uri = noDaemon.uri("test", "/default", "command=/nonexistent/ssh");
        assertThat(failure(uri)).isEqualTo("Cannot find '/nonexistent/ssh' in path: No such file or directory");
    }
}
