package org.jvirt.proxy.daemon.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * Debian's python3-libvirt as a client process: runs one of the scripts kept under
 * {@code src/test/resources/python/} with {@code /usr/bin/python3} (the interpreter python3-libvirt
 * extends) and returns what it printed. Absent, the calling test is skipped with the reason, or fails
 * under {@code JVIRT_REQUIRE_PEERS}, as {@link Libvirtd#require} decides.
 */
final class PythonLibvirt {
    /** The interpreter Debian's python3-libvirt is installed for (not a pyenv one). */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Longer than any script needs; a script still running then is stuck, and its output says where. */
    private static final long DEADLINE_SECONDS = 60;

    private PythonLibvirt() {
    }

    /** Returns when {@link #PYTHON} imports {@code libvirt}; otherwise skips or fails the calling test. */
    static void require() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PYTHON);
        if (present) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import libvirt").redirectErrorStream(true).start();
            present = p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        Libvirtd.require(present, "python3-libvirt is not installed for " + PYTHON
                + " (Debian: apt-get install python3-libvirt)");
    }

    /**
     * Runs the script resource {@code name} (copied into {@code dir}) with {@code args}.
     *
     * @return its standard output
     * @throws AssertionError when it fails or outlives the deadline, with its standard error
     */
    static String run(Path dir, String name, String... args) throws IOException, InterruptedException {
        Path script = dir.resolve(name);
        try (InputStream in = PythonLibvirt.class.getResourceAsStream("/python/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource python/" + name);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = Files.createTempFile(dir, name, ".out");
        Path err = Files.createTempFile(dir, name, ".err");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not finish within " + DEADLINE_SECONDS + " s; it printed:\n"
                    + Files.readString(out) + "\nand on stderr:\n" + Files.readString(err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(name + " " + String.join(" ", args) + " exited with " + p.exitValue()
                    + "; it printed:\n" + Files.readString(out) + "\nand on stderr:\n" + Files.readString(err));
        }
        return Files.readString(out);
    }
}
