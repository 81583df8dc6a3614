package org.jvirt.driver.qemu.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jvirt.tck.oracle.CrashRestarts;
import org.jvirt.tck.oracle.KnownDifferences;
import org.jvirt.tck.oracle.LibvirtPeers;

/**
 * libvirt 9's own QEMU driver, asked without a daemon through python3-libvirt on
 * {@code qemu:///embed?root=DIR} ({@code oracle/qemu-define-dump.py}): for each document, whether it
 * defines, its dumps and its command line ({@code domxml-to-native qemu-argv}). libvirt's embedded
 * QEMU driver will not run as root without its {@code libvirt-qemu} user, so as root the script runs
 * as {@code nobody}, in a directory of its own. libvirt itself sometimes crashes: the script is then
 * run again from the document it died on, and dying twice on one document fails the test.
 *
 * <p>The answers of a run are kept for the next (see {@link #cacheFile}), and so is the name of the
 * root they were given in, which their command lines hold.
 */
final class QemuOracle {
    /** libvirt's answer for one document. */
    record Answer(String xml, String second, String argv, Integer argvCode, String argvMessage, Integer code,
            String message) {
        boolean refused() {
            return code != null;
        }
    }

    private final Path dir;
    /** The root of the oracle's embedded driver; its paths appear in the command lines. */
    final Path root;
    /** libvirt's answer for each document, by name. */
    final Map<String, Answer> answers;

    private QemuOracle(Path dir, Map<String, Answer> answers, Path root) {
        this.dir = dir;
        this.root = root;
        this.answers = answers;
    }

