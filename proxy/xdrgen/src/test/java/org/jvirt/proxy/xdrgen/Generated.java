package org.jvirt.proxy.xdrgen;

import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jvirt.proxy.xdrgen.runtime.XdrReader;
import org.jvirt.proxy.xdrgen.runtime.XdrWriter;

/**
 * Java generated from a .x snippet, compiled in the test and loaded: the generated code is written
 * against the runtime as compiled in this module (the runtime package is this module's own), so
 * tests hand it real readers and writers.
 */
final class Generated {
    static final String PKG = "gen.t";
    private final ClassLoader loader;

    private Generated(ClassLoader loader) {
        this.loader = loader;
    }

    static Generated compile(Path dir, String xdr) throws Exception {
        Path x = dir.resolve("t.x");
        Files.writeString(x, xdr);
        Path src = dir.resolve("src");
        XdrGen.generate(src, "org.jvirt.proxy.xdrgen.runtime", Map.of("EXTERNAL", 3L),
                List.of(new XdrGen.Unit(x, PKG, "TConstants")));
        List<String> files;
        try (Stream<Path> s = Files.walk(src.resolve(PKG.replace('.', '/')))) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-Xlint:all", "-Werror", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
        if (!ok) {
            throw new AssertionError("generated code does not compile:\n" + diagnostics);
        }
        return new Generated(new URLClassLoader(new URL[] {classes.toUri().toURL()}, Generated.class.getClassLoader()));
    }

    Class<?> type(String simpleName) throws ClassNotFoundException {
        return Class.forName(PKG + "." + simpleName, true, loader);
    }

    /** A new record of {@code type} from its canonical constructor. */
    Object make(String type, Object... args) throws Throwable {
        Class<?> c = type(type);
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.getParameterCount() == args.length) {
                try {
                    k.setAccessible(true);
                    return k.newInstance(args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no constructor of " + args.length + " parameters in " + type);
    }

    /** The enum constant {@code name} of {@code type}. */
    Object constant(String type, String name) throws Throwable {
        return type(type).getField(name).get(null);
    }

    byte[] encode(String type, Object value) throws Throwable {
        XdrWriter out = new XdrWriter();
        Class<?> c = type(type);
        Method m = c.getMethod("encode", XdrWriter.class, c);
        try {
            m.invoke(null, out, value);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return out.toByteArray();
    }

    Object decode(String type, byte[] bytes) throws Throwable {
        XdrReader in = new XdrReader(bytes);
        try {
            Object v = type(type).getMethod("decode", XdrReader.class).invoke(null, in);
            in.expectEnd(type);
            return v;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
