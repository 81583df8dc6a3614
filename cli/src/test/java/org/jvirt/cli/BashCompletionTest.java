package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script: the committed copy is the one the command model generates, and bash,
 * running it, completes as the shell does.
 */
class BashCompletionTest {
    /** Where the script is committed, for the README's install instructions. */
    static final Path COMMITTED = Path.of("src", "main", "completion", "jvirsh.bash");

    @Test
    void theCommittedScriptIsTheGeneratedOne() throws IOException {
        String generated = BashCompletion.script(new CommandRegistry());
        assertThat(Files.readString(COMMITTED)).as("%s is stale: regenerate it with "
                + "./jvirsh --bash-completion > cli/%s", COMMITTED, COMMITTED).isEqualTo(generated);
    }

    @Test
    void jvirshPrintsIt() {
        Jvirsh.Result r = Jvirsh.run("--bash-completion");
        assertThat(r.out()).isEqualTo(BashCompletion.script(new CommandRegistry()));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void everyCommandAndOptionIsInIt() {
        String script = BashCompletion.script(new CommandRegistry());
        for (CommandDef def : new CommandRegistry().visible()) {
            assertThat(script).containsPattern("(?m)^_jvirsh_commands=\"(.* )?" + def.name() + "[ \"]");
            for (OptDef opt : def.visibleOptions()) {
                assertThat(script).contains("--" + opt.name());
            }
        }
    }

    /**
     * bash completes with the script: a stub {@code jvirsh} answers the name look-ups, as the real
     * one would ({@code -q [-c URI] list --all --name}), and records how it was called.
     */
    @Test
    void bashCompletes(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "bash is not installed");
        Path stub = dir.resolve("jvirsh");
        Files.writeString(stub, """
                #!/bin/sh
                echo "$*" >> "$(dirname "$0")/calls"
                case "$*" in
                  *"net-list --all --name"*) printf 'default\\nnet2\\n' ;;
                  *"list --all --name"*) printf 'test\\nweb server\\n' ;;
                esac
                """);
        assertThat(stub.toFile().setExecutable(true)).isTrue();
        Files.createDirectories(dir.resolve("xml"));
        Files.writeString(dir.resolve("xml/d1.xml"), "");
        String test = "source " + COMMITTED.toAbsolutePath() + "\n"
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _jvirsh;"
                + " printf '%s|' \"${COMPREPLY[@]}\"; echo; }\n"
                + "cd " + dir + "\n"
                + "t " + stub + " domi\n"
                + "t " + stub + " -c test:///default dominfo ''\n"
                + "t " + stub + " dominfo w\n"
                + "t " + stub + " net-info d\n"
                + "t " + stub + " list --al\n"
                + "t " + stub + " event --event li\n"
                + "t " + stub + " help net-n\n"
                + "t " + stub + " define xml/d\n"
                + "t " + stub + " setmem --kilobytes 5 --\n"
                + "t " + stub + " -r --conn\n"
                + "t " + stub + " dominfo test ''\n";
        Process p = new ProcessBuilder(bash.toString(), "--norc", "-c", test).redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "domid|domifstat|dominfo|",
                "--domain|test|web server|",
                "web server|",
                "default|",
                "--all|",
                "lifecycle|",
                "net-name|",
                "xml/d1.xml|",
                "--domain|--config|--live|--current|",
                "--connect|",
                "|");
        assertThat(Files.readAllLines(dir.resolve("calls"))).contains("-q -c test:///default list --all --name");
    }
}
