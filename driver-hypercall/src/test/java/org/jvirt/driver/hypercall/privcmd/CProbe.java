package org.jvirt.driver.hypercall.privcmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A C program of {@code src/test/c} compiled with the machine's gcc and run: what it printed, parsed
 * ({@code struct NAME SIZE}, {@code field NAME MEMBER OFFSET WIDTH}, {@code const NAME VALUE}). Without gcc (or
 * the headers the program needs) the test is skipped with the reason printed, unless the environment sets
 * {@code JVIRT_REQUIRE_PEERS} (CI), where it fails.
 */
final class CProbe {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final long TIMEOUT_SECONDS = 120;

    /** sizeof per structure. */
    final Map<String, Long> sizes = new LinkedHashMap<>();
    /** {offset, width} per "structure member". */
    final Map<String, long[]> fields = new LinkedHashMap<>();
    final Map<String, Long> constants = new LinkedHashMap<>();

    private CProbe() {
    }

    /** Compiles and runs {@code source}; {@code requiredFiles} are headers without which it cannot compile. */
    static CProbe run(String source, Path... requiredFiles) throws IOException, InterruptedException {
        Path gcc = onPath("gcc");
        if (gcc == null) {
            skip("gcc is not installed (apt-get install gcc)");
        }
        for (Path p : requiredFiles) {
            if (!Files.exists(p)) {
                skip(p + " does not exist (apt-get install libxen-dev)");
            }
        }
        Path src = MODULE.resolve("src/test/c").resolve(source);
        Path dir = Files.createDirectories(MODULE.resolve("target/c-probes"));
        Path exe = dir.resolve(source.replace(".c", ""));
        String compiled = exec(List.of(gcc.toString(), "-Wall", "-Werror", "-o", exe.toString(), src.toString()),
                dir.resolve(source + ".gcc.txt"));
        assertThat(Files.isExecutable(exe)).as("gcc compiled %s: %s", source, compiled).isTrue();
        CProbe probe = new CProbe();
        for (String line : exec(List.of(exe.toString()), dir.resolve(source + ".out.txt")).split("\n")) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "struct" -> probe.sizes.put(w[1], Long.parseLong(w[2]));
                case "field" -> probe.fields.put(w[1] + " " + w[2], new long[] {Long.parseLong(w[3]),
                        Long.parseLong(w[4])});
                case "const" -> probe.constants.put(w[1], Long.parseLong(w[2]));
                case "" -> {
                }
                default -> Assertions.fail(source + " printed an unknown line: " + line);
            }
        }
        return probe;
    }

    /** Runs {@code command}, its output going to {@code log} so that waiting for it stays bounded. */
    private static String exec(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exited with %d: %s", command, p.exitValue(), text).isZero();
        return text;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void skip(String reason) {
        if (System.getenv("JVIRT_REQUIRE_PEERS") != null) {
            Assertions.fail("JVIRT_REQUIRE_PEERS is set, yet " + reason);
        }
        System.err.println("[driver-hypercall] layout test skipped: " + reason);
        Assumptions.abort(reason);
    }
}
