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
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return exec(command, null);
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
