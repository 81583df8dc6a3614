package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Tab offers in the shell: commands, options, domain and network names, fixed words and files. */
class CompleterTest {
    private static final CommandRegistry REGISTRY = new CommandRegistry();

    private static List<String> complete(String line) {
        return new Completer(REGISTRY, kind -> switch (kind) {
            case DOMAIN -> List.of("test", "d1", "web server");
            case NETWORK -> List.of("default", "net2");
            default -> List.of();
        }).complete(line);
    }

    @Test
    void commandNames() {
        assertThat(complete("domi")).containsExactly("domid", "domifstat", "dominfo");
        assertThat(complete("net-s")).containsExactly("net-start");
        assertThat(complete("")).contains("list", "dominfo", "net-list", "quit").doesNotContain("complete");
        assertThat(complete("nosuch ")).isEmpty();
    }

    @Test
    void theFirstWordAfterASemicolonIsACommandAgain() {
        assertThat(complete("domstate test; dom")).contains("domstate", "dominfo").doesNotContain("test");
    }

    @Test
    void optionsNotGivenYet() {
        assertThat(complete("list --a")).containsExactly("--all", "--autostart");
        assertThat(complete("list --all --a")).containsExactly("--autostart");
        assertThat(complete("dominfo --")).containsExactly("--domain");
        assertThat(complete("schedinfo test --set a=1 --s")).containsExactly("--set"); // ARGV repeats
    }

    @Test
    void aliasesCountAsTheirOptionAndAreNotOffered() {
        assertThat(complete("setmem --")).doesNotContain("--kilobytes").contains("--size");
        assertThat(complete("setmem --kilobytes 100 --")).doesNotContain("--size").contains("--domain");
    }

    @Test
    void domainNamesWhereADomainIsDue() {
        assertThat(complete("dominfo ")).containsExactly("--domain", "d1", "test", "web server");
        assertThat(complete("dominfo t")).containsExactly("test");
        assertThat(complete("dominfo --domain ")).containsExactly("d1", "test", "web server");
        assertThat(complete("dominfo test ")).containsExactly(); // nothing left to give
        assertThat(complete("setmem test ")).containsExactly("--config", "--current", "--live", "--size");
        assertThat(complete("event --domain t")).containsExactly("test");
    }

    @Test
    void networkNamesWhereANetworkIsDue() {
        assertThat(complete("net-info ")).containsExactly("--network", "default", "net2");
        assertThat(complete("net-dumpxml --network d")).containsExactly("default");
    }

    @Test
    void fixedWordsAndCommands() {
        assertThat(complete("event --event li")).containsExactly("lifecycle");
        assertThat(complete("shutdown test --mode a")).containsExactly("acpi", "agent");
        assertThat(complete("attach-interface test ")).contains("network", "bridge", "--type");
        assertThat(complete("help net-i")).containsExactly("net-info");
        assertThat(complete("help mon")).containsExactly("monitor");
        assertThat(complete("domxml-from-native q")).containsExactly("qemu-argv");
    }

    @Test
    void quotedWordsCountAsOne() {
        assertThat(complete("dominfo 'web server' ")).isEmpty();
        assertThat(complete("dominfo \"web s")).containsExactly("web server");
    }

    @Test
    void files(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("xml"));
        Files.writeString(dir.resolve("xml/d1.xml"), "");
        Files.writeString(dir.resolve("xml/d2.xml"), "");
        Completer c = new Completer(REGISTRY, kind -> List.of(), dir);
        assertThat(c.complete("define x")).containsExactly("xml/");
        assertThat(c.complete("define xml/d")).containsExactly("xml/d1.xml", "xml/d2.xml");
        assertThat(c.complete("define " + dir + "/xml/d1")).containsExactly(dir + "/xml/d1.xml");
    }

    /** The shell's JLine completer, asked as JLine asks it when Tab is pressed. */
    @Test
    void jlineCompleterOffersTheConnectionsDomains() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             Session session = new Session(new Output(o, o, false), Jvirsh.URI, false, false, null);
             Terminal terminal = TerminalBuilder.builder().dumb(true).system(false)
                     .streams(new ByteArrayInputStream(new byte[0]), out).build()) {
            assertThat(session.connect()).isTrue();
            LineReader reader = TerminalShell.reader(terminal, REGISTRY, session);
            org.jline.reader.Completer completer = TerminalShell.completer(REGISTRY, session);
            List<Candidate> candidates = new ArrayList<>();
            String line = "dominfo t";
            completer.complete(reader, new DefaultParser().parse(line, line.length()), candidates);
            assertThat(candidates).extracting(Candidate::value).containsExactly("test");
            candidates.clear();
            line = "net-info ";
            completer.complete(reader, new DefaultParser().parse(line, line.length()), candidates);
            assertThat(candidates).extracting(Candidate::value).containsExactlyInAnyOrder("--network", "default");
        }
    }

    /** The hidden {@code complete} command: what the bash script could ask jvirsh itself. */
    @Test
    void completeCommand() {
        Jvirsh.Result r = Jvirsh.run("-q", "-c", Jvirsh.URI, "complete", "dominfo", "t");
        assertThat(r.out()).isEqualTo("test\n");
        assertThat(Jvirsh.run("-q", "-c", Jvirsh.URI, "complete", "net-i").out()).isEqualTo("net-info\n");
        assertThat(Jvirsh.script("help").out()).doesNotContain("complete");
    }
}
