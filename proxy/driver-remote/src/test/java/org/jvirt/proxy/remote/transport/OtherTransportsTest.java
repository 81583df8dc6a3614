package org.jvirt.proxy.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.protocol.Libvirtd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unix, tcp and ext transports against real daemons, and how each says it cannot reach one. */
class OtherTransportsTest {
    @TempDir
    Path dir;

    private static void readsTheNode(String uri) {
        try (Connection c = Jvirt.builder().uri(uri).open()) {
            assertThat(c.type()).isEqualTo("TEST");
            assertThat(c.nodeInfo().cpus()).isEqualTo(16);
        }
    }

    private static VirtException failure(String uri) {
        VirtException e = catchThrowableOfType(() -> Jvirt.builder().uri(uri).open().close(), VirtException.class);
        assertThat(e).as(uri + " opened").isNotNull();
        return e;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void tcpToJvirtdsListenTcp() throws IOException {
        int port = freePort();
        DaemonConfig c = DaemonConfig.defaults(dir);
        DaemonConfig tcp = new DaemonConfig(c.socketDir(), c.readWritePerms(), c.readOnlyPerms(), true, "127.0.0.1", port,
                c.maxClients(), c.maxWorkers(), c.maxClientRequests(), c.keepaliveInterval(), c.keepaliveCount(),
                c.shutdownTimeoutSeconds());
        try (RunningJvirtd d = RunningJvirtd.start(tcp)) {
            readsTheNode("test+tcp://127.0.0.1:" + port + "/default");
        }
        VirtException e = failure("test+tcp://127.0.0.1:" + port + "/default");
        assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
        assertThat(e.getMessage()).isEqualTo("unable to connect to server at '127.0.0.1:" + port + "': Connection refused");
        assertThat(failure("test+tcp://no-such-host.invalid/default").getMessage())
                .isEqualTo("Unable to resolve address 'no-such-host.invalid' service '16509': Name or service not known");
    }

    @Test
    void unixToAGivenSocket() {
        try (RunningJvirtd d = RunningJvirtd.start(dir)) {
            readsTheNode("test+unix:///default?socket=" + d.socket());
        }
        Path gone = dir.resolve("libvirt-sock");
        VirtException e = failure("test+unix:///default?socket=" + gone);
        assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
        assertThat(e.getMessage()).isEqualTo("Failed to connect socket to '" + gone + "': No such file or directory");
    }

    @Test
    void extRunsTheCommandToLibvirtd() throws Exception {
        Libvirtd.require(Files.isExecutable(Path.of("/usr/bin/nc")), "nc is not installed (Debian: apt-get install netcat-openbsd)");
        try (Libvirtd d = Libvirtd.start(dir)) {
            readsTheNode("test+ext:///default?command=" + script("to-libvirtd", "exec nc -U " + d.socket()));
        }
        VirtException e = failure("test+ext:///default?command=" + script("refuses", "echo 'no daemon for you' >&2; exit 3"));
        assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
        assertThat(e.getMessage()).contains("no daemon for you");
    }
}
