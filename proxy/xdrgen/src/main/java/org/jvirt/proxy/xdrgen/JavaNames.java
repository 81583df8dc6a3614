package org.jvirt.proxy.xdrgen;

import java.util.Set;

/** How .x names become Java names: types in UpperCamelCase, members in lowerCamelCase. */
final class JavaNames {
    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import",
            "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected",
            "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null",
            "var", "yield", "record", "sealed", "permits",
            // members a record already has
            "hashCode", "toString", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize",
            // names the generated methods use
            "encode", "decode", "CODEC");

    private JavaNames() {
    }

    /** {@code remote_nonnull_domain} → {@code RemoteNonnullDomain}; {@code virNetMessageHeader} → {@code VirNetMessageHeader}. */
    static String type(String xdr) {
        StringBuilder b = new StringBuilder();
        for (String part : xdr.split("_")) {
            if (!part.isEmpty()) {
                // SHOUTING_PARTS become Words; camelCase parts keep their humps
                String rest = part.substring(1);
                b.append(Character.toUpperCase(part.charAt(0)))
                        .append(part.equals(part.toUpperCase(java.util.Locale.ROOT)) ? rest.toLowerCase(java.util.Locale.ROOT) : rest);
            }
        }
        String s = b.toString();
        return s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) ? "X" + s : s;
    }

    /**
     * {@code cpu_time} → {@code cpuTime}; {@code maxMem} stays; a Java keyword or a name the record
     * already uses gets a trailing underscore.
     */
    static String member(String xdr) {
        String t = type(xdr);
        String s = Character.toLowerCase(t.charAt(0)) + t.substring(1);
        return RESERVED.contains(s) ? s + "_" : s;
    }

    /** A constant keeps its .x name ({@code VIR_TYPED_PARAM_INT}) unless Java reserves it. */
    static String constant(String xdr) {
        return RESERVED.contains(xdr) ? xdr + "_" : xdr;
    }
}
