package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jvirsh, through the launcher ({@code ./jvirsh}), after {@code package}: the
 * class-data-sharing archive the build made is the one the launcher's class path maps (the JVM refuses
 * {@code -Xshare:on} otherwise), it changes nothing in the output, and the launcher runs scripts from
 * standard input and prints the bash completion script committed under {@code src/main/completion}.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "jvirsh").toAbsolutePath().normalize();
    private static final Path ARCHIVE = Path.of("target", "jvirsh.jsa").toAbsolutePath();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run jvirsh(Map<String, String> env, File stdin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(stdin);
        pb.environment().remove("JVIRT_DEFAULT_URI");
        pb.environment().remove("JVIRSH_JAVA_OPTS");
        pb.environment().remove("JVIRSH_CDS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("jvirsh", ".out");
        Path err = Files.createTempFile("jvirsh", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run jvirsh(Map<String, String> env, String... args) throws Exception {
        return jvirsh(env, new File("/dev/null"), args);
    }

    @Test
    void theArchiveMapsAndChangesNothing() throws Exception {
        assertThat(ARCHIVE).as("made by the build (package phase)").exists();
        String script = "list --all; dominfo test; net-list; nodeinfo";
        Run plain = jvirsh(Map.of("JVIRSH_CDS", "off"), "-c", Jvirsh.URI, script);
        Run shared = jvirsh(Map.of("JVIRSH_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseG1GC "
                + "-XX:-UsePerfData -Xshare:on -Dguice_include_stack_traces=OFF -Dguice_bytecode_gen_option=DISABLED"),
                "-c", Jvirsh.URI, script);
        assertThat(shared.err()).isEmpty();
        assertThat(shared.exitCode()).isZero();
        assertThat(shared.out().replaceAll("CPU time: .*", "")).isEqualTo(plain.out().replaceAll("CPU time: .*", ""));
        assertThat(jvirsh(Map.of(), "-c", Jvirsh.URI, "list", "--all").out())
                .isEqualTo(" Id   Name   State\n----------------------\n 1    test   running\n\n");
    }

    @Test
    void scriptsOnStandardInput(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "destroy test\nlist --all --name\n");
        Run r = jvirsh(Map.of(), script.toFile(), "-q", "-c", Jvirsh.URI);
        assertThat(r.out()).isEqualTo("jvirsh # destroy test\njvirsh # list --all --name\ntest\njvirsh # \n");
    }

    @Test
    void defaultUriAndBashCompletion() throws Exception {
        assertThat(jvirsh(Map.of("JVIRT_DEFAULT_URI", "test:///default"), "uri").out()).isEqualTo("test:///default\n\n");
        assertThat(jvirsh(Map.of(), "--bash-completion").out())
                .isEqualTo(Files.readString(BashCompletionTest.COMMITTED));
    }
}
