package org.jvirt.proxy.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.remote.RemoteConnectSupportsFeatureArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectSupportsFeatureRet;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * libvirt's keepalive program: a PING is answered with a PONG at once; a client that asked for keepalive
 * ({@code CONNECT_SUPPORTS_FEATURE} with {@code VIR_DRV_FEATURE_PROGRAM_KEEPALIVE}) and then stops answering
 * is pinged {@code keepalive_count} times and dropped, as libvirtd drops it.
 */
class KeepaliveTest {
    @Test
    void pingsAreAnsweredAndASilentClientIsDropped(@TempDir Path dir) throws Exception {
        DaemonConfig fast = new DaemonConfig(dir, DaemonConfig.defaults(dir).readWritePerms(), DaemonConfig.defaults(dir).readOnlyPerms(),
                false, "127.0.0.1", 16509, 10, 2, 5, 1, 2, 5);
        try (RunningJvirtd d = RunningJvirtd.start(fast); SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(d.socket()));
            FrameReader in = new FrameReader(c);

            keepalive(KeepaliveProcedure.KEEPALIVE_PROC_PING).writeTo(c);
            VirNetMessageHeader pong = in.next().orElseThrow().header();
            assertThat(pong.prog()).isEqualTo(KeepaliveProcedure.PROGRAM);
            assertThat(pong.proc()).isEqualTo(KeepaliveProcedure.KEEPALIVE_PROC_PONG.number());
            assertThat(pong.type()).isEqualTo(VirNetMessageType.VIR_NET_MESSAGE);

            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, 0, RemoteConnectSupportsFeatureArgs.CODEC,
                    new RemoteConnectSupportsFeatureArgs(10)).writeTo(c);
            assertThat(in.next().orElseThrow().payload(RemoteConnectSupportsFeatureRet.CODEC).supported()).isEqualTo(1);

            // now silent: the daemon pings twice, then hangs up (the read ends; the build's timeout bounds it)
            List<Integer> pings = new ArrayList<>();
            Optional<Message> m;
            while ((m = in.next()).isPresent()) {
                pings.add(m.get().header().proc());
            }
            assertThat(pings).containsExactly(1, 1);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (d.daemon().clientCount() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the session ends just after it closes the socket
            }
            assertThat(d.daemon().clientCount()).isZero();
        }
    }

    private static Message keepalive(KeepaliveProcedure p) {
        return new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION, p.number(),
                VirNetMessageType.VIR_NET_MESSAGE, 0, VirNetMessageStatus.VIR_NET_OK), new byte[0]);
    }
}
