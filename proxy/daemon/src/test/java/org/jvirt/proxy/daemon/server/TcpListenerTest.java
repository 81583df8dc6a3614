package org.jvirt.proxy.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectGetTypeRet;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/** TCP is off unless configured; on, it serves the same protocol on loopback; stopping removes the unix sockets. */
class TcpListenerTest {
    @Test
    void tcpServesWhenConfiguredAndStopCleansUp(@TempDir Path dir) throws Exception {
        try (RunningJvirtd d = RunningJvirtd.start(dir.resolve("off"))) {
            assertThat(d.daemon().tcpAddress()).isEmpty();
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        DaemonConfig c = DaemonConfig.defaults(dir.resolve("on"));
        DaemonConfig tcp = new DaemonConfig(c.socketDir(), c.readWritePerms(), c.readOnlyPerms(), true, "127.0.0.1", port,
                c.maxClients(), c.maxWorkers(), c.maxClientRequests(), c.keepaliveInterval(), c.keepaliveCount(),
                c.shutdownTimeoutSeconds());
        RunningJvirtd d = RunningJvirtd.start(tcp);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET)) {
            assertThat(d.daemon().tcpAddress()).contains(new InetSocketAddress("127.0.0.1", port));
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            FrameReader in = new FrameReader(ch);
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                    new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).writeTo(ch);
            assertThat(in.next().orElseThrow().header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE, 1, new byte[0]).writeTo(ch);
            assertThat(in.next().orElseThrow().payload(RemoteConnectGetTypeRet.CODEC).type()).isEqualTo("TEST");
        } finally {
            d.close();
        }
        assertThat(Files.exists(tcp.readWriteSocket())).isFalse();
        assertThat(Files.exists(tcp.readOnlySocket())).isFalse();
    }
}
