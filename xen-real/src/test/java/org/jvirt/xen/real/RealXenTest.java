package org.jvirt.xen.real;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.tck.oracle.LibvirtPeers;

/**
 * jvirt's Xen drivers against a real Xen 4.17: boots the test machine once ({@link TestMachine}: Xen and a PV dom0
 * under QEMU, from Debian's packages), in whose dom0 one JVM runs the tests of {@code org.jvirt.xen.real.dom0} and
 * driver-hypercall's own {@code RealXenTest}; here each of them becomes one test of the same name, passing, failing
 * with dom0's message and stack trace, or skipped with dom0's reason. A machine that does not boot, hangs, crashes
 * or brings no reports back fails this test with the end of its serial log. Without QEMU or Debian's apt on the
 * host, or when apt cannot fetch the packages, it is skipped with the reason, or fails under
 * {@code JVIRT_REQUIRE_PEERS}.
 */
class RealXenTest {
    /** What dom0 runs: every test of these packages and classes. */
    static final String DOM0_PACKAGE = "org.jvirt.xen.real.dom0";
    static final String DRIVER_TEST = "org.jvirt.driver.hypercall.privcmd.RealXenTest";
    /** Lines of the serial log a failure shows. */
    static final int TAIL = 60;

    @TestFactory
    Stream<DynamicTest> testsInDom0() throws Exception {
        requireHostTools();
        TestMachine machine = new TestMachine(Path.of(System.getProperty("jvirt.xenReal.boot")),
                Path.of(System.getProperty("jvirt.xenReal.work")),
                Duration.ofSeconds(Long.getLong("jvirt.xenReal.bootTimeoutSeconds", 420)));
        long start = System.nanoTime();
        int status = machine.run(javaArguments(machine.reports()), environment());
        double seconds = (System.nanoTime() - start) / 1e9;
        Integer jobExit = machine.jobExit();
        if (jobExit == null) {
            if (status == TestMachine.CANNOT_FETCH) {
                LibvirtPeers.unavailable("the real-Xen test machine's Debian packages cannot be fetched with apt-get"
                        + " download (run apt-get update as root first):\n"
                        + TestMachine.tail(machine.harnessLog(), 20));
            }
            fail(why(status) + "; dom0 never finished its job. Serial log: " + machine.serialLog() + "; harness log: "
                    + machine.harnessLog() + "\n--- harness log:\n" + TestMachine.tail(machine.harnessLog(), 20)
                    + "\n--- last " + TAIL + " lines of the serial log:\n"
                    + TestMachine.tail(machine.serialLog(), TAIL));
        }
        Dom0Report report = Dom0Report.read(machine.reports());
        if (report.cases().isEmpty()) {
            fail("dom0's JVM exited with " + jobExit + " and reported no test. Its output: " + machine.jobLog() + "\n"
                    + TestMachine.tail(machine.jobLog(), TAIL));
        }
        double inDom0 = report.cases().stream().mapToDouble(Dom0Report.Case::seconds).sum();
        System.out.printf("RealXenTest: the test machine ran %d tests in dom0 (%.1f s of tests) in %.1f s in all;"
                + " serial log %s%n", report.cases().size(), inDom0, seconds, machine.serialLog());
        List<DynamicTest> tests = new ArrayList<>();
        for (Dom0Report.Case c : report.cases()) {
            tests.add(DynamicTest.dynamicTest(c.displayName(), () -> replay(c)));
        }
        boolean anyFailed = report.cases().stream().anyMatch(c -> c.outcome() == Dom0Report.Outcome.FAILED);
        if (jobExit != 0 && !anyFailed) {
            tests.add(DynamicTest.dynamicTest("dom0's test JVM", () -> fail("dom0's JVM exited with " + jobExit
                    + " though no test failed. Its output: " + machine.jobLog() + "\n"
                    + TestMachine.tail(machine.jobLog(), TAIL))));
        }
        return tests.stream();
    }

    private static void replay(Dom0Report.Case c) {
        switch (c.outcome()) {
            case PASSED -> { }
            case FAILED -> fail("in dom0: " + c.message() + "\n" + c.detail());
            case SKIPPED -> Assumptions.abort("in dom0: " + c.message());
        }
    }

    /**
     * The console launcher over this JVM's class path, its temporary files in dom0's memory, not the read-only host.
     * Under TCG every instruction is emulated: C1 alone and the serial collector spend about 40% less CPU on the
     * run than C2's compiler threads and G1 do.
     */
    /** The C programs dom0's tests compile (against the host's headers and libraries, which dom0 sees too). */
    private static final Path C_SOURCES = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolve("src/test/c");

    private static List<String> javaArguments(Path reports) {
        List<String> args = new ArrayList<>(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=/run/jtmp", "-Djna.tmpdir=/run/jtmp",
                "-Djvirt.xenReal.cSources=" + C_SOURCES, "-Djvirt.tck.reportDir=" + reports.resolve("tck"),
                "-cp", System.getProperty("java.class.path"), "org.junit.platform.console.ConsoleLauncher", "execute",
                "--disable-banner", "--disable-ansi-colors", "--details=tree", "--fail-if-no-tests",
                // Classes in their @Order: XenstoredRestartTest restarts dom0's daemons, after the others.
                "--config=junit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$OrderAnnotation",
                "--reports-dir", reports.toString()));
        String only = System.getProperty("jvirt.xenReal.select", "");
        if (only.isBlank()) {
            args.addAll(List.of("--select-package", DOM0_PACKAGE, "--select-class", DRIVER_TEST));
        } else {
            // by hand, while working on some of them: -Djvirt.xenReal.select=CLASS[,CLASS...]
            for (String c : only.split(",")) {
                args.addAll(List.of("--select-class", c.contains(".") ? c.strip() : DOM0_PACKAGE + "." + c.strip()));
            }
        }
        return args;
    }

    /** driver-hypercall's test fails rather than skips without privcmd; CI's demand for peers goes along. */
    private static List<String> environment() {
        List<String> env = new ArrayList<>(List.of("JVIRT_REQUIRE_XEN=1"));
        if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
            env.add("JVIRT_REQUIRE_PEERS=1");
        }
        return env;
    }

    private static String why(int status) {
        return switch (status) {
            case -1 -> "the test machine outlived its time limit and was killed";
            case 124, 137 -> "QEMU was killed at the boot time limit (the machine hung)";
            case 0 -> "QEMU ended normally";
            default -> "boot/run.sh or QEMU exited with " + status;
        };
    }

    /** What the harness needs of the host: Debian's apt and dpkg, xz, QEMU, an x86_64 machine. */
    private static void requireHostTools() {
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            LibvirtPeers.unavailable("the real-Xen test machine boots x86_64 Xen under QEMU TCG on an x86_64 host, not "
                    + arch);
        }
        for (String tool : new String[] {"/usr/bin/qemu-system-x86_64", "/usr/bin/apt-get", "/usr/bin/dpkg-deb",
                "/usr/bin/xz"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                LibvirtPeers.unavailable("the real-Xen test machine needs " + tool + " (Debian: apt-get install"
                        + " qemu-system-x86 xz-utils)");
            }
        }
    }
}
