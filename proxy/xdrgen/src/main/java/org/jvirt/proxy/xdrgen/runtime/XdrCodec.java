package org.jvirt.proxy.xdrgen.runtime;

/**
 * Reads and writes one XDR type. Every generated type has one as its {@code CODEC} constant,
 * which lets code that only knows a procedure's number (a dispatcher, a fuzzer) handle its
 * arguments and results.
 *
 * @param <T> the Java type the XDR type maps to
 */
public interface XdrCodec<T> {
    /** The type's name in its .x file, e.g. {@code remote_domain_get_info_args}. */
    String xdrName();

    /** Writes {@code value}; fails with {@link IllegalArgumentException} on a value over its limits. */
    void encode(XdrWriter out, T value);

    /** Reads one value. */
    T decode(XdrReader in) throws XdrException;

    /** The encoding of {@code value} alone. */
    default byte[] toBytes(T value) {
        XdrWriter out = new XdrWriter();
        encode(out, value);
        return out.toByteArray();
    }

    /** Reads a value that must take up all of {@code in}'s remaining bytes. */
    default T decodeAll(XdrReader in) throws XdrException {
        T value = decode(in);
        in.expectEnd(xdrName());
        return value;
    }
}
