package org.jvirt.proxy.xdrgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's command line: reads .x files and writes Java sources.
 *
 * <pre>
 * XdrGen --out DIR --runtime-package PKG
 *        [--define NAME=VALUE]...
 *        [--read-only-override PROC_CONSTANT=ALLOWED|DENIED]...
 *        --unit FILE.x=PACKAGE:ConstantsClass ...
 * </pre>
 *
 * <p>Each unit is one .x file written into one package; the runtime (reader, writer, codec and
 * procedure interfaces) is copied into the runtime package once. {@code --define} gives the
 * values of names a file uses without defining them (libvirt's come from its C headers).
 * {@code --read-only-override} replaces the verdict a procedure's ACL gives, where libvirt's API
 * decides otherwise; an override that names no procedure is an error. A
 * missing file is an error naming its path; so is every problem in a file, with its line and
 * column. Files are only rewritten when their content changes, so incremental builds stay
 * incremental.
 */
public final class XdrGen {
    private static final System.Logger LOG = System.getLogger(XdrGen.class.getName());

    /** The runtime sources the generated code needs, copied from this jar. */
    static final List<String> RUNTIME = List.of("XdrException", "XdrReader", "XdrWriter", "XdrCodec",
            "XdrProcedure", "ReadOnlyAccess", "XdrValues", "package-info");

    private static final String RUNTIME_PACKAGE = "org.jvirt.proxy.xdrgen.runtime";

    private XdrGen() {
    }

    /** One .x file and where its Java goes. */
    record Unit(Path file, String pkg, String constantsClass) {
    }

    /** Runs the command line; any failure is thrown (the build reports it). */
    public static void main(String[] args) throws XdrgenException, IOException {
        Path out = null;
        String runtimePkg = null;
        Map<String, Long> defines = new LinkedHashMap<>();
        Map<String, ReadOnlyRule.Access> overrides = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                throw new XdrgenException(null, a + " needs a value");
            }
            i++;
            switch (a) {
                case "--out": out = Path.of(v); break;
                case "--runtime-package": runtimePkg = v; break;
                case "--define": {
                    int eq = v.indexOf('=');
                    if (eq < 1) {
                        throw new XdrgenException(null, "--define wants NAME=VALUE, not " + v);
                    }
                    defines.put(v.substring(0, eq).strip(), Long.decode(v.substring(eq + 1).strip()));
                    break;
                }
                case "--read-only-override": {
                    int eq = v.indexOf('=');
                    try {
                        overrides.put(v.substring(0, eq), ReadOnlyRule.Access.valueOf(v.substring(eq + 1)));
                    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                        throw new XdrgenException(null, "--read-only-override wants PROC=ALLOWED or PROC=DENIED, not " + v);
                    }
                    break;
                }
                case "--unit": {
                    int eq = v.lastIndexOf('=');
                    int colon = v.lastIndexOf(':');
                    if (eq < 1 || colon < eq) {
                        throw new XdrgenException(null, "--unit wants FILE.x=PACKAGE:ConstantsClass, not " + v);
                    }
                    units.add(new Unit(Path.of(v.substring(0, eq)), v.substring(eq + 1, colon), v.substring(colon + 1)));
                    break;
                }
                default:
                    throw new XdrgenException(null, "unknown option " + a);
            }
        }
        if (out == null || runtimePkg == null || units.isEmpty()) {
            throw new XdrgenException(null, "usage: --out DIR --runtime-package PKG [--define NAME=VALUE]... "
                    + "--unit FILE.x=PACKAGE:ConstantsClass...");
        }
        generate(out, runtimePkg, defines, overrides, units);
    }

    /** Generates every unit and the runtime into {@code out}; returns how many files were written or kept. */
    static int generate(Path out, String runtimePkg, Map<String, Long> defines, List<Unit> units)
            throws XdrgenException, IOException {
        return generate(out, runtimePkg, defines, Map.of(), units);
    }

    static int generate(Path out, String runtimePkg, Map<String, Long> defines,
                        Map<String, ReadOnlyRule.Access> readOnlyOverrides, List<Unit> units)
            throws XdrgenException, IOException {
        java.util.Set<String> procedures = new java.util.HashSet<>();
        Map<Path, String> files = new LinkedHashMap<>();
        for (Unit u : units) {
            if (!Files.isRegularFile(u.file())) {
                throw new XdrgenException(null, "the .x file " + u.file().toAbsolutePath()
                        + " does not exist (libvirt's RPC definitions are read from the shared libvirt corpus; "
                        + "point the build at it with -Djvirt.libvirtRpc=DIR)");
            }
            String src = Files.readString(u.file(), StandardCharsets.UTF_8);
            Schema schema = Schema.resolve(Parser.parse(u.file().getFileName().toString(), src), withBoolConstants(defines));
            for (Definition d : schema.spec().definitions()) {
                if (d instanceof Definition.Enum e && Procedure.isProcedureEnum(e)) {
                    e.members().forEach(m -> procedures.add(m.name()));
                }
            }
            for (var e : new JavaWriter(schema, u.pkg(), runtimePkg, u.constantsClass(), readOnlyOverrides)
                    .write().entrySet()) {
                files.put(packageDir(out, u.pkg()).resolve(e.getKey() + ".java"), e.getValue());
            }
        }
        for (String o : readOnlyOverrides.keySet()) {
            if (!procedures.contains(o)) {
                throw new XdrgenException(null, "--read-only-override names " + o + ", which no procedure enum has");
            }
        }
        for (String r : RUNTIME) {
            files.put(packageDir(out, runtimePkg).resolve(r + ".java"), runtimeSource(r, runtimePkg));
        }
        removeStale(files.keySet());
        int changed = 0;
        for (var e : files.entrySet()) {
            Files.createDirectories(e.getKey().getParent());
            if (!Files.exists(e.getKey()) || !Files.readString(e.getKey(), StandardCharsets.UTF_8).equals(e.getValue())) {
                Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
                changed++;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "xdrgen: {0} Java files from {1} .x files in {2} ({3} changed)",
                files.size(), units.size(), out, changed);
        return files.size();
    }

    /** Deletes .java files left in the generated packages by an earlier run whose types are gone. */
    private static void removeStale(java.util.Set<Path> current) throws IOException {
        java.util.Set<Path> dirs = new java.util.HashSet<>();
        for (Path p : current) {
            dirs.add(p.getParent());
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (java.util.stream.Stream<Path> s = Files.list(d)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    if (f.toString().endsWith(".java") && !current.contains(f)) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    /** RFC 4506 defines TRUE and FALSE for bool; a file or a --define may still override them. */
    private static Map<String, Long> withBoolConstants(Map<String, Long> defines) {
        Map<String, Long> d = new LinkedHashMap<>(Map.of("TRUE", 1L, "FALSE", 0L));
        d.putAll(defines);
        return d;
    }

    private static Path packageDir(Path out, String pkg) {
        return out.resolve(pkg.replace('.', '/'));
    }

    /** A runtime source from this jar with its package line changed to {@code pkg}. */
    static String runtimeSource(String name, String pkg) throws IOException {
        String res = RUNTIME_PACKAGE.replace('.', '/') + "/" + name + ".java";
        try (InputStream in = XdrGen.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                throw new IOException("the runtime source " + res + " is missing from xdrgen's jar");
            }
            String src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return "// Copied by jvirt's xdrgen from its runtime. Do not edit.\n"
                    + src.replace("package " + RUNTIME_PACKAGE + ";", "package " + pkg + ";");
        }
    }
}
