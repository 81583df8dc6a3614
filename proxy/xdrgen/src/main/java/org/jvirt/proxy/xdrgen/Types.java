package org.jvirt.proxy.xdrgen;

import java.util.HashSet;
import java.util.Set;

/**
 * The Java side of XDR declarations: which Java type a declaration maps to, and the statements
 * that read and write it.
 *
 * <p>Mapping: {@code int}, {@code unsigned int} → {@code int}; {@code hyper}, {@code unsigned hyper}
 * → {@code long} (unsigned ones keep their bits); {@code float}, {@code double}, {@code bool} as
 * themselves; rpcgen's {@code char} → {@code byte}, {@code short} → {@code short}; {@code string<n>} →
 * {@code String}; {@code opaque} and {@code char} arrays → {@code byte[]}; other arrays →
 * {@code List<T>}; optional data ({@code T *x}) → {@code Optional<T>}; a typedef → what its
 * declaration maps to; enums, structs and unions → their generated types.
 */
final class Types {
    private static final Set<String> TAKEN = Set.of("String", "Object", "Optional", "List", "ArrayList",
            "Objects", "Arrays", "Integer", "Long", "Boolean", "Byte", "Short", "Float", "Double", "Override",
            "Math", "Collections", "System", "Deprecated", "SuppressWarnings", "XdrReader", "XdrWriter",
            "XdrException", "XdrCodec", "XdrProcedure", "ReadOnlyAccess", "XdrValues", "Record", "Enum");

    private final Schema schema;

    Types(Schema schema) {
        this.schema = schema;
    }

    /** The generated class of a named type; avoids names the generated code imports. */
    static String className(String xdrName) {
        String n = JavaNames.type(xdrName);
        return TAKEN.contains(n) ? n + "Xdr" : n;
    }

    /** The Java type of a declaration. */
    String javaType(Declaration d) {
        switch (d.shape()) {
            case SCALAR:
                return element(d.type());
            case OPTIONAL:
                return "Optional<" + box(element(d.type())) + ">";
            default:
                if (isBytes(d.type())) {
                    return "byte[]";
                }
                if (isBuiltin(d.type(), TypeSpec.Kind.STRING)) {
                    return "String";
                }
                return "List<" + box(element(d.type())) + ">";
        }
    }

    /** The Java type of one element of type {@code t}. */
    String element(TypeSpec t) {
        if (t instanceof TypeSpec.Builtin b) {
            switch (b.kind()) {
                case INT: case UNSIGNED_INT: return "int";
                case HYPER: case UNSIGNED_HYPER: return "long";
                case FLOAT: return "float";
                case DOUBLE: return "double";
                case BOOL: return "boolean";
                case CHAR: case UNSIGNED_CHAR: return "byte";
                case SHORT: case UNSIGNED_SHORT: return "short";
                default: throw new IllegalStateException(b.kind() + " is not an element type");
            }
        }
        Definition d = schema.type(((TypeSpec.Named) t).name());
        if (d instanceof Definition.Typedef td) {
            return javaType(td.declaration());
        }
        return className(d.name());
    }

    /** Whether an array of {@code t} is a {@code byte[]}: opaque, and rpcgen's char arrays. */
    static boolean isBytes(TypeSpec t) {
        return isBuiltin(t, TypeSpec.Kind.OPAQUE) || isBuiltin(t, TypeSpec.Kind.CHAR)
                || isBuiltin(t, TypeSpec.Kind.UNSIGNED_CHAR);
    }

    static boolean isBuiltin(TypeSpec t, TypeSpec.Kind k) {
        return t instanceof TypeSpec.Builtin b && b.kind() == k;
    }

    static String box(String t) {
        switch (t) {
            case "int": return "Integer";
            case "long": return "Long";
            case "float": return "Float";
            case "double": return "Double";
            case "boolean": return "Boolean";
            case "byte": return "Byte";
            case "short": return "Short";
            default: return t;
        }
    }

    /** Whether a value of this Java type holds a {@code byte[]}, which records compare by identity. */
    static boolean holdsArray(String javaType) {
        return javaType.contains("byte[]");
    }

    /** Java source of a bound: the number, with the constant's name as a comment. */
    String bound(Declaration d) throws XdrgenException {
        long b = schema.bound(d);
        String n = d.bound() == null ? "unbounded" : d.bound().name();
        return (int) b + (n == null ? "" : " /* " + n + " */");
    }

    /** The least number of bytes an encoding of one {@code t} takes: a floor for array counts. */
    int minSize(TypeSpec t) {
        return minSize(t, new HashSet<>());
    }

