package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs jvirsh in this JVM and captures what it prints. Each run opens and closes its own connection;
 * the test driver forgets {@code test:///default}'s state when its last connection closes, so every
 * run starts from the pristine node, as a fresh virsh process does.
 */
final class Jvirsh {
    static final String URI = "test:///default";

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** stdout without the {@code CPU time:} line, whose value changes from run to run. */
        String outWithoutCpuTime() {
            return out.replaceAll("(?m)^CPU time: +[0-9.]+s\n", "");
        }
    }

    private Jvirsh() {
    }

    /** {@code jvirsh -c test:///default SCRIPT}. */
    static Result script(String script) {
        return run("-c", URI, script);
    }

    /** {@code jvirsh ARGS...}. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    /** {@code jvirsh ARGS...} with {@code input} on its standard input. */
    static Result runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code error: LINE} for each line, as stderr shows them. */
    static String errors(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append("error: ").append(line).append('\n');
        }
        return text.toString();
    }

    /** Lines joined with newlines, each ending with one. */
    static String lines(String... lines) {
        List<String> all = new ArrayList<>(List.of(lines));
        return String.join("\n", all) + "\n";
    }
}
