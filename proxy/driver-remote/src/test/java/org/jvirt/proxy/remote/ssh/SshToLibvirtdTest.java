package org.jvirt.proxy.remote.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.protocol.Libvirtd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's libvirtd (serving its test driver) reached over a real sshd on loopback, its sockets where libvirt
 * puts them on the far side: libvirt's virt-ssh-helper bridges by default, netcat with a socket or when asked.
 */
class SshToLibvirtdTest {
    @TempDir
    static Path dir;
    static Libvirtd libvirtd;
    static SshServer ssh;

    @BeforeAll
    static void start() throws Exception {
        SshServer.require();
        libvirtd = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")));
        ssh = SshServer.builder(dir).farSideRun(libvirtd.socket().getParent()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    private static void readsTheNode(String uri, boolean readOnly) {
        try (Connection c = Jvirt.builder().uri(uri).readOnly(readOnly).open()) {
            assertThat(c.type()).isEqualTo("TEST");
            assertThat(c.nodeInfo().cpus()).isEqualTo(16);
            assertThat(c.version()).isPositive();
            assertThat(c.hostname()).isNotEmpty();
        }
    }

    @Test
    void throughVirtSshHelper() {
        readsTheNode(ssh.uri("test", "/default"), false);
    }

    @Test
    void readOnlyThroughVirtSshHelper() {
        readsTheNode(ssh.uri("test", "/default"), true);
    }

    @Test
    void throughNetcatToAGivenSocket() {
        readsTheNode(ssh.uri("test", "/default", "socket=" + libvirtd.socket()), false);
    }

    @Test
    void closingTheConnectionEndsSsh() {
        List<ProcessHandle> clients;
        try (Connection c = Jvirt.builder().uri(ssh.uri("test", "/default")).open()) {
            assertThat(c.type()).isEqualTo("TEST");
            clients = sshClients();
            assertThat(clients).hasSize(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clients.get(0).isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(clients.get(0).isAlive()).as("ssh still runs after the connection closed").isFalse();
    }

    /** The ssh clients of this test's server: libvirt's command line names its port. */
    private static List<ProcessHandle> sshClients() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> List.of(a).containsAll(List.of("-p",
                        Integer.toString(ssh.port()), "127.0.0.1"))).orElse(false))
                .toList();
    }

    @Test
    void throughNetcatWhenAsked() {
        readsTheNode(ssh.uri("test", "/default", "proxy=netcat"), false);
        readsTheNode(ssh.uri("test", "/default", "netcat=nc"), true);
    }
}
