package org.jvirt.proxy.daemon.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.api.TypedParameter;
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
 * jvirt's typed parameters as libvirt's {@code remote_typed_param}s and back. jvirt's values carry no
 * signedness; on the wire a scheduler parameter takes the type libvirt gives it (libvirt-domain.h:
 * {@code weight} and {@code cap} are unsigned ints, the periods unsigned long longs, the quotas signed),
 * so that clients that re-send what they read (virsh {@code schedinfo --set}) send the types drivers expect.
 */
final class TypedParams {
    /** {@code VIR_TYPED_PARAM_STRING_OKAY}. */
    static final int STRING_OKAY = 4;

    /** libvirt's types of the scheduler parameters it names; others follow their Java type. */
    private static final Map<String, Integer> WIRE_TYPES = Map.ofEntries(
            Map.entry("weight", 2), Map.entry("cap", 2), Map.entry("cpu_shares", 4),
            Map.entry("vcpu_period", 4), Map.entry("vcpu_quota", 3), Map.entry("emulator_period", 4),
            Map.entry("emulator_quota", 3), Map.entry("global_period", 4), Map.entry("global_quota", 3),
            Map.entry("iothread_period", 4), Map.entry("iothread_quota", 3), Map.entry("limit", 4),
            Map.entry("reservation", 3), Map.entry("shares", 1));

    private TypedParams() {
    }

    /** At most {@code max} of {@code params}, on the wire. */
    static List<RemoteTypedParam> toWire(List<TypedParameter> params, int max) {
        List<RemoteTypedParam> out = new ArrayList<>();
        for (TypedParameter p : params.subList(0, Math.min(max, params.size()))) {
            out.add(new RemoteTypedParam(p.name(), value(p)));
        }
        return out;
    }

    private static RemoteTypedParamValue value(TypedParameter p) {
        Object v = p.value();
        if (v instanceof Boolean b) {
            return new VirTypedParamBoolean(b ? 1 : 0);
        }
        if (v instanceof Double d) {
            return new VirTypedParamDouble(d);
        }
        if (v instanceof String s) {
            return new VirTypedParamString(s);
        }
        long n = ((Number) v).longValue();
        int type = WIRE_TYPES.getOrDefault(p.name(), v instanceof Integer ? 1 : 3);
        switch (type) {
            case 1:
                return new VirTypedParamInt((int) n);
            case 2:
                return new VirTypedParamUint((int) n);
            case 3:
                return new VirTypedParamLlong(n);
            default:
                return new VirTypedParamUllong(n);
        }
    }

    /** Parameters from the wire: 32-bit ones as Integer, 64-bit ones as Long. */
    static List<TypedParameter> fromWire(List<RemoteTypedParam> params) {
        List<TypedParameter> out = new ArrayList<>();
        for (RemoteTypedParam p : params) {
            Object v;
            RemoteTypedParamValue w = p.value();
            if (w instanceof VirTypedParamInt i) {
                v = i.i();
            } else if (w instanceof VirTypedParamUint u) {
                v = u.ui();
            } else if (w instanceof VirTypedParamLlong l) {
                v = l.l();
            } else if (w instanceof VirTypedParamUllong u) {
                v = u.ul();
            } else if (w instanceof VirTypedParamDouble d) {
                v = d.d();
            } else if (w instanceof VirTypedParamBoolean b) {
                v = b.b() != 0;
            } else {
                v = ((VirTypedParamString) w).s();
            }
            out.add(new TypedParameter(p.field(), v));
        }
        return out;
    }
}
