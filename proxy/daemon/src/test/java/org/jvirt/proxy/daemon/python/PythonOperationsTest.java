package org.jvirt.proxy.daemon.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * python3-libvirt drives jvirtd as it drives libvirtd: {@code python/operations.py} (the connection, the
 * node, domain "test", a new domain through define, memory changes, start, suspend, resume, destroy and
 * undefine, networks, lookup failures, and every mutation refused on the read-only socket) runs against
 * Debian's libvirtd serving its test driver and against jvirtd serving jvirt's, and the two outputs must
 * be the same line for line — but for the differences {@link #ACCEPTED} lists with their reasons, each of
 * which must still occur (one that stopped occurring is to be removed from the list).
 */
class PythonOperationsTest {
    /** How an accepted difference may differ. */
    enum Kind {
        /** Both sides fail with the same error code and domain; only the message's words differ. */
        MESSAGE,
        /** The results differ as a whole. */
        RESULT
    }

    /** A line of output allowed to differ, and why. */
    record Accepted(String operation, Kind kind, String reason) {
    }

    /** Every difference from libvirtd accepted, in one place; none of them is jvirtd's own doing. */
    static final List<Accepted> ACCEPTED = List.of(
            new Accepted("getLibVersion", Kind.RESULT,
                    "virConnectGetLibVersion: libvirtd here is libvirt 9.0.0; jvirtd answers 9.6.0, the release whose"
                            + " protocol it serves (ConnectProcedures.LIBVIRT_API_VERSION)"),
            new Accepted("new.create again", Kind.RESULT,
                    "jvirt's test driver refuses to start a running domain with OPERATION_INVALID 'domain is already"
                            + " running' (driver-test LifecycleTest), libvirt's test driver with INTERNAL_ERROR"
                            + " \"Domain 'x' is already running\""),
            new Accepted("test.create while running", Kind.RESULT, "as 'new.create again'"),
            new Accepted("lookupByName after undefine", Kind.MESSAGE,
                    "jvirt's test driver names what it looked for ('no domain with matching name ...', as libvirt's"
                            + " QEMU driver; driver-test DefaultNodeTest), libvirt's test driver says 'Domain not found'"),
            new Accepted("lookupByName of a missing domain", Kind.MESSAGE, "as 'lookupByName after undefine'"),
            new Accepted("lookupByUUIDString of a missing domain", Kind.MESSAGE, "as 'lookupByName after undefine'"),
            new Accepted("lookupByID of a missing domain", Kind.MESSAGE, "as 'lookupByName after undefine'"),
            new Accepted("defineXML of malformed XML", Kind.RESULT,
                    "jvirt parses XML with the JDK's parser and reports XML_ERROR from VIR_FROM_XML with its message;"
                            + " libvirt reports libxml2's message as XML_DETAIL from VIR_FROM_DOMAIN"));

    private static final Pattern LINE = Pattern.compile("^([^:]+): (.*)$");
    private static final Pattern ERROR = Pattern.compile("^(error code=-?\\d+ domain=-?\\d+) message=.*$");

    @Test
    void pythonSeesWhatLibvirtdShowsIt(@TempDir Path dir) throws Exception {
        PythonLibvirt.require();
        String fromLibvirtd;
        try (Libvirtd libvirtd = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")))) {
            fromLibvirtd = PythonLibvirt.run(dir, "operations.py", libvirtd.socket().toString(),
                    libvirtd.readOnlySocket().toString());
        }
        String fromJvirtd;
        try (RunningJvirtd jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")))) {
            fromJvirtd = PythonLibvirt.run(dir, "operations.py", jvirtd.socket().toString(), jvirtd.readOnlySocket().toString());
        }

        Map<String, String> expected = results(fromLibvirtd);
        Map<String, String> actual = results(fromJvirtd);
        assertThat(actual.keySet()).as("the operations jvirtd's run printed, in order").containsExactlyElementsOf(expected.keySet());
        List<String> unaccepted = new ArrayList<>();
        List<Accepted> seen = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String op = e.getKey();
            String libvirt = e.getValue();
            String jvirt = actual.get(op);
            if (libvirt.equals(jvirt)) {
                continue;
            }
            Accepted a = ACCEPTED.stream().filter(x -> x.operation().equals(op)).findFirst().orElse(null);
            if (a != null && (a.kind() == Kind.RESULT || sameError(libvirt, jvirt))) {
                seen.add(a);
            } else {
                unaccepted.add(op + "\n    libvirtd: " + libvirt + "\n    jvirtd:   " + jvirt);
            }
        }
        assertThat(unaccepted).as("differences from libvirtd nobody accepted").isEmpty();
        assertThat(ACCEPTED).as("accepted differences that still occur (remove the ones that no longer do)")
                .containsExactlyInAnyOrderElementsOf(seen);
    }

    /** Operation to result, in the order printed; an operation printed twice is the script's mistake. */
    private static Map<String, String> results(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("a line of operations.py: " + line).isTrue();
            assertThat(out.put(m.group(1), m.group(2))).as("operation printed twice: " + m.group(1)).isNull();
        }
        return out;
    }

    private static boolean sameError(String libvirt, String jvirt) {
        Matcher l = ERROR.matcher(libvirt);
        Matcher j = ERROR.matcher(jvirt);
        return l.matches() && j.matches() && l.group(1).equals(j.group(1));
    }
}
