package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.Jvirsh.URI;
import static org.jvirt.cli.Jvirsh.errors;
import static org.jvirt.cli.Jvirsh.lines;
import static org.jvirt.cli.Jvirsh.run;
import static org.jvirt.cli.Jvirsh.script;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How jvirsh reads its command line and scripts, and its exit codes: all as virsh 9. */
class CommandLineTest {

    @Test
    void commandsRunInOrderOnOneConnectionWithABlankLineAfterEach() {
        Jvirsh.Result r = script("domstate test; destroy test; domstate test");
        assertThat(r.out()).isEqualTo(lines("running", "", "Domain 'test' destroyed", "", "shut off", ""));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aFailedCommandDoesNotStopTheNextAndTheLastDecidesTheExitCode() {
        Jvirsh.Result r = script("dominfo nosuch; domstate test");
        assertThat(r.out()).isEqualTo("\nrunning\n\n");
        assertThat(r.err()).isEqualTo(errors("failed to get domain 'nosuch'"));
        assertThat(r.exitCode()).isZero();

        Jvirsh.Result last = script("domstate test; dominfo nosuch");
        assertThat(last.out()).isEqualTo("running\n\n\n");
        assertThat(last.exitCode()).isEqualTo(1);
    }

    @Test
    void unknownCommand() {
        Jvirsh.Result r = script("foo");
        assertThat(r.err()).isEqualTo(errors("unknown command: 'foo'"));
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aSyntaxErrorAnywhereRunsNothing() {
        Jvirsh.Result r = script("destroy test; foo; domstate test");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(errors("unknown command: 'foo'"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(script("domstate test; dominfo").err())
                .isEqualTo(errors("command 'dominfo' requires <domain> option"));
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("dominfo", "command 'dominfo' requires <domain> option"),
                Arguments.of("dominfo test extra", "unexpected data 'extra'"),
                Arguments.of("dominfo --foo test", "command 'dominfo' doesn't support option --foo"),
                Arguments.of("dominfo --domain", "expected syntax: --domain <string>"),
                Arguments.of("setvcpus test --count", "expected syntax: --count <number>"),
                Arguments.of("dominfo test --domain test", "option --domain already seen"),
                Arguments.of("list --all --all", "option --all already seen"),
                Arguments.of("domstate --reason=yes test", "invalid '=' after option --reason"),
                Arguments.of("domstate \"test", "missing \""),
                Arguments.of("domstate test\\", "dangling \\"));
    }

    @ParameterizedTest
    @MethodSource
    void syntaxErrors(String command, String message) {
        Jvirsh.Result r = script(command);
        assertThat(r.err()).isEqualTo(errors(message));
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "domstate 'test'",
            "domstate \"te\"st",
            "domstate te\\st",
            "domstate 'test",
            "domstate test # a comment",
            "domstate --domain=test",
            "domstate -- test"})
    void quotingEscapesAndComments(String command) {
        assertThat(script(command).out()).isEqualTo("running\n\n");
    }

    @Test
    void newlinesSeparateCommandsAndEmptyCommandsAreSkipped() {
        assertThat(script("domid test\ndomid test").out()).isEqualTo("1\n\n1\n\n");
        assertThat(script("  ; domid test ;; domid test;").out()).isEqualTo("1\n\n1\n\n");
        Jvirsh.Result blank = script("  ");
        assertThat(blank.out()).isEmpty();
        assertThat(blank.exitCode()).isZero();
    }

    @Test
    void anEmptyCommandStringFailsSilently() {
        Jvirsh.Result r = script("");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void dataAfterDoubleDashIsNeverAnOption() {
        assertThat(script("domstate -- --reason").err()).isEqualTo(errors("failed to get domain '--reason'"));
    }

    @Test
    void separateArgumentsFormOneCommand() {
        assertThat(run("-c", URI, "domstate", "test", "--reason").out()).isEqualTo("running (unknown)\n\n");
    }

    @Test
    void aSemicolonAmongSeparateArgumentsIsPlainDataAsInVirsh() {
        // virsh 9 splits commands at ';' only inside one command string: as separate words it is data.
        Jvirsh.Result r = run("-c", URI, "domstate", "test", ";", "domid", "test");
        assertThat(r.err()).isEqualTo(errors("unexpected data ';'"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void quitStopsTheScript() {
        Jvirsh.Result r = script("domid test; quit; domid test");
        assertThat(r.out()).isEqualTo("1\n\n");
        assertThat(r.exitCode()).isZero();
        assertThat(script("dominfo nosuch; exit").exitCode()).isZero();
    }

    @Test
    void quietDropsHeadersMessagesAndBlankLines() {
        Jvirsh.Result r = run("-q", "-c", URI, "list; destroy test; start test; net-list; domid test");
        assertThat(r.out()).isEqualTo(lines(" 1   test   running", " default   active   no   yes", "2"));
    }

    @Test
    void timingFollowsEachCommand() {
        assertThat(run("-t", "-c", URI, "domid test").out()).matches("1\n\n\\(Time: \\d+\\.\\d{3} ms\\)\n\n");
    }

    @Test
    void readOnlyRefusesChanges() {
        Jvirsh.Result r = run("-r", "-c", URI, "destroy test; domstate test");
        assertThat(r.err()).startsWith(errors("Failed to destroy domain 'test'") + "error: operation forbidden: ");
        assertThat(r.out()).isEqualTo("\nrunning\n\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void globalOptionForms() {
        assertThat(run("--connect=" + URI, "uri").out()).isEqualTo("test:///default\n\n");
        assertThat(run("--connect", URI, "uri").out()).isEqualTo("test:///default\n\n");
        assertThat(run("--conn", URI, "uri").out()).isEqualTo("test:///default\n\n");
        assertThat(run("-c" + URI, "uri").out()).isEqualTo("test:///default\n\n");
        assertThat(run("-rc", URI, "uri").out()).isEqualTo("test:///default\n\n");
        assertThat(run("-c", URI, "--", "uri").out()).isEqualTo("test:///default\n\n");
    }

    @Test
    void optionsAfterTheCommandBelongToIt() {
        assertThat(run("-c", URI, "uri", "-c", "foo").err()).isEqualTo(errors("unexpected data '-c'"));
    }

    static Stream<Arguments> badGlobalOptions() {
        return Stream.of(
                Arguments.of("--foo", "unsupported option '--foo'. See --help."),
                Arguments.of("-x", "unsupported option '-x'. See --help."),
                Arguments.of("-c", "option '-c'/'--connect' requires an argument"));
    }

    @ParameterizedTest
    @MethodSource
    void badGlobalOptions(String option, String message) {
        Jvirsh.Result r = run(option);
        assertThat(r.err()).isEqualTo(errors(message));
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void anUnknownUriFailsToConnectAndRunsNothing() {
        Jvirsh.Result r = run("-c", "nosuch:///x", "uri");
        assertThat(r.err()).startsWith(errors("failed to connect to the hypervisor") + "error: ");
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void parsingComesBeforeConnecting() {
        assertThat(run("-c", "nosuch:///x", "foo").err()).isEqualTo(errors("unknown command: 'foo'"));
    }

    @Test
    void versions() {
        assertThat(run("-v").out()).matches("\\d+\\.\\d+\\.\\d+.*\n");
        assertThat(run("--version").out()).isEqualTo(run("-v").out());
        assertThat(run("-V").out()).startsWith("jvirsh command line tool of jvirt ").contains(" Schemes: ")
                .contains("test");
        assertThat(run("--version=long").out()).isEqualTo(run("-V").out());
    }

    @Test
    void helpOption() {
        Jvirsh.Result r = run("-h");
        assertThat(r.out()).startsWith("\njvirsh [options]... [<command_string>]\n")
                .contains(" Domain Monitoring (help keyword 'monitor')\n    domblkstat ")
                .endsWith("\n  (specify help <command> for details about the command)\n\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void helpCommand() {
        assertThat(script("help uri").out()).isEqualTo(lines(
                "  NAME", "    uri - print the hypervisor canonical URI", "", "  SYNOPSIS", "    uri", "", ""));
        assertThat(script("domid --help").out()).isEqualTo(lines(
                "  NAME",
                "    domid - convert a domain name or UUID to domain id",
                "",
                "  SYNOPSIS",
                "    domid <domain>",
                "",
                "  OPTIONS",
                "    [--domain] <string>  domain name or uuid",
                "",
                ""));
        assertThat(script("help setvcpus").out()).contains(
                "    setvcpus <domain> <count> [--maximum] [--config] [--live] [--current] [--guest] [--hotpluggable]\n",
                "    [--count] <number>  number of virtual CPUs\n",
                "    --maximum        set maximum limit on next boot\n");
        assertThat(script("help save").out()).contains("    --xml <string>   filename containing updated XML");
        assertThat(script("help monitor").out()).isEqualTo(lines(
                " Domain Monitoring (help keyword 'monitor'):",
                "    domblkstat                     get device block stats for a domain",
                "    domifstat                      get network interface stats for a domain",
                "    dominfo                        domain information",
                "    domstate                       domain state",
                "    list                           list domains",
                ""));
        Jvirsh.Result unknown = script("help nosuch; uri");
        assertThat(unknown.err()).isEqualTo(errors("command or command group 'nosuch' doesn't exist"));
        assertThat(unknown.exitCode()).isZero();
    }

    @Test
    void interactiveShell() {
        Jvirsh.Result r = Jvirsh.runWithInput("uri\ndomid test; foo\nhostname\nquit\nuri\n", "-c", URI);
        String prompt = "jvirsh # ";
        assertThat(r.out()).startsWith("Welcome to jvirsh, the virtualization interactive terminal.\n\n"
                        + "Type:  'help' for help with commands\n       'quit' to quit\n\n"
                        + prompt + "uri\ntest:///default\n\n" + prompt + "domid test; foo\n" + prompt + "hostname\n")
                .endsWith(prompt + "quit\n\n");
        assertThat(r.err()).isEqualTo(errors("unknown command: 'foo'"));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void interactiveShellEndsAtEndOfInput() {
        Jvirsh.Result r = Jvirsh.runWithInput("dominfo nosuch\n", "-q", "-c", URI);
        String prompt = "jvirsh # ";
        assertThat(r.out()).isEqualTo(prompt + "dominfo nosuch\n" + prompt + "\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void pluginDirProblemsAreWarningsAndBuiltInDriversStillWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});
        Jvirsh.Result r = Jvirsh.run("--plugin-dir", dir.toString(), "-c", "test:///default", "domid", "test");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("1\n\n");
        assertThat(r.err()).startsWith("warning: plugin " + dir.resolve("broken.jar") + " is not a readable jar");
        Jvirsh.Result missing = Jvirsh.run("--plugin-dir");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("option '--plugin-dir' requires an argument");
    }
}
