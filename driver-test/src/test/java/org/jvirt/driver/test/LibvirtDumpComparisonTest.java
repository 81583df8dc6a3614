package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jvirt.api.Connection;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.jvirt.tck.oracle.CrashRestarts;
import org.jvirt.tck.oracle.Documents;
import org.jvirt.tck.oracle.KnownDifferences;
import org.jvirt.tck.oracle.LibvirtPeers;
import org.jvirt.model.xml.XmlReader;
import org.junit.jupiter.api.Test;

/**
 * libvirt's test driver is the oracle for what a domain document means once defined: every domain
 * document of the corpus is defined into {@code test:///default} by libvirt 9 (through
 * python3-libvirt, {@code oracle/define-dump.py}) and by jvirt, read back with INACTIVE and SECURE,
 * and the two answers are compared <em>as documents</em> — elements, attributes, text and the order
 * of elements — or, when libvirt refuses the file, jvirt must refuse it with libvirt's error code.
 * What each wrote back is defined again and compared too (libvirt's first reading is not always
 * its last), and each file is defined once more with VALIDATE: jvirt's schema check must accept
 * and refuse what libvirt's does.
 *
 * <p>Where jvirt does not yet read a file as libvirt does, the file is listed in
 * {@code oracle/dump-differences.txt}: the test fails on a difference not listed there (a
 * regression) and on a listed file that now matches (take it off the list). The counts are
 * printed, and the list only ever shrinks.
 */
class LibvirtDumpComparisonTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String DIFFERENCES = "oracle/dump-differences.txt";

    /**
     * What libvirt or jvirt answered for one file: the dumped document and the dump of that document
     * defined again, or an error code; and the code of defining it with VALIDATE (0: accepted).
     */
    record Answer(String xml, String second, Integer code, String message, int validated) {
        static Answer of(String xml, String second, int validated) {
            return new Answer(xml, second, null, null, validated);
        }

        static Answer error(int code, String message, int validated) {
            return new Answer(null, null, code, message, validated);
        }

        boolean refused() {
            return code != null;
        }
    }

    @Test
    void everyCorpusDomainDumpsAsLibvirtsTestDriverDumpsIt() throws Exception {
        Path root = LibvirtCorpus.root("the comparison with libvirt's test driver");
        requirePython();
        List<Path> files = files(root);
        assertThat(files).as("corpus domain documents").hasSizeGreaterThan(500);
        Map<Path, Answer> libvirt = libvirt(files);
        Map<String, String> differences = new TreeMap<>();
        int acceptedByLibvirt = 0;
        int identical = 0;
        int refusedAlike = 0;
        try (Connection conn = Jvirt.open("test:///default")) {
            for (Path file : files) {
                String name = root.relativize(file).toString();
                Answer theirs = libvirt.get(file);
                Answer ours = jvirt(conn, Files.readString(file, StandardCharsets.UTF_8));
                String difference = difference(theirs, ours, !Files.readString(file).contains("<uuid>"));
                if (!theirs.refused()) {
                    acceptedByLibvirt++;
                }
                if (difference == null) {
                    if (theirs.refused()) {
                        refusedAlike++;
                    } else {
                        identical++;
                    }
                } else {
                    differences.put(name, difference);
                }
            }
        }
        System.out.printf("LibvirtDumpComparisonTest: %d corpus domain documents; libvirt's test driver accepts %d,"
                        + " jvirt dumps %d of them identically; %d refused by both with libvirt's code;"
                        + " %d known differences%n", files.size(), acceptedByLibvirt, identical, refusedAlike,
                differences.size());
        new KnownDifferences(LibvirtDumpComparisonTest.class, DIFFERENCES, "LibvirtDumpComparisonTest")
                .check(differences, "Corpus domain documents");
    }

    /** The corpus's domain documents: libvirt 0.4.4's, the test driver's of 9.6, and the QEMU inputs of 5.5. */
    static List<Path> files(Path root) throws IOException {
        List<Path> files = new ArrayList<>(LibvirtCorpus.domainFiles(root));
        try (var qemu = Files.list(root.resolve("v5.5.0/qemuxml2argvdata-visible"))) {
            qemu.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().forEach(files::add);
        }
        return files;
    }

    static void requirePython() throws Exception {
        LibvirtPeers.requirePythonLibvirt("the comparison with libvirt's test driver");
    }

    /**
     * libvirt's answers, from runs of the oracle script over every file. libvirt itself sometimes
     * crashes (SIGSEGV, exit 139) on a document it answers the next time: the oracle is then run
     * again from the file it crashed on, saying so; a file it crashes on twice in a row fails the test.
     */
    static Map<Path, Answer> libvirt(List<Path> files) throws Exception {
        Path script = Files.createTempFile("define-dump", ".py");
        try (InputStream in = LibvirtDumpComparisonTest.class.getResourceAsStream("/oracle/define-dump.py")) {
            Files.copy(Objects.requireNonNull(in, "oracle/define-dump.py"), script,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Map<Path, Answer> answers = new LinkedHashMap<>();
            CrashRestarts.untilAnswered(files, answers, "the oracle", left -> runOracle(script, left, answers));
            return answers;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** One run of the oracle over {@code files}, its answers put into {@code answers}; returns its exit status. */
    private static int runOracle(Path script, List<Path> files, Map<Path, Answer> answers) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = new Thread(() -> {
            try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (Path f : files) {
                    w.write(f.toString());
                    w.write('\n');
                }
            } catch (IOException e) {
                // the oracle died before reading every path: its exit status tells
            }
        }, "oracle-feeder");
        feeder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the oracle finishes").isTrue();
        feeder.join();
        Base64.Decoder b64 = Base64.getDecoder();
        // Only whole lines count: one cut short by a crash is asked again.
        for (String line : out.substring(0, out.lastIndexOf('\n') + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            int validated = Integer.parseInt(f[1]);
            answers.put(Path.of(f[0]), f[2].equals("xml")
                    ? Answer.of(decode(b64, f[3]), decode(b64, f[4]), validated)
                    : Answer.error(Integer.parseInt(f[3]), decode(b64, f[5]), validated));
        }
        return p.exitValue();
    }

    private static String decode(Base64.Decoder b64, String field) {
        return new String(b64.decode(field), StandardCharsets.UTF_8);
    }

    /** jvirt's answer, as the oracle's: define, read back, define that, read back, undefine; define validating. */
    static Answer jvirt(Connection conn, String xml) {
        int validated = 0;
        try {
            conn.defineDomain(xml, DefineFlag.VALIDATE).undefine();
        } catch (VirtException e) {
            validated = e.code().number();
        }
        try {
            Domain d = conn.defineDomain(xml);
            try {
                String first = d.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE);
                d = conn.defineDomain(first);
                return Answer.of(first, d.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE), validated);
            } finally {
                d.undefine();
            }
        } catch (VirtException e) {
            return Answer.error(e.code().number(), e.getMessage(), validated);
        }
    }

    /** Null when the answers agree, else what differs first. */
    static String difference(Answer theirs, Answer ours, boolean randomUuid) {
        if (theirs.validated() != ours.validated()) {
            return "with VALIDATE, libvirt " + (theirs.validated() == 0 ? "accepts" : "refuses (" + theirs.validated() + ")")
                    + ", jvirt " + (ours.validated() == 0 ? "accepts" : "refuses (" + ours.validated() + ")");
        }
        if (theirs.refused() || ours.refused()) {
            if (theirs.refused() && ours.refused()) {
                return Objects.equals(theirs.code(), ours.code()) ? null
                        : "both refuse, libvirt with code " + theirs.code() + " (" + theirs.message() + "), jvirt with "
                                + ours.code() + " (" + ours.message() + ")";
            }
            return theirs.refused() ? "libvirt refuses (" + theirs.code() + ": " + theirs.message() + "), jvirt accepts"
                    : "libvirt accepts, jvirt refuses (" + ours.code() + ": " + ours.message() + ")";
        }
        Predicate<String> random = path -> randomUuid && path.equals("/domain/uuid");
        String first = Documents.difference(XmlReader.parse(theirs.xml()), XmlReader.parse(ours.xml()), random);
        if (first != null) {
            return first;
        }
        String second = Documents.difference(XmlReader.parse(theirs.second()), XmlReader.parse(ours.second()), random);
        return second == null ? null : "defined again: " + second;
    }
}
