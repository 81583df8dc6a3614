package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real {@code virsh} (libvirt 9) and jvirsh on the same scripts against {@code test:///default}
 * and compares stdout, stderr and the exit code line by line.
 *
 * <p>Each script starts from the pristine node on both sides: virsh is a new process each time, and
 * jvirsh (run in this JVM) closes its connection at the end of each run, which makes the test driver
 * forget the default node's state.
 *
 * <p>Reviewed differences, and only these, are ignored:
 * <ul>
 *   <li>{@code CPU time:} of dominfo: a clock reading, different on every run;</li>
 *   <li>the library name and number in {@code version}'s first three lines: jvirt where virsh says
 *       libvirt (the hypervisor line is compared).</li>
 * </ul>
 */
class VirshSideBySideTest {
    /** libvirt's virsh; {@code -Djvirsh.virsh=PATH} points elsewhere (or nowhere, to see the skip). */
    private static final Path VIRSH = Path.of(System.getProperty("jvirsh.virsh", "/usr/bin/virsh"));
    private static final Path FILES = Path.of("target", "side-by-side").toAbsolutePath();
    private static final String D1_XML = DomainLifecycleCommandsTest.D1_XML;

    private static final Pattern IGNORED_LINE = Pattern.compile("^CPU time:.*$");
    private static final Pattern LIBRARY_VERSION = Pattern.compile(
            "^(Compiled against library: |Using library: |Using API: \\S+ )(libvirt |jvirt )?[0-9.]+$");

    @BeforeAll
    static void needsVirsh() {
        if (!Files.isExecutable(VIRSH)) {
            String why = "VirshSideBySideTest skipped: the side-by-side comparison needs libvirt's virsh at "
                    + VIRSH + ", which is not installed here (Debian: apt-get install libvirt-clients)";
            System.err.println(why); // surefire's summary shows only a count of skipped tests
            if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
                throw new AssertionError("JVIRT_REQUIRE_PEERS is set: " + why);
            }
            Assumptions.abort(why);
        }
    }

    static Stream<String> scripts() {
        String d1 = file("d1.xml", D1_XML);
        String image = FILES.resolve("test.img").toString();
        String missing = FILES.resolve("nosuch.xml").toString();
        return Stream.of(
                "dominfo test; nodeinfo; net-dumpxml default",
                "list --all",
                "list; list --inactive; list --name; list --uuid --name; list --id --all",
                "destroy test; domstate test --reason; start test; list --all",
                "dumpxml test",
                "dumpxml --inactive test; dumpxml --security-info test",
                "capabilities",
                "version; uri; hostname",
                "net-list; net-list --all; net-list --inactive; net-list --name; net-list --uuid",
                "dominfo nosuch",
                "dominfo nosuch; domstate test",
                "domstate test; dominfo nosuch",
                "foo",
                "domstate test; foo; domstate test",
                "dominfo",
                "setvcpus",
                "dominfo test extra",
                "dominfo --foo test",
                "list --name --table",
                "net-list --name --uuid",
                "net-dumpxml nosuch",
                "dominfo 1; dominfo 6695eb01-f6a4-8304-79aa-97f2502e193f; dominfo 2",
                "domid test; domname 1; domuuid test; domid 1; domname test",
                "suspend test; suspend test; resume test; resume test; domstate --reason test",
                "start test",
                "destroy test; suspend test; resume test; shutdown test; reboot test; setmem test 1000",
                "create " + d1 + "; undefine d1; list --all; dominfo d1",
                "reboot test; domstate --reason test",
                "shutdown test; domstate --reason test; reboot test; destroy test",
                "define " + d1 + "; list --all; dominfo d1; start d1; list; undefine d1; list --all; destroy d1; "
                        + "list --all",
                "create " + d1 + "; list --all; create " + d1,
                "define " + missing,
                "define " + FILES,
                "save test " + image + "; list --all; domstate --reason test; save test " + image + "; restore "
                        + image + "; domstate --reason test; list",
                "setmem test 1G; dominfo test; setmem test 512M; setmem test --size 100000; setmem test 100G; "
                        + "setmem test abc; setmem test -5; setmem test 2.5G; setmem test 1xyz",
                "setmaxmem test 4G; destroy test; setmaxmem test 1G; dominfo test; setmem test 2G",
                "setvcpus test 1; dominfo test; setvcpus test 5; setvcpus test 0; setvcpus test abc; "
                        + "setvcpus test -1; setvcpus test 4294967296",
                "setmem nosuch --live --current 5; setvcpus nosuch abc",
                "domstate 'test'; domstate \"te\"st; domstate test # comment",
                "domstate \"test",
                "domstate -- --reason",
                "help uri; dominfo --help; help nosuch",
                "domid test; quit; domid test");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void sameAsVirsh(String script) throws Exception {
        Run virsh = runVirsh("-c", Jvirsh.URI, script);
        Jvirsh.Result jvirsh = Jvirsh.script(script);
        assertThat(normalize(jvirsh.out())).as("stdout of %s", script).isEqualTo(normalize(virsh.out()));
        assertThat(jvirsh.err()).as("stderr of %s", script).isEqualTo(virsh.err());
        assertThat(jvirsh.exitCode()).as("exit code of %s", script).isEqualTo(virsh.exitCode());
    }

    /** The output without the reviewed differences. */
    static List<String> normalize(String out) {
        return out.lines()
                .filter(line -> !IGNORED_LINE.matcher(line).matches())
                .map(line -> LIBRARY_VERSION.matcher(line).replaceAll("$1<library version>"))
                .collect(Collectors.toList());
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run runVirsh(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(VIRSH.toString()), Stream.of(args)).toList());
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("VIRSH_DEFAULT_CONNECT_URI");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.redirectInput(new File("/dev/null"));
        Path out = Files.createTempFile("virsh", ".out");
        Path err = Files.createTempFile("virsh", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("virsh did not finish within 60 s: " + String.join(" ", args));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Writes a file both tools read, under target/; its path goes into the scripts. */
    private static String file(String name, String content) {
        try {
            Files.createDirectories(FILES);
            return Files.writeString(FILES.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