    /**
     * Where libvirt's answers are kept between runs (a test's inner loop; CI asks afresh): under the
     * system property {@code jvirt.qemu.testCache}, named by a digest of the script, the documents and
     * libvirt's version. Null when the property is not set.
     */
    private static Path cacheFile(byte[] code, Map<String, String> documents) throws Exception {
        String dir = System.getProperty("jvirt.qemu.testCache");
        if (dir == null) {
            return null;
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(code);
        Process v = new ProcessBuilder(LibvirtPeers.PYTHON.toString(), "-c",
                "import libvirt; print(libvirt.getVersion())").redirectErrorStream(true).start();
        sha.update(v.getInputStream().readAllBytes());
        v.waitFor();
        documents.forEach((name, xml) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(xml.getBytes(StandardCharsets.UTF_8));
        });
        return Path.of(dir, "qemu-oracle-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + ".tsv");
    }

    private static Path cachedRoot(Path cache) throws IOException {
        return Path.of(Files.readString(cache.resolveSibling(cache.getFileName() + ".root")).strip());
    }

    /**
     * Makes {@code dir}'s {@code home} and, when the tests run as root, gives the whole directory to
     * nobody, as whom libvirt is then run ({@link #run}).
     *
     * @return whether the tests run as root
     */
    private static boolean givenToLibvirtsUser(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("home"));
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (asRoot) {
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    Files.setOwner(p, nobody);
                }
            }
        }
        return asRoot;
    }

    /** Removes the oracle's directory. */
    void delete() throws IOException {
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * libvirt 5.5's QEMU test inputs ({@code v5.5.0/qemuxml2argvdata-visible} of the corpus), by file
     * name without {@code .xml}, sorted; the i686 emulator, which Debian does not ship, read as
     * {@code qemu-system-i386}.
     *
     * With the system property {@code jvirt.qemu.inputs} set to a regular expression, only the inputs
     * whose names match it: a quick run while working on a few ({@link #ratchet} then reports instead
     * of checking).
     *
     * @param what the test that needs them, should the corpus be absent
     */
    static Map<String, String> corpusDocuments(String what) throws IOException {
        java.util.regex.Pattern only = filter();
        Path corpus = LibvirtPeers.corpus(what);
        Map<String, String> documents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(corpus.resolve("v5.5.0/qemuxml2argvdata-visible"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.xml$", "");
                if (only != null && !only.matcher(name).matches()) {
                    continue;
                }
                documents.put(name, Files.readString(f, StandardCharsets.UTF_8)
                        .replace("/usr/bin/qemu-system-i686", "/usr/bin/qemu-system-i386"));
            }
        }
        return documents;
    }

    private static java.util.regex.Pattern filter() {
        String only = System.getProperty("jvirt.qemu.inputs", "");
        return only.isBlank() ? null : java.util.regex.Pattern.compile(only);
    }

    /**
     * Checks a comparison's findings against its ratchet ({@link KnownDifferences}); in a run limited by
     * {@code jvirt.qemu.inputs} prints them instead and skips, since the ratchet covers every input.
     */
    static void ratchet(String resource, String test, Map<String, String> found) throws IOException {
        if (filter() != null) {
            found.forEach((name, why) -> System.out.println("  differs: " + name + "  # " + why));
            org.junit.jupiter.api.Assumptions.abort("a run limited to the inputs matching jvirt.qemu.inputs="
                    + System.getProperty("jvirt.qemu.inputs") + " does not check " + resource);
        }
        new KnownDifferences(QemuOracle.class, resource, test).check(found, "QEMU test inputs");
    }

    /**
     * Whether libvirt's QEMU driver starts each document (a transient domain on {@code qemu:///embed},
     * run as nobody when the tests run as root, then destroyed): null for one it starts, else its error
     * ({@code code: message}). The documents' files must be readable (and disks writable) by that user.
     */
    static Map<String, String> startsAsLibvirt(Map<String, String> documents) throws Exception {
        LibvirtPeers.requirePythonLibvirt("starting guests with libvirt's QEMU driver");
        Path dir = Files.createTempDirectory("jvirt-qemu-start-oracle");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = dir.resolve("qemu-start.py");
        try (InputStream in = QemuOracle.class.getResourceAsStream("/oracle/qemu-start.py")) {
            Files.write(script, Objects.requireNonNull(in, "oracle/qemu-start.py").readAllBytes());
        }
        Path root = Files.createDirectories(dir.resolve("root"));
        boolean asRoot = givenToLibvirtsUser(dir);
        Map<String, String> verdicts = new LinkedHashMap<>();
        try {
            CrashRestarts.untilAnswered(List.copyOf(documents.keySet()), verdicts, "libvirt starting guests", left -> {
                List<String> lines = new ArrayList<>();
                int status = run(dir, script, root, asRoot, left, documents, lines);
                for (String line : lines) {
                    String[] f = line.split("\t");
                    verdicts.put(f[0], f[1].equals("started") ? null : f[2] + ": " + new String(
                            Base64.getDecoder().decode(f.length > 3 ? f[3] : ""), StandardCharsets.UTF_8));
                }
                return status;
            });
        } finally {
            deleteTree(dir);
        }
        return verdicts;
    }

    /**
     * Asks libvirt about every document.
     *
     * @param documents each document by its name
     */
    static QemuOracle ask(Map<String, String> documents) throws Exception {
        LibvirtPeers.requirePythonLibvirt("the comparison with libvirt's QEMU driver");
        Path dir = Files.createTempDirectory("jvirt-qemu-oracle");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = dir.resolve("qemu-define-dump.py");
        byte[] code;
        try (InputStream in = QemuOracle.class.getResourceAsStream("/oracle/qemu-define-dump.py")) {
            code = Objects.requireNonNull(in, "oracle/qemu-define-dump.py").readAllBytes();
        }
        Files.write(script, code);
        Path cache = cacheFile(code, documents);
        if (cache != null && Files.isRegularFile(cache)) {
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                answers.put(f[0], answer(f));
            }
            if (answers.keySet().containsAll(documents.keySet())) {
                System.out.println("the QEMU oracle's answers are libvirt's of an earlier run, kept in " + cache);
                return new QemuOracle(dir, answers, cachedRoot(cache));
            }
        }
        Path root = Files.createDirectories(dir.resolve("root"));
        boolean asRoot = givenToLibvirtsUser(dir);
        Map<String, Answer> answers = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        CrashRestarts.untilAnswered(List.copyOf(documents.keySet()), answers, "the QEMU oracle", left -> {
            int before = lines.size();
            int status = run(dir, script, root, asRoot, left, documents, lines);
            for (String line : lines.subList(before, lines.size())) {
                String[] f = line.split("\t");
                answers.put(f[0], answer(f));
            }
            return status;
        });
        if (cache != null) {
            Files.createDirectories(cache.getParent());
            Files.writeString(cache.resolveSibling(cache.getFileName() + ".root"), root.toString());
            Files.write(cache, lines);
        }
        return new QemuOracle(dir, answers, root);
    }

    /**
     * Runs one of the oracle's scripts as libvirt's user (nobody, when the tests run as root) on the
     * documents {@code names}, adding each whole line it prints to {@code lines}.
     *
     * @return the script's exit status
     */
    private static int run(Path dir, Path script, Path root, boolean asRoot, List<String> names,
            Map<String, String> documents, List<String> lines) throws Exception {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(LibvirtPeers.PYTHON.toString(), script.toString(), root.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Path home = dir.resolve("home");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        Base64.Encoder enc = Base64.getEncoder();
        Thread feeder = new Thread(() -> {
            try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (String name : names) {
                    w.write(name + "\t" + enc.encodeToString(documents.get(name).getBytes(StandardCharsets.UTF_8)) + "\n");
                }
            } catch (IOException e) {
                // the oracle died before reading every document: its exit status tells
            }
        }, "qemu-oracle-feeder");
        feeder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the QEMU oracle finishes").isTrue();
        feeder.join();
        // Only whole lines count: one cut short by a crash is asked again.
        for (String line : out.substring(0, out.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return p.exitValue();
    }

    private static Answer answer(String[] f) {
        if (f[1].equals("error")) {
            return new Answer(null, null, null, null, null, Integer.parseInt(f[2]), decode(f[4]));
        }
        boolean argv = f[4].equals("argv");
        return new Answer(decode(f[2]), decode(f[3]), argv ? decode(f[5]) : null,
                argv ? null : Integer.valueOf(f[5]), argv ? null : decode(f[6]), null, null);
    }

    private static String decode(String field) {
        return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }
}
