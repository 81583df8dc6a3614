package org.jvirt.proxy.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * A client that sends calls and never reads the replies holds up nobody else: its replies queue in its
 * own outbox while the workers go on answering others. (With blocking writes from the workers, a few such
 * clients would stop every worker, and the daemon with them.)
 */
class NonReadingClientTest {
    @Test
    void aClientThatDoesNotReadStopsNobodyElse(@TempDir Path dir) throws Exception {
        // two workers, five calls in flight per client: blocked writes of the deaf client would take them both
        DaemonConfig c = DaemonConfig.defaults(dir);
        DaemonConfig twoWorkers = new DaemonConfig(dir, c.readWritePerms(), c.readOnlyPerms(), false, "127.0.0.1", 16509,
                c.maxClients(), 2, 5, c.keepaliveInterval(), c.keepaliveCount(), c.shutdownTimeoutSeconds());
        ExecutorService answers = Executors.newSingleThreadExecutor();
        try (RunningJvirtd d = RunningJvirtd.start(twoWorkers);
             SocketChannel deaf = SocketChannel.open(StandardProtocolFamily.UNIX);
             RpcClient other = new RpcClient(d.socket())) {
            deaf.connect(UnixDomainSocketAddress.of(d.socket()));
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                    new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).writeTo(deaf);
            // far more replies than the socket's buffers hold (each capabilities document is kilobytes)
            byte[] call = Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_CAPABILITIES, 1, new byte[0]).toFrame();
            ByteBuffer calls = ByteBuffer.allocate(call.length * 4000);
            for (int i = 0; i < 4000; i++) {
                calls.put(call);
            }
            calls.flip();
            while (calls.hasRemaining()) {
                deaf.write(calls);
            }
            Future<Integer> served = answers.submit(() -> {
                Message open = other.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN,
                        RemoteConnectOpenArgs.CODEC.toBytes(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
                assertThat(open.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
                int ok = 0;
                for (int i = 0; i < 100; i++) {
                    if (other.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_CAPABILITIES, new byte[0]).header().status()
                            == VirNetMessageStatus.VIR_NET_OK) {
                        ok++;
                    }
                }
                return ok;
            });
            // bounded: a daemon whose workers hang on the deaf client would never answer
            assertThat(served.get(60, TimeUnit.SECONDS)).isEqualTo(100);
        } finally {
            answers.shutdownNow();
        }
    }
}
