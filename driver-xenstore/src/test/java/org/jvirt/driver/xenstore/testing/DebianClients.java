package org.jvirt.driver.xenstore.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's xenstore clients ({@code xenstore-utils}: xenstore-read, -write, -ls, -list, -rm, -chmod,
 * -watch) run against a {@link RealXenstored} through {@code XENSTORED_PATH}: what jvirt writes they must
 * read, and the reverse.
 */
public final class DebianClients {
    private final RealXenstored xenstored;

    public DebianClients(RealXenstored xenstored) {
        this.xenstored = xenstored;
    }

    /** Runs {@code name args...}; returns its standard output, failing the test on a non-zero exit. */
    public String run(String name, String... args) {
        Result r = runAllowingFailure(name, args);
        if (r.status() != 0) {
            fail(name + " " + String.join(" ", args) + " exited with " + r.status() + ": " + r.output());
        }
        return r.output();
    }

    /** The exit status and the output of {@code name args...}. */
    public Result runAllowingFailure(String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Peers.client(name).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(xenstored.clientEnvironment());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(name + " did not finish within 10 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A client's exit status and its output (stdout and stderr). */
    public record Result(int status, String output) {
    }
}
