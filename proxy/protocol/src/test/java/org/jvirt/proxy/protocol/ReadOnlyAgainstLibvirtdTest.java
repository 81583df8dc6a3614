package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.ReadOnlyAccess;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * The table's read-only verdicts put to libvirtd itself: every procedure is called on its read-only
 * socket, with arguments built from the generated records, and libvirt's answer must agree — a
 * DENIED procedure is refused with VIR_ERR_OPERATION_DENIED (29, "read only access prevents ..."),
 * an ALLOWED or CONDITIONAL one (without its flags) never is.
 */
class ReadOnlyAgainstLibvirtdTest {
    static final int VIR_ERR_OPERATION_DENIED = 29;

    /**
     * Calls whose answer says nothing about read-only access: two carry file descriptors, which this
     * client does not pass; libvirtd fails AUTH_POLKIT without setting an error, so its reply repeats
     * whatever error the worker thread last had.
     */
    static final Set<String> UNASKABLE = Set.of("REMOTE_PROC_DOMAIN_OPEN_GRAPHICS", "REMOTE_PROC_DOMAIN_FD_ASSOCIATE",
            "REMOTE_PROC_AUTH_POLKIT");

    /** Where jvirt is stricter than libvirt, on purpose. */
    static final Map<String, String> STRICTER = Map.of("REMOTE_PROC_CONNECT_SET_IDENTITY",
            "libvirtd lets a read-only client set the identity it acts for; its ACL (connect:write) says it must not");

    @Test
    void everyVerdictIsLibvirtds(@TempDir Path dir) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try (Libvirtd d = Libvirtd.start(dir); RpcClient c = new RpcClient(d.readOnlySocket())) {
            Message open = c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN,
                    RemoteConnectOpenArgs.CODEC.toBytes(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
            assertThat(open.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            RemoteNonnullDomain dom = c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME,
                    RemoteDomainLookupByNameArgs.CODEC.toBytes(new RemoteDomainLookupByNameArgs("test")))
                    .payload(RemoteDomainLookupByNameRet.CODEC).dom();
            List<String> disagreements = new ArrayList<>();
            int refused = 0;
            int let = 0;
            for (XdrProcedure p : ProcedureTable.remote().all()) {
                if (p.number() <= 2 || UNASKABLE.contains(p.constantName())) {
                    continue; // opening and closing are the session itself
                }
                boolean denied = isRefused(ex, c, p, new SampleArgs(dom, false));
                if (!denied && p.readOnlyAccess() == ReadOnlyAccess.DENIED) {
                    // libvirt checks some arguments before access: give it arguments that pass
                    denied = isRefused(ex, c, p, new SampleArgs(dom, true));
                }
                boolean expected = p.readOnlyAccess() == ReadOnlyAccess.DENIED && !STRICTER.containsKey(p.constantName());
                if (denied != expected) {
                    disagreements.add(p.constantName() + " is " + p.readOnlyAccess() + " in the table, libvirtd "
                            + (denied ? "refuses it" : "lets it through"));
                }
                if (denied) {
                    refused++;
                } else {
                    let++;
                }
            }
            // a CONDITIONAL procedure is refused when its flag is set: VIR_DOMAIN_XML_SECURE (1) on GET_XML_DESC
            assertThat(refusedXmlDesc(c, dom, 0)).isFalse();
            assertThat(refusedXmlDesc(c, dom, 1)).isTrue();
            assertThat(ProcedureTable.remote().allowedOnReadOnly(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC.number(), 1,
                    f -> f.equals("VIR_DOMAIN_XML_SECURE") ? 1 : 8)).isFalse();
            assertThat(disagreements).isEmpty();
            assertThat(refused).isGreaterThan(150);
            assertThat(let).isGreaterThan(200);
        } finally {
            ex.shutdownNow();
        }
    }

    private static boolean refusedXmlDesc(RpcClient c, RemoteNonnullDomain dom, int flags) throws Exception {
        Message r = c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC,
                RemoteDomainGetXmlDescArgs.CODEC.toBytes(new RemoteDomainGetXmlDescArgs(dom, flags)));
        return r.header().status() == VirNetMessageStatus.VIR_NET_ERROR
                && r.payload(VirNetMessageError.CODEC).code() == VIR_ERR_OPERATION_DENIED;
    }

    private static boolean isRefused(ExecutorService ex, RpcClient c, XdrProcedure p, SampleArgs a) throws Exception {
        byte[] payload = a.payloadFor(p);
        Future<Message> f = ex.submit(() -> c.call(p, payload));
        Message reply;
        try {
            reply = f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("libvirtd did not answer " + p.constantName(), e);
        }
        if (reply.header().status() != VirNetMessageStatus.VIR_NET_ERROR) {
            return false;
        }
        VirNetMessageError err = reply.payload(VirNetMessageError.CODEC);
        // "read only access prevents virDomainSuspend" must name this procedure's API, not an error
        // left over on the daemon's worker thread
        String api = err.message().orElse("").replaceFirst("^.*read only access prevents vir", "");
        String procedure = p.constantName().substring("REMOTE_PROC_".length()).replace("_", "");
        return err.code() == VIR_ERR_OPERATION_DENIED && api.equalsIgnoreCase(procedure);
    }
}
