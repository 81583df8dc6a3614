package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of the places where what virsh prints through jvirtd may differ from what it prints
 * through libvirt, each with its reason. Everything else must be byte-identical.
 *
 * <p>A comparison names the differences it expects, and only those are masked in it. Each must still
 * occur: its text is found in libvirt's output and, where jvirt prints something in its place, in
 * jvirt's; and unless the values come from a clock (and may coincide), they must really differ. A
 * difference that went away therefore fails the test, so this list stays true.
 */
final class AcceptedDifferences {
    /**
     * One accepted difference.
     *
     * @param inLibvirt where it is in libvirt's output; group 1, if the pattern has one, is the part that differs
     * @param inJvirt where it is in jvirt's output, likewise; null when jvirt prints nothing there (libvirt's text is dropped)
     * @param mayCoincide whether both may print the same by chance (values read from a clock)
     */
    record Difference(String name, Pattern inLibvirt, Pattern inJvirt, boolean mayCoincide, String why) {
    }

    /**
     * libvirt's test driver reports the time of day as a domain's CPU time (testDomainGetInfo:
     * gettimeofday), and a tenth of it as each vCPU's (testDomainGetVcpus); jvirt's test driver does the
     * same, read at another moment.
     */
    static final Difference TEST_DRIVER_CPU_TIME = new Difference("test-driver CPU time",
            Pattern.compile("(?m)^CPU time:\\s+(\\d+\\.\\d)s$"), Pattern.compile("(?m)^CPU time:\\s+(\\d+\\.\\d)s$"), true,
            "the test drivers derive CPU time from the time of day, read at different moments");

    /** A real guest's CPU time is what its QEMU process has used so far. */
    static final Difference GUEST_CPU_TIME = new Difference("guest CPU time",
            Pattern.compile("(?m)^CPU time:\\s+(\\d+\\.\\d)s$"), Pattern.compile("(?m)^CPU time:\\s+(\\d+\\.\\d)s$"), true,
            "two QEMU processes use different amounts of CPU");

    /** {@code virsh uri} prints the client's own URI, which names each daemon's socket. */
    static final Difference SOCKET_IN_URI = new Difference("socket in the URI",
            Pattern.compile("(?m)^[a-z+]+:///\\w+\\?socket=(\\S+)$"), Pattern.compile("(?m)^[a-z+]+:///\\w+\\?socket=(\\S+)$"),
            false, "each daemon listens in a directory of its own");

    /**
     * {@code version --daemon} prints the daemon's library version (virConnectGetLibVersion): libvirtd here is
     * libvirt 9.0.0; jvirtd answers 9.6.0, the release whose protocol it serves, so that tools that gate on
     * the number (Nova, virt-manager) proceed.
     */
    static final Difference DAEMON_VERSION = new Difference("daemon's library version",
            Pattern.compile("(?m)^Running against daemon: (\\S+)$"), Pattern.compile("(?m)^Running against daemon: (\\S+)$"), false,
            "jvirtd serves libvirt 9.6's protocol and says so; libvirtd here is 9.0");

    /**
     * libvirt 9's test driver accepts a scheduler weight and drops it (testDomainSetSchedulerParametersFlags:
     * the assignment is commented out, "XXX"), so {@code schedinfo --set weight=N} still shows 50; jvirt's
     * test driver keeps the weight it is given.
     */
    static final Difference SCHEDULER_WEIGHT_KEPT = new Difference("scheduler weight kept",
            Pattern.compile("(?m)^weight\\s+: (\\d+)$"), Pattern.compile("(?m)^weight\\s+: (\\d+)$"), false,
            "libvirt's test driver forgets a weight it was given (an XXX in test_driver.c); jvirt's keeps it");

    /**
     * A document that is not well-formed: libvirt reports libxml2's message with the line and a caret,
     * jvirt the message of Java's XML parser.
     */
    static final Difference XML_PARSER_MESSAGE = new Difference("XML parser's message",
            Pattern.compile("(?m)^error: (\\(domain_definition\\):\\d+: .*\\n.*\\n-*\\^)$"),
            Pattern.compile("(?m)^error: (XML error: line \\d+, column \\d+: .*)$"), false,
            "jvirt parses XML with Java's parser, whose messages are not libxml2's");

    /**
     * jvirt's QEMU driver has no security driver and does not implement virNodeGetSecurityModel (NO_SUPPORT,
     * which virsh passes over in silence); libvirt's QEMU driver without one reports model "none", DOI "0".
     */
    static final Difference QEMU_SECURITY_MODEL = new Difference("QEMU security model",
            Pattern.compile("(?m)^Security model: none\\nSecurity DOI:   0\\n"), null, false,
            "jvirt's QEMU driver does not answer virNodeGetSecurityModel");

    private AcceptedDifferences() {
    }

    /**
     * Asserts that jvirt's output equals libvirt's once {@code expected} are masked, and that each of them
     * still occurs.
     *
     * @param what the commands compared, for the failure message
     */
    static void assertSame(String what, Virsh.Result libvirt, Virsh.Result jvirt, Difference... expected) {
        String l = libvirt.whole();
        String j = jvirt.whole();
        for (Difference d : expected) {
            List<String> inL = new ArrayList<>();
            List<String> inJ = new ArrayList<>();
            l = mask(l, d.inLibvirt(), d.inJvirt() == null ? "" : "«" + d.name() + "»", inL);
            if (d.inJvirt() != null) {
                j = mask(j, d.inJvirt(), "«" + d.name() + "»", inJ);
            }
            assertThat(inL).as("accepted difference '%s' (%s) no longer occurs in libvirt's output of %s:%n%s",
                    d.name(), d.why(), what, libvirt.whole()).isNotEmpty();
            if (d.inJvirt() != null) {
                assertThat(inJ).as("accepted difference '%s' (%s) no longer occurs in jvirt's output of %s:%n%s",
                        d.name(), d.why(), what, jvirt.whole()).isNotEmpty();
                if (!d.mayCoincide()) {
                    assertThat(inJ).as("accepted difference '%s' (%s) is gone: jvirt now prints what libvirt prints in %s",
                            d.name(), d.why(), what).isNotEqualTo(inL);
                }
            }
        }
        assertThat(j).as("virsh %s through jvirtd, against libvirt's output", what).isEqualTo(l);
    }

    /** {@code text} with every match of {@code p} (its group 1 if it has one) replaced by {@code by}; the replaced parts go to {@code found}. */
    private static String mask(String text, Pattern p, String by, List<String> found) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            int g = m.groupCount() >= 1 ? 1 : 0;
            found.add(m.group(g));
            b.append(text, last, m.start(g)).append(by);
            last = m.end(g);
        }
        return b.append(text.substring(last)).toString();
    }
}
