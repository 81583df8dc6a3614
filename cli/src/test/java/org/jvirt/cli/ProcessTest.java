package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jvirsh as its own process: {@code Main.main}'s exit code, and the launcher script's advice when unbuilt. */
class ProcessTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run exec(List<String> command, Path dir) throws IOException, InterruptedException {
        return exec(command, dir, new File("/dev/null"), java.util.Map.of());
    }

    private static Run exec(List<String> command, Path dir, File stdin, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(stdin);
        pb.environment().remove("JVIRT_DEFAULT_URI");
        pb.environment().remove("JVIRSH_DEBUG");
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Path out = Files.createTempFile("jvirsh", ".out");
        Path err = Files.createTempFile("jvirsh", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish: " + command);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run main(String... args) throws IOException, InterruptedException {
        return exec(mainCommand(args), null);
    }

    private static List<String> mainCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code jvirsh < script}: without a terminal the shell reads the file, echoing each line after its prompt. */
    @Test
    void commandsFromAFileOnStandardInput(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "domstate test\ndestroy test; domstate test\nfoo\n");
        Run r = exec(mainCommand("-q", "-c", Jvirsh.URI), null, script.toFile(), java.util.Map.of());
        assertThat(r.out()).isEqualTo("jvirsh # domstate test\nrunning\njvirsh # destroy test; domstate test\n"
                + "shut off\njvirsh # foo\njvirsh # \n");
        assertThat(r.err()).isEqualTo("error: unknown command: 'foo'\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void theDefaultUriComesFromJvirtDefaultUri() throws Exception {
        Run r = exec(mainCommand("uri"), null, new File("/dev/null"),
                java.util.Map.of("JVIRT_DEFAULT_URI", "test:///default"));
        assertThat(r.out()).isEqualTo("test:///default\n\n");
        Run bad = exec(mainCommand("uri"), null, new File("/dev/null"), java.util.Map.of("JVIRT_DEFAULT_URI", "nosuch:///"));
        assertThat(bad.err()).startsWith("error: failed to connect to the hypervisor\n"
                + "error: no connection driver available for nosuch:///");
        assertThat(bad.exitCode()).isEqualTo(1);
    }

    @Test
    void debugLevelFromJvirshDebug() throws Exception {
        Run r = exec(mainCommand("-c", Jvirsh.URI, "domid test"), null, new File("/dev/null"),
                java.util.Map.of("JVIRSH_DEBUG", "1"));
        assertThat(r.out()).isEqualTo("commands: \"domid test\"\ndomid: domain(optdata): test\n"
                + "Failed to setup keepalive on connection\ndomid: found option <domain>: test\n1\n\n");
    }

    @Test
    void mainExitsWithTheLastCommandsResult() throws Exception {
        Run ok = main("-c", Jvirsh.URI, "dominfo nosuch; domid test");
        assertThat(ok.out()).isEqualTo("\n1\n\n");
        assertThat(ok.err()).isEqualTo("error: failed to get domain 'nosuch'\n");
        assertThat(ok.exitCode()).isZero();

        Run failed = main("-c", Jvirsh.URI, "destroy test; destroy test");
        assertThat(failed.out()).isEqualTo("Domain 'test' destroyed\n\n\n");
        assertThat(failed.exitCode()).isEqualTo(1);
    }

    @Test
    void launcherExplainsHowToBuildWhenTheJarIsMissing(@TempDir Path dir) throws Exception {
        Path script = Path.of("..", "jvirsh").toAbsolutePath().normalize();
        assertThat(script).isExecutable();
        Path copy = Files.copy(script, dir.resolve("jvirsh"));
        assertThat(copy.toFile().setExecutable(true)).isTrue();

        Run r = exec(List.of(copy.toString(), "-c", Jvirsh.URI, "uri"), dir);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("./mvnw -q -DskipTests install");
    }
}
