package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jvirsh's own options as glibc's getopt_long reads virsh's, and what -q, -d, -e, -k, -K, -l and the environment do. */
class GlobalOptionsTest {
    private static GlobalOptions parse(String... args) {
        return GlobalOptions.parse(args, null, null);
    }

    @Test
    void shortOptionsClusterAndTakeTheirArgumentGluedOrNext() {
        GlobalOptions o = parse("-rqtcURI", "list");
        assertThat(o.readOnly()).isTrue();
        assertThat(o.quiet()).isTrue();
        assertThat(o.timing()).isTrue();
        assertThat(o.uri()).isEqualTo("URI");
        assertThat(o.command()).containsExactly("list");
        assertThat(parse("-c", "-r", "uri").uri()).isEqualTo("-r"); // a required argument takes the next word
        assertThat(parse("-d0", "x").debugLevel()).isZero();
    }

    @Test
    void longOptionsByUniquePrefixWithEqualsOrNextWord() {
        assertThat(parse("--conn=test:///default", "uri").uri()).isEqualTo("test:///default");
        assertThat(parse("--connect", "test:///default", "uri").uri()).isEqualTo("test:///default");
        assertThat(parse("--read", "--qui", "uri").readOnly()).isTrue();
        assertThatThrownBy(() -> parse("--keep", "1")).hasMessage("unsupported option '--keep'. See --help.");
        assertThatThrownBy(() -> parse("--quiet=1")).hasMessage("unsupported option '-q'. See --help.");
        assertThatThrownBy(() -> parse("--nosuch")).hasMessage("unsupported option '--nosuch'. See --help.");
        assertThatThrownBy(() -> parse("-x")).hasMessage("unsupported option '-x'. See --help.");
        assertThatThrownBy(() -> parse("-c")).hasMessage("option '-c'/'--connect' requires an argument");
        assertThatThrownBy(() -> parse("--log")).hasMessage("option '-l'/'--log' requires an argument");
    }

    @Test
    void theFirstWordThatIsNotAnOptionStartsTheCommand() {
        assertThat(parse("-q", "list", "-r").command()).containsExactly("list", "-r");
        assertThat(parse("-q", "--", "-r").command()).containsExactly("-r");
        assertThat(parse("-q", "-", "x").command()).containsExactly("-", "x");
        assertThat(parse().command()).isEmpty();
    }

    @Test
    void versionAndHelpActAsSoonAsRead() {
        assertThat(parse("-v", "-x").action()).isEqualTo(GlobalOptions.Action.SHORT_VERSION);
        assertThat(parse("--version=long").action()).isEqualTo(GlobalOptions.Action.LONG_VERSION);
        assertThat(parse("--version").action()).isEqualTo(GlobalOptions.Action.SHORT_VERSION);
        assertThat(parse("-h", "--nosuch").action()).isEqualTo(GlobalOptions.Action.HELP);
        assertThat(parse("--bash-completion").action()).isEqualTo(GlobalOptions.Action.BASH_COMPLETION);
    }

    @Test
    void debugLevels() {
        assertThat(parse("uri").debugLevel()).isEqualTo(Output.ERROR);
        assertThat(parse("-d", "1").debugLevel()).isEqualTo(1);
        GlobalOptions outOfRange = parse("-d", "7");
        assertThat(outOfRange.debugLevel()).isEqualTo(Output.ERROR);
        assertThat(outOfRange.warnings()).containsExactly("ignoring debug level 7 out of range [0-4]");
        assertThatThrownBy(() -> parse("-d", "x")).hasMessage("option -d takes a numeric argument");
        assertThatThrownBy(() -> parse("--debug=x")).hasMessage("option --debug takes a numeric argument");
        assertThat(GlobalOptions.parse(new String[] {"uri"}, "2", null).debugLevel()).isEqualTo(2);
        assertThat(GlobalOptions.parse(new String[] {"-d", "0"}, "2", null).debugLevel()).isZero();
        assertThat(GlobalOptions.parse(new String[] {"uri"}, "x", null).warnings())
                .containsExactly("JVIRSH_DEBUG not set with a valid numeric value");
    }

    @Test
    void escapeSequences() {
        assertThat(parse("uri").escape()).isEqualTo("^]");
        for (String ok : List.of("^a", "^Z", "^[", "^_", "~", "x")) {
            assertThat(parse("-e", ok, "uri").escape()).isEqualTo(ok);
        }
        for (String bad : List.of("xx", "^", "^1", "^~", "")) {
            assertThatThrownBy(() -> parse("-e", bad)).hasMessage("Invalid string '" + bad + "' for escape sequence");
        }
    }

    @Test
    void keepalive() {
        assertThat(parse("uri").keepaliveInterval()).isEqualTo(-1);
        assertThat(parse("uri").keepaliveCount()).isEqualTo(-1);
        GlobalOptions k = parse("-k", "0x10", "-K", "010", "uri");
        assertThat(k.keepaliveInterval()).isEqualTo(16);
        assertThat(k.keepaliveCount()).isEqualTo(8);
        assertThatThrownBy(() -> parse("-k", "x")).hasMessage("Invalid value for option -k");
        assertThatThrownBy(() -> parse("-K", "-1")).hasMessage("option -K requires a positive integer argument");
    }

    @Test
    void keepaliveRequestedFailsTheConnectionAsOnADriverWithoutIt() {
        Jvirsh.Result r = Jvirsh.run("-K", "3", "-c", Jvirsh.URI, "uri");
        assertThat(r.err()).isEqualTo(Jvirsh.errors("Cannot setup keepalive on connection as requested, disconnecting",
                "failed to connect to the hypervisor",
                "this function is not supported by the connection driver: virConnectSetKeepAlive"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Jvirsh.run("-k", "0", "-c", Jvirsh.URI, "uri").out()).isEqualTo("test:///default\n\n");
    }

    @Test
    void debugLinesOnStdoutAndInTheLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("jvirsh.log");
        Jvirsh.Result r = Jvirsh.run("-d", "0", "-l", log.toString(), "-c", Jvirsh.URI, "domname 1; net-info nosuch");
        assertThat(r.out()).startsWith(Jvirsh.lines(
                "commands: \"domname 1; net-info nosuch\"",
                "domname: domain(optdata): 1",
                "net-info: network(optdata): nosuch",
                "Failed to setup keepalive on connection",
                "domname: found option <domain>: 1",
                "domname: <domain> looks like ID",
                "test",
                "",
                "net-info: found option <network>: nosuch",
                "net-info: <network> trying as network NAME"));
        assertThat(Files.readAllLines(log))
                .anyMatch(l -> l.matches("\\[\\d{4}\\.\\d\\d\\.\\d\\d \\d\\d:\\d\\d:\\d\\d jvirsh \\d+\\] DEBUG "
                        + "domname: <domain> looks like ID"))
                .anyMatch(l -> l.endsWith("] ERROR failed to get network 'nosuch'"));
        Jvirsh.Result bad = Jvirsh.run("-l", dir.resolve("no/such/log").toString(), "uri");
        assertThat(bad.err()).isEqualTo(Jvirsh.errors("failed to open the log file. check the log file path"));
        assertThat(bad.exitCode()).isEqualTo(1);
    }

    @Test
    void defaultUriFromTheCoresVariableWhenNoneIsGiven() {
        // JVIRT_DEFAULT_URI is read by the core when -c is absent; unset here, the default is test:///default.
        if (System.getenv("JVIRT_DEFAULT_URI") == null) {
            assertThat(Jvirsh.run("uri").out()).isEqualTo("test:///default\n\n");
        }
    }
}
