package org.jvirt.driver.qemu.oracle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.core.Jvirt;
import org.jvirt.driver.qemu.Peers;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.tck.oracle.Documents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvirt 9's QEMU driver is the oracle for what the QEMU driver does with a domain document: every
 * QEMU test input of libvirt 5.5 ({@code v5.5.0/qemuxml2argvdata-visible}, the i686 emulator read as
 * {@code qemu-system-i386}) is defined into {@code qemu:///embed} by libvirt (see {@link QemuOracle})
 * and by jvirt, and the answers are compared: whether it is accepted and with which error code it is
 * refused; the definition read back (INACTIVE | SECURE) as a whole document, and read back again
 * after defining that; and the command line {@code domxml-to-native qemu-argv} gives, from the
 * emulator on (the environment before it names the host), with each side's root directory, and the
 * UUIDs and MAC addresses each chose at random, made alike.
 *
 * <p>Each comparison has its list of known differences under {@code oracle/}: a difference not listed
 * fails, and so does a listed one that closed. The figures are printed.
 */
class LibvirtQemuComparisonTest {
    private static final Pattern MAC = Pattern.compile("52:54:00(:[0-9a-f]{2}){3}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** jvirt's answer for one document, as the oracle's. */
    record Answer(String xml, String second, String argv, String argvError, Integer code, String message) {
        boolean refused() {
            return code != null;
        }
    }

    private static Map<String, String> documents;
    private static QemuOracle libvirt;
    private static Map<String, Answer> jvirt;
    private static Path jvirtRoot;

    @BeforeAll
    static void askBoth(@TempDir Path dir) throws Exception {
        Peers.x86();
        documents = QemuOracle.corpusDocuments("the comparison with libvirt's QEMU driver");
        libvirt = QemuOracle.ask(documents);
        jvirtRoot = dir.resolve("root");
        jvirt = new LinkedHashMap<>();
        try (Connection conn = Jvirt.open("qemu:///embed?root=" + jvirtRoot)) {
            documents.forEach((name, xml) -> jvirt.put(name, jvirt(conn, xml)));
        }
        String keep = System.getProperty("jvirt.qemu.oracleOutput");
        if (keep != null) {
            writeAnswers(Path.of(keep));
        }
    }

    /**
     * For working on a difference: each side's answers as files, {@code DIR/libvirt/NAME.xml},
     * {@code .second.xml}, {@code .argv} or {@code .error}, and the same under {@code DIR/jvirt/}
     * (run with {@code -Djvirt.qemu.oracleOutput=DIR}).
     */
    private static void writeAnswers(Path dir) throws java.io.IOException {
        for (String side : new String[] {"libvirt", "jvirt"}) {
            Files.createDirectories(dir.resolve(side));
        }
        for (String name : documents.keySet()) {
            QemuOracle.Answer l = libvirt.answers.get(name);
            Answer j = jvirt.get(name);
            String input = documents.get(name);
            write(dir.resolve("libvirt"), name, l.refused() ? null : randomless(l.xml(), input),
                    l.refused() ? null : randomless(l.second(), input),
                    l.argv() == null ? null : emulatorOn(randomless(l.argv(), input).replace(libvirt.root.toString(), "ROOT")),
                    l.refused() ? l.code() + ": " + l.message() : l.argv() == null ? l.argvCode() + ": " + l.argvMessage() : null);
            write(dir.resolve("jvirt"), name, j.refused() ? null : randomless(j.xml(), input),
                    j.refused() ? null : randomless(j.second(), input),
                    j.argv() == null ? null : emulatorOn(randomless(j.argv(), input).replace(jvirtRoot.toString(), "ROOT")),
                    j.refused() ? j.code() + ": " + j.message() : j.argvError());
        }
        System.out.println("LibvirtQemuComparisonTest: wrote both sides' answers under " + dir.toAbsolutePath());
    }

    private static void write(Path dir, String name, String xml, String second, String argv, String error)
            throws java.io.IOException {
        if (xml != null) {
            Files.writeString(dir.resolve(name + ".xml"), xml);
            Files.writeString(dir.resolve(name + ".second.xml"), second);
        }
        if (argv != null) {
            Files.writeString(dir.resolve(name + ".argv"), argv.replace(" -", " \\\n-") + "\n");
        }
        if (error != null) {
            Files.writeString(dir.resolve(name + ".error"), error + "\n");
        }
    }

    @AfterAll
    static void deleteOracle() throws Exception {
        if (libvirt != null) {
            libvirt.delete();
        }
    }

    private static Answer jvirt(Connection conn, String xml) {
        Domain d;
        try {
            d = conn.defineDomain(xml);
        } catch (VirtException e) {
            return new Answer(null, null, null, null, e.code().number(), e.getMessage());
        }
        try {
            String first = d.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE);
            String argv = null;
            String argvError = null;
            try {
                argv = conn.domainXmlToNative("qemu-argv", first);
            } catch (VirtException e) {
                argvError = e.code().number() + ": " + e.getMessage();
            }
            String second;
            try {
                d = conn.defineDomain(first);
                second = d.xmlDesc(XmlFlag.INACTIVE, XmlFlag.SECURE);
            } catch (VirtException e) {
                second = "<refused code='" + e.code().number() + "'>" + e.getMessage() + "</refused>";
            }
            return new Answer(first, second, argv, argvError, null, null);
        } finally {
            d.undefine();
        }
    }

    /** (a) and (b): what libvirt defines jvirt defines, what libvirt refuses jvirt refuses with its code. */
    @Test
    void documentsAreAcceptedAndRefusedAsLibvirtsQemuDriverDoes() throws Exception {
        Map<String, String> differences = new TreeMap<>();
        int accepted = 0;
        int acceptedToo = 0;
        int refused = 0;
        int refusedToo = 0;
        int sameCode = 0;
        for (String name : documents.keySet()) {
            QemuOracle.Answer theirs = libvirt.answers.get(name);
            Answer ours = jvirt.get(name);
            if (!theirs.refused()) {
                accepted++;
                if (ours.refused()) {
                    differences.put(name, "libvirt accepts, jvirt refuses (" + ours.code() + ": " + ours.message() + ")");
                } else {
                    acceptedToo++;
                }
            } else {
                refused++;
                if (!ours.refused()) {
                    differences.put(name, "libvirt refuses (" + theirs.code() + ": " + theirs.message() + "), jvirt accepts");
                } else {
                    refusedToo++;
                    if (theirs.code().equals(ours.code())) {
                        sameCode++;
                    } else {
                        differences.put(name, "both refuse, libvirt with " + theirs.code() + " (" + theirs.message()
                                + "), jvirt with " + ours.code() + " (" + ours.message() + ")");
                    }
                }
            }
        }
        System.out.printf("LibvirtQemuComparisonTest: %d documents; (a) libvirt defines %d, jvirt %d of them (%.1f%%);"
                        + " (b) libvirt refuses %d, jvirt %d of them (%d with libvirt's code)%n", documents.size(),
                accepted, acceptedToo, 100.0 * acceptedToo / accepted, refused, refusedToo, sameCode);
        QemuOracle.ratchet("oracle/qemu-verdict-differences.txt", "LibvirtQemuComparisonTest", differences);
    }

    /** (c): the definitions both accept read back as the same document, and again after defining that. */
    @Test
    void definitionsReadBackAsLibvirtsQemuDriverReadsThem() throws Exception {
        Map<String, String> differences = new TreeMap<>();
        int both = 0;
        int identical = 0;
        for (String name : documents.keySet()) {
            QemuOracle.Answer theirs = libvirt.answers.get(name);
            Answer ours = jvirt.get(name);
            if (theirs.refused() || ours.refused()) {
                continue;
            }
            both++;
            String input = documents.get(name);
            String difference = Documents.difference(XmlReader.parse(randomless(theirs.xml(), input)),
                    XmlReader.parse(randomless(ours.xml(), input)), path -> false);
            if (difference == null) {
                difference = Documents.difference(XmlReader.parse(randomless(theirs.second(), input)),
                        XmlReader.parse(randomless(ours.second(), input)), path -> false);
                difference = difference == null ? null : "defined again: " + difference;
            }
            if (difference == null) {
                identical++;
            } else {
                differences.put(name, difference);
            }
        }
        int accepted = (int) libvirt.answers.values().stream().filter(a -> !a.refused()).count();
        System.out.printf("LibvirtQemuComparisonTest: (c) of %d documents libvirt defines, %d (%.1f%%) read back"
                + " identically; %d defined by both%n", accepted, identical, 100.0 * identical / accepted, both);
        QemuOracle.ratchet("oracle/qemu-dump-differences.txt", "LibvirtQemuComparisonTest", differences);
    }

    /** (d): the command line of each definition libvirt builds one for is jvirt's too. */
    @Test
    void commandLinesAreLibvirtsQemuDriversCommandLines() throws Exception {
        Map<String, String> differences = new TreeMap<>();
        int built = 0;
        int identical = 0;
        int theirOptions = 0;
        int sharedOptions = 0;
        for (String name : documents.keySet()) {
            QemuOracle.Answer theirs = libvirt.answers.get(name);
            Answer ours = jvirt.get(name);
            if (theirs.argv() == null) {
                continue;
            }
            List<String> theirList = options(emulatorOn(randomless(theirs.argv(), documents.get(name))
                    .replace(libvirt.root.toString(), "ROOT")));
            theirOptions += theirList.size();
            built++;
            if (ours.refused() || ours.argv() == null) {
                differences.put(name, ours.refused() ? "jvirt refuses the definition"
                        : "jvirt builds no command line (" + ours.argvError() + ")");
                continue;
            }
            String input = documents.get(name);
            String a = emulatorOn(randomless(theirs.argv(), input).replace(libvirt.root.toString(), "ROOT"));
            String b = emulatorOn(randomless(ours.argv(), input).replace(jvirtRoot.toString(), "ROOT"));
            List<String> left = new java.util.ArrayList<>(options(b));
            for (String o : theirList) {
                if (left.remove(o)) {
                    sharedOptions++;
                }
            }
            String difference = argvDifference(a, b);
            if (difference == null) {
                identical++;
            } else {
                differences.put(name, difference);
            }
        }
        System.out.printf("LibvirtQemuComparisonTest: (d) of %d command lines libvirt builds, jvirt's is the same for"
                + " %d (%.1f%%); of their %d options (each with its value), jvirt's lines have %d (%.1f%%)%n", built,
                identical, 100.0 * identical / built, theirOptions, sharedOptions, 100.0 * sharedOptions / theirOptions);
        QemuOracle.ratchet("oracle/qemu-argv-differences.txt", "LibvirtQemuComparisonTest", differences);
    }

    /** The MAC addresses and UUIDs the input did not give, which each side chose at random, made alike. */
    static String randomless(String text, String input) {
        text = replaceAbsent(MAC, text, input, "52:54:00:00:00:00");
        // a variable clock starts from the time of the answer, which differs between the two sides (and
        // libvirt's answer is cached); the offset's arithmetic is QemuCommandBuilderTest's, on a fixed clock
        text = RTC_BASE.matcher(text).replaceAll("-rtc base=DATETIME");
        return replaceAbsent(UUID, text, input, "00000000-0000-0000-0000-000000000000");
    }

    private static final Pattern RTC_BASE = Pattern.compile("-rtc base=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");

    private static String replaceAbsent(Pattern p, String text, String input, String with) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, input.contains(m.group()) ? m.group() : with);
        }
        return m.appendTail(out).toString();
    }

    /** The command line from the emulator's path on: before it, libvirt names the environment of its host. */
    static String emulatorOn(String argv) {
        // one line, as libvirt prints it (jvirt breaks its lines before each option)
        argv = argv.replace(" \\\n", " ").strip();
        int at = argv.indexOf("/usr/bin/qemu-system-");
        return at < 0 ? argv : argv.substring(at).strip();
    }

    /** A command line's options, each with its value: {@code -m 214}. */
    static List<String> options(String argv) {
        return List.of(argv.split(" (?=-)"));
    }

    /** Null when two command lines are the same, else the first argument where they part. */
    static String argvDifference(String libvirt, String jvirt) {
        if (libvirt.equals(jvirt)) {
            return null;
        }
        String[] a = libvirt.split(" (?=-)");
        String[] b = jvirt.split(" (?=-)");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "argument " + (i + 1) + ": libvirt '" + a[i] + "', jvirt '" + b[i] + "'";
            }
        }
        return a.length > b.length ? "libvirt has more arguments, first '" + a[b.length] + "'"
                : "jvirt has more arguments, first '" + b[a.length] + "'";
    }
}
