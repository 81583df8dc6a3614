package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real interactive shell on a pseudo-terminal (util-linux's {@code script} provides it): keys
 * typed, Tab completing a domain name and an option, the up arrow recalling history, and the history
 * kept in {@code $XDG_CACHE_HOME/jvirsh/history} for the next run.
 */
class TerminalShellTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @Test
    void completionHistoryAndLineEditingOnATerminal(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script is not installed: no pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jvirsh = java + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName()
                + " -c " + Jvirsh.URI;
        // Keys: "domst" Tab completes the command, "t" Tab the domain; "--rea" Tab the option; Ctrl-A
        // moves to the start of the line to insert "x" and Ctrl-E back to its end... then the up arrow
        // (ESC O A in the keypad mode JLine asks for) recalls "domid test".
        String keys = "domst\tt\t--rea\t\n"
                + "domid test\n"
                + "\u001bOA\n"
                + "uri\u0001x\u0005\n"
                + "quit\n";
        Path input = dir.resolve("keys");
        Files.writeString(input, keys);
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qec", "stty cols 120 rows 40; exec " + jvirsh,
                "/dev/null").redirectInput(input.toFile()).redirectErrorStream(true);
        pb.environment().put("XDG_CACHE_HOME", dir.toString());
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String plain = out.replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]|\u001b[=>]|\r", "");

        assertThat(plain).contains("Welcome to jvirsh, the virtualization interactive terminal.");
        assertThat(plain).contains("jvirsh # domstate test --reason");
        assertThat(plain).contains(Jvirsh.script("domstate test --reason").out().strip());
        assertThat(plain.split("jvirsh # domid test", -1)).hasSize(3); // typed, then recalled
        assertThat(plain).contains("error: unknown command: 'xuri'");
        List<String> history = Files.readAllLines(dir.resolve("jvirsh").resolve("history"));
        assertThat(history).anyMatch(l -> l.endsWith("domstate test --reason"))
                .anyMatch(l -> l.endsWith("domid test"));
    }
}
