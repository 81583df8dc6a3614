package org.jvirt.proxy.daemon.dispatch;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.Payloads;
import org.jvirt.proxy.protocol.ProcedureTable;
import org.jvirt.proxy.protocol.ProtocolLimits;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.xdr.ReadOnlyAccess;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;
import org.jvirt.proxy.protocol.xdr.XdrReader;

/**
 * Turns one call of libvirt's remote program into its reply, as libvirtd's
 * {@code virNetServerProgramDispatch} does, in the same order of checks: the program and version, the
 * message type and status, the procedure number, the arguments' encoding, read-only access, and
 * then the handler. Every failure becomes an error reply to that call — the client's connection stays
 * up — worded as libvirt words it (unknown procedure: {@code VIR_ERR_RPC} "unknown procedure: N"; a
 * procedure jvirtd does not serve: {@code VIR_ERR_NO_SUPPORT} naming its API function; refused on the
 * read-only socket: {@code VIR_ERR_OPERATION_DENIED} "operation forbidden: read only access prevents
 * virDomainDestroy").
 *
 * <p>The read-only verdicts come from the procedure table generated from the .x file (every procedure
 * whose ACL needs more than reading), not from the handlers: a procedure is refused on the read-only
 * socket before its arguments reach anything else, whatever the connection's own state.
 *
 * <p>Thread-safe: calls of many clients are dispatched at once.
 */
