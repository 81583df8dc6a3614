package org.jvirt.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsRet;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainDestroyArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/** The daemon's first promises, through the least client: sockets and their modes, open, list, info, the read-only refusal. */
class DaemonSmokeTest {
    @Test
    void servesTheTestDriverOnBothSockets(@TempDir Path dir) throws Exception {
        try (RunningJvirtd d = RunningJvirtd.start(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.socket()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.readOnlySocket()))).isEqualTo("rw-rw-rw-");
            try (RpcClient rw = new RpcClient(d.socket()); RpcClient ro = new RpcClient(d.readOnlySocket())) {
                // before CONNECT_OPEN there is no connection, as libvirtd says
                Message early = rw.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE, new byte[0]);
                assertThat(early.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_ERROR);
                assertThat(early.payload(VirNetMessageError.CODEC).message()).contains("internal error: hypervisor connection not open");

                for (RpcClient c : new RpcClient[] {rw, ro}) {
                    Message open = c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN,
                            RemoteConnectOpenArgs.CODEC.toBytes(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
                    assertThat(open.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
                }
                RemoteConnectListAllDomainsRet all = rw.call(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                        RemoteConnectListAllDomainsArgs.CODEC.toBytes(new RemoteConnectListAllDomainsArgs(1, 0)))
                        .payload(RemoteConnectListAllDomainsRet.CODEC);
                assertThat(all.domains()).extracting(RemoteNonnullDomain::name).containsExactly("test");
                RemoteNonnullDomain test = all.domains().get(0);
                assertThat(test.id()).isEqualTo(1);

                RemoteDomainGetInfoRet info = ro.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO,
                        RemoteDomainGetInfoArgs.CODEC.toBytes(new RemoteDomainGetInfoArgs(test))).payload(RemoteDomainGetInfoRet.CODEC);
                assertThat(info.state()).isEqualTo((byte) 1);
                assertThat(info.maxMem()).isEqualTo(8388608L);

                Message refused = ro.call(RemoteProcedure.REMOTE_PROC_DOMAIN_DESTROY,
                        RemoteDomainDestroyArgs.CODEC.toBytes(new RemoteDomainDestroyArgs(test)));
                VirNetMessageError e = refused.payload(VirNetMessageError.CODEC);
                assertThat(e.code()).isEqualTo(29);
                assertThat(e.message()).contains("operation forbidden: read only access prevents virDomainDestroy");

                Message unknown = rw.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE, new byte[0]);
                assertThat(unknown.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            }
        }
    }
}
