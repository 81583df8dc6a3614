package org.jvirt.proxy.xdrgen;

import java.util.List;
import java.util.Locale;

/**
 * Writes an {@code enum PREFIX_procedure} as a Java enum implementing the runtime's
 * {@code XdrProcedure}: the procedure table of one RPC program. The program number and version
 * come from the constants {@code PREFIX_PROGRAM} and {@code PREFIX_PROTOCOL_VERSION}, which the
 * file must define. Codecs are looked up with a switch on the number, so a table lookup loads only
 * the classes of the procedure asked about.
 */
final class ProcedureWriter {
    private final Schema schema;
    private final JavaWriter writer;
    private final Definition.Enum e;
    private final String cls;

    ProcedureWriter(Schema schema, JavaWriter writer, Definition.Enum e, String cls) {
        this.schema = schema;
        this.writer = writer;
        this.e = e;
        this.cls = cls;
    }

    String write() throws XdrgenException {
        String prefix = Procedure.prefix(e).toUpperCase(Locale.ROOT);
        String program = prefix + "_PROGRAM";
        String version = prefix + "_PROTOCOL_VERSION";
        for (String c : List.of(program, version)) {
            if (!schema.constants().containsKey(c)) {
                throw new XdrgenException(e.position(), "procedure enum " + e.name() + " needs const " + c
                        + " in the same file");
            }
        }
        List<Procedure> procs = Procedure.of(e, schema, writer.readOnlyOverrides());
        String k = writer.constantsClass();
        StringBuilder sb = new StringBuilder(writer.header());
        String doc = JavaWriter.javadocText(e.comment());
        sb.append("/**\n * The procedures of program ").append(JavaWriter.code(program)).append(" (")
                .append(String.format("0x%08x", schema.constants().get(program))).append("), version ")
                .append(schema.constants().get(version)).append(": ").append(JavaWriter.code("enum " + e.name())).append(" (")
                .append(writer.where(e.position())).append(")").append(doc.isEmpty() ? "." : ": " + doc).append('\n')
                .append(" *\n * <p>Each constant carries what the comment above it annotates ({@code @acl}, {@code @priority},\n")
                .append(" * ...) and the read-only verdict derived from its ACL.\n */\n");
        sb.append("public enum ").append(cls).append(" implements XdrProcedure {\n");
        for (int i = 0; i < procs.size(); i++) {
            Procedure p = procs.get(i);
            sb.append("    /** ").append(JavaWriter.code(p.constant() + " = " + p.number())).append(": ")
                    .append(p.argsType() == null ? "no arguments" : JavaWriter.code(p.argsType())).append(", ")
                    .append(p.retType() == null ? "no reply data" : "reply " + JavaWriter.code(p.retType()))
                    .append(p.msgType() == null ? "" : ", event " + JavaWriter.code(p.msgType()))
                    .append("; read-only connections: ").append(p.readOnly().access().name().toLowerCase(Locale.ROOT))
                    .append(p.readOnlyOverridden() ? " (libvirt's API decides so against its ACL; set in the build)" : "")
                    .append(". */\n");
            sb.append("    ").append(JavaNames.constant(p.constant())).append('(').append(p.number()).append(", ")
                    .append(str(p.argsType())).append(", ").append(str(p.retType())).append(", ").append(str(p.msgType()))
                    .append(", ").append(p.highPriority()).append(", ").append(str(String.join(" ", p.acl()))).append(", ")
                    .append(str(String.join(" ", p.aclFilter()))).append(", ").append(str(p.generate())).append(", StreamDirection.")
                    .append(p.stream()).append(", ReadOnlyAccess.").append(p.readOnly().access()).append(", ")
                    .append(str(String.join(" ", p.readOnly().deniedWhen()))).append(')')
                    .append(i == procs.size() - 1 ? ";\n" : ",\n");
        }
        sb.append("\n    /** The program number, ").append(JavaWriter.code(program)).append(". */\n");
        sb.append("    public static final int PROGRAM = ").append(k).append('.').append(JavaNames.constant(program)).append(";\n");
        sb.append("\n    /** The program version, ").append(JavaWriter.code(version)).append(". */\n");
        sb.append("    public static final int VERSION = ").append(k).append('.').append(JavaNames.constant(version)).append(";\n\n");
        sb.append("""
                    private final int value;
                    private final String argsType;
                    private final String retType;
                    private final String messageType;
                    private final boolean highPriority;
                    private final String acl;
                    private final String aclFilter;
                    private final String generate;
                    private final StreamDirection stream;
                    private final ReadOnlyAccess readOnlyAccess;
                    private final String readOnlyDeniedWhen;

                    CLS(int number, String argsType, String retType, String messageType, boolean highPriority,
                            String acl, String aclFilter, String generate, StreamDirection stream,
                            ReadOnlyAccess readOnlyAccess, String readOnlyDeniedWhen) {
                        this.value = number;
                        this.argsType = argsType;
                        this.retType = retType;
                        this.messageType = messageType;
                        this.highPriority = highPriority;
                        this.acl = acl;
                        this.aclFilter = aclFilter;
                        this.generate = generate;
                        this.stream = stream;
                        this.readOnlyAccess = readOnlyAccess;
                        this.readOnlyDeniedWhen = readOnlyDeniedWhen;
                    }

                    @Override
                    public int program() {
                        return PROGRAM;
                    }

                    @Override
                    public int version() {
                        return VERSION;
                    }

                    @Override
                    public int number() {
                        return value;
                    }

                    @Override
                    public String constantName() {
                        return name();
                    }

                    @Override
                    public Optional<String> argsType() {
                        return Optional.ofNullable(argsType);
                    }

                    @Override
                    public Optional<String> retType() {
                        return Optional.ofNullable(retType);
                    }

                    @Override
                    public Optional<String> messageType() {
                        return Optional.ofNullable(messageType);
                    }

                    @Override
                    public boolean highPriority() {
                        return highPriority;
                    }

                    @Override
                    public List<String> acl() {
                        return words(acl);
                    }

                    @Override
                    public List<String> aclFilter() {
                        return words(aclFilter);
                    }

                    @Override
                    public String generate() {
                        return generate;
                    }

                    @Override
                    public StreamDirection stream() {
                        return stream;
                    }

                    @Override
                    public ReadOnlyAccess readOnlyAccess() {
                        return readOnlyAccess;
                    }

                    @Override
                    public List<String> readOnlyDeniedWhen() {
                        return words(readOnlyDeniedWhen);
                    }

                    private static List<String> words(String s) {
                        return s.isEmpty() ? List.of() : List.of(s.split(" "));
                    }
                """.replace("CLS", cls));
        codecSwitch(sb, "argsCodec", procs, 0);
        codecSwitch(sb, "retCodec", procs, 1);
        codecSwitch(sb, "messageCodec", procs, 2);
        sb.append('\n');
        writer.enumBody(sb, cls, e, false);
        return sb.append("}\n").toString();
    }

    private void codecSwitch(StringBuilder sb, String method, List<Procedure> procs, int which) {
        sb.append("\n    @Override\n    public Optional<XdrCodec<?>> ").append(method).append("() {\n        switch (value) {\n");
        for (Procedure p : procs) {
            String t = which == 0 ? p.argsType() : which == 1 ? p.retType() : p.msgType();
            if (t != null) {
                sb.append("            case ").append(p.number()).append(": return Optional.of(")
                        .append(Types.className(t)).append(".CODEC);\n");
            }
        }
        sb.append("            default: return Optional.empty();\n        }\n    }\n");
    }

    private static String str(String s) {
        return s == null ? "null" : Types.quote(s);
    }
}
