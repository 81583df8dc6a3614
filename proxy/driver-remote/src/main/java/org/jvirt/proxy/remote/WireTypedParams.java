package org.jvirt.proxy.remote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.remote.RemoteTypedParam;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamBoolean;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamDouble;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamInt;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamLlong;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamString;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamUint;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue.VirTypedParamUllong;

/**
 * libvirt's typed parameters ({@code remote_typed_param}) and jvirt's {@link TypedParameter}s.
 *
 * <p>jvirt's values carry no signedness: a 32-bit parameter ({@code VIR_TYPED_PARAM_INT} or {@code _UINT})
 * is an {@link Integer}, a 64-bit one ({@code _LLONG} or {@code _ULLONG}) a {@link Long}, with the wire's bits
 * unchanged (an unsigned int above 2^31 - 1 reads negative, as jvirt's own drivers report it). Going out, a
 * parameter takes the wire type the daemon's drivers check it against ({@code virTypedParamsValidate} refuses
 * any other): the type the daemon itself reported for that name when known, else the type libvirt-domain.h
 * documents for it, else its Java type's.
 */
final class WireTypedParams {
    static final int INT = 1;
    static final int UINT = 2;
    static final int LLONG = 3;
    static final int ULLONG = 4;
    static final int DOUBLE = 5;
    static final int BOOLEAN = 6;
    static final int STRING = 7;
    /** {@code VIR_TYPED_PARAM_FIELD_LENGTH}: a field name's buffer, its NUL included. */
    static final int FIELD_LENGTH = 80;

    /** The types libvirt-domain.h gives the scheduler parameters it names ({@code VIR_DOMAIN_SCHEDULER_*}). */
    static final Map<String, Integer> SCHEDULER_TYPES = Map.ofEntries(
            Map.entry("cpu_shares", ULLONG), Map.entry("global_period", ULLONG), Map.entry("global_quota", LLONG),
            Map.entry("vcpu_period", ULLONG), Map.entry("vcpu_quota", LLONG), Map.entry("emulator_period", ULLONG),
            Map.entry("emulator_quota", LLONG), Map.entry("iothread_period", ULLONG),
            Map.entry("iothread_quota", LLONG), Map.entry("weight", UINT), Map.entry("cap", UINT),
            Map.entry("reservation", LLONG), Map.entry("limit", LLONG), Map.entry("shares", INT));

    private WireTypedParams() {
    }

    /**
     * Parameters from the wire, checked as libvirt's {@code virTypedParamsDeserialize} checks them.
     *
     * @param limit the protocol's limit of the list (its {@code ..._MAX})
     * @param asked how many the call asked for
     * @throws VirtException RPC for more than the limit or than asked; INTERNAL_ERROR for a field name too long
     */
    static List<TypedParameter> fromWire(List<RemoteTypedParam> params, int limit, int asked) {
        if (params.size() > limit) {
            throw WireValues.rpc("too many parameters '" + params.size() + "' for limit '" + limit + "'");
        }
        if (params.size() > asked) {
            throw WireValues.rpc("too many parameters '" + params.size() + "' for nparams '" + asked + "'");
        }
        List<TypedParameter> out = new ArrayList<>(params.size());
        for (RemoteTypedParam p : params) {
            if (p.field().getBytes(StandardCharsets.UTF_8).length >= FIELD_LENGTH) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.REMOTE,
                        ErrorCode.INTERNAL_ERROR.format("parameter " + p.field() + " too big for destination"));
            }
            out.add(new TypedParameter(p.field(), value(p.value())));
        }
        return out;
    }

    private static Object value(RemoteTypedParamValue w) {
        if (w instanceof VirTypedParamInt i) {
            return i.i();
        } else if (w instanceof VirTypedParamUint u) {
            return u.ui();
        } else if (w instanceof VirTypedParamLlong l) {
            return l.l();
        } else if (w instanceof VirTypedParamUllong u) {
            return u.ul();
        } else if (w instanceof VirTypedParamDouble d) {
            return d.d();
        } else if (w instanceof VirTypedParamBoolean b) {
            return b.b() != 0;
        }
        return ((VirTypedParamString) w).s();
    }

    /** The wire type of each parameter of {@code params}, by name, in order. */
    static Map<String, Integer> types(List<RemoteTypedParam> params) {
        Map<String, Integer> types = new LinkedHashMap<>();
        for (RemoteTypedParam p : params) {
            types.put(p.field(), p.value().type());
        }
        return types;
    }

    /**
     * {@code params} on the wire, each of the type {@code known} gives its name (the daemon's own answer),
     * else {@code documented}'s, else its Java type's. A value that cannot take the chosen type (a string for
     * a number, a long beyond an int's 32 bits) goes with its Java type, for the daemon to refuse.
     */
    static List<RemoteTypedParam> toWire(List<TypedParameter> params, Map<String, Integer> known,
                                         Map<String, Integer> documented) {
        List<RemoteTypedParam> out = new ArrayList<>(params.size());
        for (TypedParameter p : params) {
            Integer type = known.getOrDefault(p.name(), documented.get(p.name()));
            out.add(new RemoteTypedParam(p.name(), value(p.value(), type)));
        }
        return out;
    }

    private static RemoteTypedParamValue value(Object v, Integer type) {
        if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            boolean fits32 = v instanceof Integer || n >= Integer.MIN_VALUE && n <= 0xffff_ffffL;
            int wire = type != null && type >= INT && type <= ULLONG && (type >= LLONG || fits32) ? type
                    : v instanceof Integer ? INT : LLONG;
            return switch (wire) {
                case INT -> new VirTypedParamInt((int) n);
                case UINT -> new VirTypedParamUint((int) n);
                case LLONG -> new VirTypedParamLlong(n);
                default -> new VirTypedParamUllong(n);
            };
        }
        if (v instanceof Double d) {
            return new VirTypedParamDouble(d);
        }
        if (v instanceof Boolean b) {
            return new VirTypedParamBoolean(b ? 1 : 0);
        }
        return new VirTypedParamString((String) v);
    }
}
