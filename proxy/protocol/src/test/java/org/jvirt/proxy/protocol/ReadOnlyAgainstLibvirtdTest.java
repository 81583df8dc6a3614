package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
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
                boolean denied = isRefused(ex, c, p, new Args(dom, false));
                if (!denied && p.readOnlyAccess() == ReadOnlyAccess.DENIED) {
                    // libvirt checks some arguments before access: give it arguments that pass
                    denied = isRefused(ex, c, p, new Args(dom, true));
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

    private static boolean isRefused(ExecutorService ex, RpcClient c, XdrProcedure p, Args a) throws Exception {
        byte[] payload = p.argsCodec().isEmpty() ? new byte[0]
                : Payloads.encode(p.argsCodec().get(), a.make(p.argsCodec().get().getClass().getEnclosingClass()));
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

    /** Arguments built from a generated record: zero values, or ones that pass libvirt's argument checks. */
    record Args(RemoteNonnullDomain dom, boolean rich) {
        Object make(Type type) throws ReflectiveOperationException {
            Class<?> t = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
            Type inner = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : null;
            if (t == RemoteNonnullDomain.class) {
                return dom;
            }
            if (t == int.class) {
                return rich ? 1 : 0;
            }
            if (t == long.class) {
                return rich ? 1L : 0L;
            }
            if (t == short.class) {
                return (short) 0;
            }
            if (t == byte.class) {
                return (byte) 0;
            }
            if (t == boolean.class) {
                return false;
            }
            if (t == double.class) {
                return 0d;
            }
            if (t == String.class) {
                return rich ? "x" : "";
            }
            if (t == Optional.class) {
                return rich ? Optional.of(make(inner)) : Optional.empty();
            }
            if (t == List.class) {
                return rich ? List.of(make(inner)) : List.of();
            }
            if (t.isSealed()) {
                return make(t.getPermittedSubclasses()[0]);
            }
            if (t.isEnum()) {
                return t.getEnumConstants()[0];
            }
            if (t.isRecord()) {
                RecordComponent[] rc = t.getRecordComponents();
                Object[] values = new Object[rc.length];
                Class<?>[] types = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    types[i] = rc[i].getType();
                    values[i] = rc[i].getType() == byte[].class ? bytes(rc[i].getName()) : make(rc[i].getGenericType());
                }
                return t.getDeclaredConstructor(types).newInstance(values);
            }
            throw new IllegalArgumentException("no value for " + type);
        }

        private byte[] bytes(String name) {
            return name.equals("uuid") ? new byte[16] : new byte[rich ? 1 : 0];
        }
    }
}
