package org.jvirt.proxy.xdrgen.runtime;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Value equality for generated records that hold byte arrays (opaque data), directly or inside
 * lists and optionals: a record's own equals would compare the arrays by identity.
 */
public final class XdrValues {
    private XdrValues() {
    }

    /** Whether {@code a} and {@code b} are equal, comparing byte arrays by content. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || equal(x.get(), y.get()));
        }
        return a == null ? b == null : a.equals(b);
    }

    /** A hash consistent with {@link #equal}. */
    public static int hash(Object a) {
        if (a instanceof byte[] x) {
            return Arrays.hashCode(x);
        }
        if (a instanceof List<?> x) {
            int h = 1;
            for (Object e : x) {
                h = 31 * h + hash(e);
            }
            return h;
        }
        if (a instanceof Optional<?> x) {
            return x.map(XdrValues::hash).orElse(0);
        }
        return a == null ? 0 : a.hashCode();
    }

    /** A readable form, byte arrays in hexadecimal. */
    public static String show(Object a) {
        if (a instanceof byte[] x) {
            StringBuilder b = new StringBuilder("0x");
            for (byte v : x) {
                b.append(Character.forDigit((v >> 4) & 0xf, 16)).append(Character.forDigit(v & 0xf, 16));
            }
            return b.toString();
        }
        if (a instanceof List<?> x) {
            StringBuilder b = new StringBuilder("[");
            for (Object e : x) {
                b.append(b.length() == 1 ? "" : ", ").append(show(e));
            }
            return b.append(']').toString();
        }
        if (a instanceof Optional<?> x) {
            return x.map(v -> "Optional[" + show(v) + "]").orElse("Optional.empty");
        }
        return String.valueOf(a);
    }
}