    private int minSize(TypeSpec t, Set<String> visiting) {
        if (t instanceof TypeSpec.Builtin b) {
            return b.kind() == TypeSpec.Kind.HYPER || b.kind() == TypeSpec.Kind.UNSIGNED_HYPER
                    || b.kind() == TypeSpec.Kind.DOUBLE ? 8 : 4;
        }
        String name = ((TypeSpec.Named) t).name();
        if (!visiting.add(name)) {
            return 4; // recursion goes through optional data, which costs at least its presence word
        }
        try {
            Definition d = schema.type(name);
            if (d instanceof Definition.Typedef td) {
                return minSize(td.declaration(), visiting);
            }
            if (d instanceof Definition.Struct s) {
                long sum = 0;
                for (Declaration m : s.members()) {
                    sum += minSize(m, visiting);
                }
                return (int) Math.min(sum, Integer.MAX_VALUE);
            }
            if (d instanceof Definition.Union u) {
                int least = Integer.MAX_VALUE;
                for (Definition.Union.Arm a : u.arms()) {
                    least = Math.min(least, minSize(a.declaration(), visiting));
                }
                if (u.defaultArm() != null) {
                    least = Math.min(least, minSize(u.defaultArm(), visiting));
                }
                return 4 + least;
            }
            return 4; // enum
        } finally {
            visiting.remove(name);
        }
    }

    private int minSize(Declaration d, Set<String> visiting) {
        switch (d.shape()) {
            case VOID: return 0;
            case SCALAR: return minSize(d.type(), visiting);
            case FIXED_ARRAY: {
                long n;
                try {
                    n = schema.bound(d);
                } catch (XdrgenException e) {
                    throw new IllegalStateException(e);
                }
                long each = isBuiltin(d.type(), TypeSpec.Kind.OPAQUE) ? 1 : minSize(d.type(), visiting);
                long total = isBuiltin(d.type(), TypeSpec.Kind.OPAQUE) ? (n + 3) & ~3L : n * each;
                return (int) Math.min(total, Integer.MAX_VALUE);
            }
            default: return 4;
        }
    }

    /** An expression reading one element of type {@code t} from {@code in}. */
    String readElement(TypeSpec t, String what) {
        if (t instanceof TypeSpec.Builtin b) {
            String m;
            switch (b.kind()) {
                case INT: m = "readInt"; break;
                case UNSIGNED_INT: m = "readUnsignedInt"; break;
                case HYPER: m = "readHyper"; break;
                case UNSIGNED_HYPER: m = "readUnsignedHyper"; break;
                case FLOAT: m = "readFloat"; break;
                case DOUBLE: m = "readDouble"; break;
                case BOOL: m = "readBool"; break;
                case CHAR: m = "readChar"; break;
                case UNSIGNED_CHAR: m = "readUnsignedChar"; break;
                case SHORT: m = "readShort"; break;
                case UNSIGNED_SHORT: m = "readUnsignedShort"; break;
                default: throw new IllegalStateException(b.kind() + " is not an element type");
            }
            return "in." + m + "(" + quote(what) + ")";
        }
        return className(((TypeSpec.Named) t).name()) + ".decode(in)";
    }

    /** A statement writing one element {@code v} of type {@code t} to {@code out}. */
    String writeElement(TypeSpec t, String v) {
        if (t instanceof TypeSpec.Builtin b) {
            String m;
            switch (b.kind()) {
                case INT: case UNSIGNED_INT: m = "writeInt"; break;
                case HYPER: case UNSIGNED_HYPER: m = "writeHyper"; break;
                case FLOAT: m = "writeFloat"; break;
                case DOUBLE: m = "writeDouble"; break;
                case BOOL: m = "writeBool"; break;
                case CHAR: m = "writeChar"; break;
                case UNSIGNED_CHAR: m = "writeUnsignedChar"; break;
                case SHORT: m = "writeShort"; break;
                case UNSIGNED_SHORT: m = "writeUnsignedShort"; break;
                default: throw new IllegalStateException(b.kind() + " is not an element type");
            }
            return "out." + m + "(" + v + ");";
        }
        return className(((TypeSpec.Named) t).name()) + ".encode(out, " + v + ");";
    }

