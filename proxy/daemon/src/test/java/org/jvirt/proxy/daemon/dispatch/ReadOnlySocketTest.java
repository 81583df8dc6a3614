package org.jvirt.proxy.daemon.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProcedureTable;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.SampleArgs;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetVcpusFlagsArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.ReadOnlyAccess;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * jvirtd's read-only socket refuses every procedure the .x file's table marks as needing more than
 * reading — all of them, enumerated from the generated table, not listed by hand — and refuses each as
 * libvirtd refuses it on its own read-only socket: the same code, domain and whole message, compared
 * side by side. Nothing refused reaches a driver: the test domain is still there and running afterwards.
 */
class ReadOnlySocketTest {
    /** Calls libvirtd cannot be asked over this client (see ReadOnlyAgainstLibvirtdTest in proxy/protocol). */
    static final Set<String> UNASKABLE = Set.of("REMOTE_PROC_DOMAIN_OPEN_GRAPHICS", "REMOTE_PROC_DOMAIN_FD_ASSOCIATE",
            "REMOTE_PROC_AUTH_POLKIT");

    @Test
    void everyMutatingProcedureIsRefusedAsLibvirtdRefusesIt(@TempDir Path dir) throws Exception {
        try (RunningJvirtd jvirtd = RunningJvirtd.start(dir.resolve("jvirtd"));
             Libvirtd libvirtd = Libvirtd.start(dir.resolve("libvirtd"));
             RpcClient ours = new RpcClient(jvirtd.readOnlySocket());
             RpcClient theirs = new RpcClient(libvirtd.readOnlySocket())) {
            RemoteNonnullDomain dom = openAndFindTest(ours);
            RemoteNonnullDomain theirDom = openAndFindTest(theirs);
            List<String> differences = new ArrayList<>();
            Map<String, String> notComparable = new LinkedHashMap<>();
            int refused = 0;
            for (XdrProcedure p : ProcedureTable.remote().all()) {
                if (p.readOnlyAccess() != ReadOnlyAccess.DENIED || p.number() <= 2 || UNASKABLE.contains(p.constantName())) {
                    continue;
                }
                VirNetMessageError mine = error(ours.call(p, new SampleArgs(dom, false).payloadFor(p)), p);
                assertThat(mine.code()).as(p.constantName()).isEqualTo(29);
                refused++;
                VirNetMessageError libvirts = refusal(theirs, p, theirDom);
                if (libvirts == null) {
                    notComparable.put(p.constantName(), "libvirtd checks its arguments first");
                    assertThat(mine.message().orElseThrow()).startsWith("operation forbidden: read only access prevents vir");
                    continue;
                }
                if (mine.code() != libvirts.code() || mine.domain() != libvirts.domain()
                        || !mine.message().equals(libvirts.message())) {
                    differences.add(p.constantName() + ": jvirtd " + mine.code() + "/" + mine.domain() + " " + mine.message().orElse("")
                            + " | libvirtd " + libvirts.code() + "/" + libvirts.domain() + " " + libvirts.message().orElse(""));
                }
            }
            assertThat(differences).isEmpty();
            assertThat(refused).isEqualTo(ProcedureTable.remote().refusedOnReadOnly().stream()
                    .filter(p -> p.readOnlyAccess() == ReadOnlyAccess.DENIED && p.number() > 2 && !UNASKABLE.contains(p.constantName()))
                    .count()).isGreaterThan(150);
            assertThat(notComparable.size()).as("procedures libvirtd would not refuse for read-only access: %s", notComparable)
                    .isLessThan(refused / 10);

            // a conditional procedure: the XML without secrets is allowed, with them refused
            assertThat(ours.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC,
                    RemoteDomainGetXmlDescArgs.CODEC.toBytes(new RemoteDomainGetXmlDescArgs(dom, 0))).header().status())
                    .isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            VirNetMessageError secure = error(ours.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC,
                    RemoteDomainGetXmlDescArgs.CODEC.toBytes(new RemoteDomainGetXmlDescArgs(dom, 1))),
                    RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC);
            VirNetMessageError theirSecure = error(theirs.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC,
                    RemoteDomainGetXmlDescArgs.CODEC.toBytes(new RemoteDomainGetXmlDescArgs(theirDom, 1))),
                    RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC);
            assertThat(secure).isEqualTo(theirSecure);
            assertThat(secure.message()).contains("operation forbidden: virDomainGetXMLDesc with secure flag");

            // another: vCPU counts are read freely (VIR_DOMAIN_VCPU_MAXIMUM, 4, included), the guest's own count
            // (VIR_DOMAIN_VCPU_GUEST, 8) needs write access
            assertThat(ours.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS,
                    RemoteDomainGetVcpusFlagsArgs.CODEC.toBytes(new RemoteDomainGetVcpusFlagsArgs(dom, 4))).header().status())
                    .isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            VirNetMessageError guest = error(ours.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS,
                    RemoteDomainGetVcpusFlagsArgs.CODEC.toBytes(new RemoteDomainGetVcpusFlagsArgs(dom, 8))),
                    RemoteProcedure.REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS);
            VirNetMessageError theirGuest = error(theirs.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS,
                    RemoteDomainGetVcpusFlagsArgs.CODEC.toBytes(new RemoteDomainGetVcpusFlagsArgs(theirDom, 8))),
                    RemoteProcedure.REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS);
            assertThat(guest).isEqualTo(theirGuest);

            // nothing refused reached the driver
            assertThat(openAndFindTest(new RpcClient(jvirtd.socket())).id()).isEqualTo(1);
        }
    }

    private static RemoteNonnullDomain openAndFindTest(RpcClient c) throws Exception {
        Message open = c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN,
                RemoteConnectOpenArgs.CODEC.toBytes(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
        assertThat(open.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
        return c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME,
                RemoteDomainLookupByNameArgs.CODEC.toBytes(new RemoteDomainLookupByNameArgs("test")))
                .payload(RemoteDomainLookupByNameRet.CODEC).dom();
    }

    private static VirNetMessageError error(Message reply, XdrProcedure p) throws Exception {
        assertThat(reply.header().status()).as(p.constantName()).isEqualTo(VirNetMessageStatus.VIR_NET_ERROR);
        return reply.payload(VirNetMessageError.CODEC);
    }

    /** libvirtd's read-only refusal of {@code p}: with zero arguments, else with arguments that pass its checks; null if neither. */
    private static VirNetMessageError refusal(RpcClient c, XdrProcedure p, RemoteNonnullDomain dom) throws Exception {
        for (boolean rich : new boolean[] {false, true}) {
            Message r = c.call(p, new SampleArgs(dom, rich).payloadFor(p));
            if (r.header().status() == VirNetMessageStatus.VIR_NET_ERROR) {
                VirNetMessageError e = r.payload(VirNetMessageError.CODEC);
                if (e.code() == 29) {
                    return e;
                }
            }
        }
        return null;
    }
}
