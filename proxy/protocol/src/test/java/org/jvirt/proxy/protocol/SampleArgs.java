package org.jvirt.proxy.protocol;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * Arguments for any procedure, built from its generated record: zero values, or ones that pass libvirt's
 * argument checks ({@code rich}); a domain argument is {@code dom}.
 *
 * @param dom the domain every domain argument names
 * @param rich whether to fill numbers with 1, strings with "x" and lists and optionals with one element
 */
public record SampleArgs(RemoteNonnullDomain dom, boolean rich) {
    public Object make(Type type) throws ReflectiveOperationException {
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

    /** The encoded arguments of {@code p}: empty when it takes none. */
    public byte[] payloadFor(XdrProcedure p) throws ReflectiveOperationException {
        return p.argsCodec().isEmpty() ? new byte[0]
                : Payloads.encode(p.argsCodec().get(), make(p.argsCodec().get().getClass().getEnclosingClass()));
    }
}