    /**
     * Statements that declare {@code var} of the declaration's Java type and read it from
     * {@code in}; {@code what} names the item in error messages.
     */
    void read(StringBuilder sb, String ind, Declaration d, String var, String what) throws XdrgenException {
        String jt = javaType(d);
        TypeSpec t = d.type();
        switch (d.shape()) {
            case SCALAR:
                sb.append(ind).append(jt).append(' ').append(var).append(" = ").append(readElement(t, what)).append(";\n");
                return;
            case OPTIONAL:
                sb.append(ind).append(jt).append(' ').append(var).append(" = in.readPresent(").append(quote(what))
                        .append(") ? Optional.of(").append(readElement(t, what)).append(") : Optional.empty();\n");
                return;
            case FIXED_ARRAY:
            case VAR_ARRAY:
                break;
            default:
                throw new IllegalStateException("void has no value");
        }
        boolean fixed = d.shape() == Declaration.Shape.FIXED_ARRAY;
        String q = quote(what);
        if (isBuiltin(t, TypeSpec.Kind.OPAQUE)) {
            sb.append(ind).append("byte[] ").append(var).append(" = in.").append(fixed ? "readOpaque(" : "readVarOpaque(")
                    .append(bound(d)).append(", ").append(q).append(");\n");
        } else if (isBuiltin(t, TypeSpec.Kind.STRING)) {
            sb.append(ind).append("String ").append(var).append(" = in.readString(").append(bound(d)).append(", ")
                    .append(q).append(");\n");
        } else {
            String n = var + "Count";
            sb.append(ind).append("int ").append(n).append(" = ").append(fixed ? bound(d) : "in.readLength(" + bound(d)
                    + ", " + minSize(t) + ", " + q + ")").append(";\n");
            if (isBytes(t)) {
                sb.append(ind).append("byte[] ").append(var).append(" = new byte[").append(n).append("];\n");
            } else {
                sb.append(ind).append("ArrayList<").append(box(element(t))).append("> ").append(var)
                        .append(" = new ArrayList<>(Math.min(").append(n).append(", 1024));\n");
            }
            sb.append(ind).append("for (int i = 0; i < ").append(n).append("; i++) {\n");
            if (isBytes(t)) {
                sb.append(ind).append("    ").append(var).append("[i] = ").append(readElement(t, what)).append(";\n");
            } else {
                sb.append(ind).append("    ").append(var).append(".add(").append(readElement(t, what)).append(");\n");
            }
            sb.append(ind).append("}\n");
        }
    }

    /** Statements writing {@code v} (an expression of the declaration's Java type) to {@code out}. */
    void write(StringBuilder sb, String ind, Declaration d, String v, String what) throws XdrgenException {
        TypeSpec t = d.type();
        String q = quote(what);
        switch (d.shape()) {
            case SCALAR:
                sb.append(ind).append(writeElement(t, v)).append('\n');
                return;
            case OPTIONAL: {
                sb.append(ind).append("{\n");
                String in2 = ind + "    ";
                sb.append(in2).append("Optional<").append(box(element(t))).append("> opt = ").append(v).append(";\n");
                sb.append(in2).append("out.writePresent(opt.isPresent());\n");
                sb.append(in2).append("if (opt.isPresent()) {\n");
                sb.append(in2).append("    ").append(writeElement(t, "opt.get()")).append('\n');
                sb.append(in2).append("}\n");
                sb.append(ind).append("}\n");
                return;
            }
            case FIXED_ARRAY:
            case VAR_ARRAY:
                break;
            default:
                throw new IllegalStateException("void has no value");
        }
        boolean fixed = d.shape() == Declaration.Shape.FIXED_ARRAY;
        if (isBuiltin(t, TypeSpec.Kind.OPAQUE)) {
            sb.append(ind).append("out.").append(fixed ? "writeOpaque(" : "writeVarOpaque(").append(v).append(", ")
                    .append(bound(d)).append(", ").append(q).append(");\n");
            return;
        }
        if (isBuiltin(t, TypeSpec.Kind.STRING)) {
            sb.append(ind).append("out.writeString(").append(v).append(", ").append(bound(d)).append(", ").append(q).append(");\n");
            return;
        }
        String size = isBytes(t) ? "arr.length" : "arr.size()";
        sb.append(ind).append("{\n");
        String in2 = ind + "    ";
        sb.append(in2).append(javaType(d)).append(" arr = ").append(v).append(";\n");
        if (fixed) {
            sb.append(in2).append("if (").append(size).append(" != ").append(bound(d)).append(") {\n");
            sb.append(in2).append("    throw new IllegalArgumentException(").append(q).append(" + \": needs exactly ")
                    .append(schema.bound(d)).append(" elements, not \" + ").append(size).append(");\n");
            sb.append(in2).append("}\n");
        } else {
            sb.append(in2).append("out.writeLength(").append(size).append(", ").append(bound(d)).append(", ").append(q).append(");\n");
        }
        sb.append(in2).append("for (").append(isBytes(t) ? "byte" : box(element(t))).append(" item : arr) {\n");
        sb.append(in2).append("    ").append(writeElement(t, "item")).append('\n');
        sb.append(in2).append("}\n");
        sb.append(ind).append("}\n");
    }

    /** A Java string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