public final class Dispatcher {
    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());

    /**
     * libvirt's values of the flags the table names in its read-only conditions (libvirt-domain.h);
     * the .x file does not carry them.
     */
    private static final Map<String, Integer> FLAG_VALUES = Map.of(
            "VIR_DOMAIN_XML_SECURE", 1, "VIR_DOMAIN_XML_MIGRATABLE", 8,
            "VIR_DOMAIN_SNAPSHOT_XML_SECURE", 1, "VIR_DOMAIN_VCPU_GUEST", 8,
            "VIR_DOMAIN_SAVE_IMAGE_XML_SECURE", 1, "VIR_DOMAIN_CHECKPOINT_XML_SECURE", 1);

    /**
     * The error domain of libvirt's refusals by procedure-name prefix: the {@code VIR_FROM_THIS} of the file
     * its API function lives in (libvirt-network.c, libvirt-storage.c, ...); the rest are libvirt-domain.c's
     * and libvirt-host.c's, VIR_FROM_DOMAIN.
     */
    private static final Map<String, ErrorDomain> DENIED_DOMAINS = Map.of(
            "NETWORK_", ErrorDomain.NETWORK, "STORAGE_", ErrorDomain.STORAGE,
            "CONNECT_FIND_STORAGE_POOL_SOURCES", ErrorDomain.STORAGE, "NODE_DEVICE_", ErrorDomain.NODEDEV,
            "INTERFACE_", ErrorDomain.INTERFACE, "SECRET_", ErrorDomain.SECRET, "NWFILTER_", ErrorDomain.NWFILTER,
            "DOMAIN_SNAPSHOT_", ErrorDomain.DOMAIN_SNAPSHOT, "DOMAIN_REVERT_TO_SNAPSHOT", ErrorDomain.DOMAIN_SNAPSHOT,
            "DOMAIN_CHECKPOINT_", ErrorDomain.DOMAIN_CHECKPOINT);

    private final ProcedureTable procedures = ProcedureTable.remote();
    private final HandlerTable handlers;
    private final Map<Class<?>, ToIntFunction<Object>> flagReaders = new ConcurrentHashMap<>();

    /** Dispatches to {@code handlers}. */
    public Dispatcher(HandlerTable handlers) {
        this.handlers = handlers;
    }

    /** The table of procedures this dispatcher serves. */
    public HandlerTable handlers() {
        return handlers;
    }

    /**
     * The reply to {@code call}, made by {@code caller}'s handler; never throws for anything the call
     * carries.
     */
    public Message dispatch(Caller caller, Message call) {
        try {
            return call.reply(encode(call, invoke(caller, call)));
        } catch (VirtException e) {
            return call.errorReply(WireErrors.of(e));
        } catch (RuntimeException e) {
            // a handler's bug: the client gets an error naming it and keeps its connection; the log has the trace
            LOG.log(Level.ERROR, "procedure " + call.header().proc() + " of " + caller.describe() + " failed", e);
            return call.errorReply(WireErrors.of(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                    ErrorCode.INTERNAL_ERROR.format("procedure " + call.header().proc() + " failed: " + e))));
        }
    }

    private Object invoke(Caller caller, Message call) {
        VirNetMessageHeader h = call.header();
        if (h.prog() != procedures.program() || h.vers() != procedures.version()) {
            throw WireErrors.rpc("Cannot find program " + h.prog() + " version " + h.vers());
        }
        if (h.type() != VirNetMessageType.VIR_NET_CALL) {
            throw WireErrors.rpc("Unexpected message type " + h.type().value());
        }
        if (h.status() != VirNetMessageStatus.VIR_NET_OK) {
            throw WireErrors.rpc("Unexpected message status " + h.status().value());
        }
        XdrProcedure p = procedures.byNumber(h.proc())
                .orElseThrow(() -> WireErrors.rpc("unknown procedure: " + h.proc()));
        Object args = decodeArgs(p, call);
        if (caller.readOnlySocket() && !procedures.allowedOnReadOnly(p.number(), flagsOf(args), Dispatcher::flagValue)) {
            throw new VirtException(ErrorCode.OPERATION_DENIED, deniedDomain(p), ErrorCode.OPERATION_DENIED.format(refusal(p)));
        }
        Optional<Handler<?>> handler = handlers.handlerOf(p.number());
        if (handler.isEmpty()) {
            throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.RPC, ErrorCode.NO_SUPPORT.format(ApiNames.of(p)));
        }
        @SuppressWarnings("unchecked")
        Handler<Object> typed = (Handler<Object>) handler.get();
        try {
            return typed.handle(caller, args);
        } catch (UnsupportedFlags e) {
            throw inDriver(caller, e);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                // jvirt's core adds which drivers lack the operation; libvirtd's clients get libvirt's words, naming
                // the API function they called, as libvirt.c's virReportUnsupportedError does
                throw new VirtException(ErrorCode.NO_SUPPORT, e.domain(), ErrorCode.NO_SUPPORT.format(ApiNames.of(p)));
            }
            throw e;
        }
    }

    /** {@code e} naming the function of the client's driver, as libvirt's drivers name themselves in it. */
    private static VirtException inDriver(Caller caller, UnsupportedFlags e) {
        try {
            return e.inDriver(caller.connection().type());
        } catch (VirtException notOpen) {
            return e; // no connection, no driver: the public function's name stays
        }
    }

    /**
     * What libvirt says when a read-only connection calls {@code p}: its XML getters refused for a secure
     * flag say so ("virDomainGetXMLDesc with secure flag", libvirt-domain.c), the rest "read only access
     * prevents virDomainDestroy" (virCheckReadOnlyGoto).
     */
    private static String refusal(XdrProcedure p) {
        String api = ApiNames.of(p);
        return p.readOnlyAccess() == ReadOnlyAccess.CONDITIONAL && api.endsWith("GetXMLDesc")
                ? api + " with secure flag" : "read only access prevents " + api;
    }

    /**
     * The call's arguments. As libvirtd's {@code virNetMessageDecodePayload}, bytes after them are not
     * looked at, and a payload that does not decode is refused in libvirt's words; what was wrong with
     * it goes to the log.
     */
    private static Object decodeArgs(XdrProcedure p, Message call) {
        XdrCodec<?> codec = p.argsCodec().orElse(Payloads.NONE);
        byte[] payload = call.payload();
        try {
            return codec.decode(new XdrReader(payload, 0, payload.length, ProtocolLimits.FRAME_MIN));
        } catch (XdrException e) {
            LOG.log(Level.DEBUG, "the arguments of procedure {0} do not decode: {1}", p.number(), e.getMessage());
            throw WireErrors.rpc("Unable to decode message payload");
        }
    }

    private static byte[] encode(Message call, Object ret) {
        XdrProcedure p = ProcedureTable.remote().byNumber(call.header().proc()).orElseThrow();
        Optional<XdrCodec<?>> codec = p.retCodec();
        if (codec.isEmpty()) {
            return new byte[0];
        }
        if (ret == null) {
            throw new IllegalStateException(p.constantName() + "'s handler returned nothing");
        }
        return Payloads.encode(codec.get(), ret);
    }

    /** The error domain libvirt's public API reports a refusal of {@code p} in (see {@link #DENIED_DOMAINS}). */
    private static ErrorDomain deniedDomain(XdrProcedure p) {
        String name = p.constantName().substring("REMOTE_PROC_".length());
        for (Map.Entry<String, ErrorDomain> e : DENIED_DOMAINS.entrySet()) {
            if (name.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return ErrorDomain.DOMAIN;
    }

    private static long flagValue(String name) {
        Integer v = FLAG_VALUES.get(name);
        return v == null ? 0 : v;
    }

    private long flagsOf(Object args) {
        if (args == null) {
            return 0;
        }
        return Integer.toUnsignedLong(flagReaders.computeIfAbsent(args.getClass(), Dispatcher::flagReader).applyAsInt(args));
    }

    /** Reads a record's {@code int flags} component, where it has one. */
    private static ToIntFunction<Object> flagReader(Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals("flags") && c.getType() == int.class) {
                    return o -> {
                        try {
                            return (int) c.getAccessor().invoke(o);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("cannot read " + type.getName() + ".flags", e);
                        }
                    };
                }
            }
        }
        return o -> 0;
    }
}
