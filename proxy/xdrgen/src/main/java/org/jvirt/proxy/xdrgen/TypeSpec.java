package org.jvirt.proxy.xdrgen;

/** The type part of a declaration: a built-in type, or the name of a definition. */
public sealed interface TypeSpec {
    /** Where it is written. */
    Position position();

    /** A built-in type. */
    record Builtin(Kind kind, Position position) implements TypeSpec {
        @Override
        public String toString() {
            return kind.xdr;
        }
    }

    /** A type defined by {@code typedef}, {@code enum}, {@code struct} or {@code union}. */
    record Named(String name, Position position) implements TypeSpec {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The built-in types of RFC 4506, and the small ones rpcgen adds (four bytes each on the wire). */
    enum Kind {
        INT("int"), UNSIGNED_INT("unsigned int"), HYPER("hyper"), UNSIGNED_HYPER("unsigned hyper"),
        FLOAT("float"), DOUBLE("double"), BOOL("bool"),
        CHAR("char"), UNSIGNED_CHAR("unsigned char"), SHORT("short"), UNSIGNED_SHORT("unsigned short"),
        STRING("string"), OPAQUE("opaque"), VOID("void");

        final String xdr;

        Kind(String xdr) {
            this.xdr = xdr;
        }
    }
}
