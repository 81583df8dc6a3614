package org.jvirt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import org.jvirt.core.Jvirt;

/**
 * jvirsh, the virsh-compatible command line of jvirt.
 *
 * <pre>
 * jvirsh [-c URI] [-r] [-q] [-t] "command args; command args"
 * jvirsh [-c URI] [-r] [-q] [-t] command args...
 * jvirsh [-c URI]                                 (interactive shell on standard input)
 * </pre>
 *
 * <p>Everything runs on one connection in one process, so the test driver's state changes are seen
 * by the commands after them. Output, errors and exit codes follow virsh 9: each command's output is
 * followed by a blank line, errors go to stderr as {@code error: ...}, a failed command does not stop
 * the ones after it, and the exit code is 1 when the last command failed (or when the command line
 * could not be parsed or the connection not opened), 0 otherwise.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does all of this without exiting the JVM;
 * only {@link #main} calls {@code System.exit}.
 */
public final class Main {
    private Main() {
    }

    /** Runs jvirsh and exits with its exit code. */
    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        int code = run(args, System.in, System.out, System.err, !terminal);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs jvirsh with no standard input.
     *
     * @return the exit code: 0 on success, 1 on failure
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err, true);
    }

    /**
     * Runs jvirsh, reading interactive commands (when no command is given) from {@code in}.
     *
     * @return the exit code: 0 on success, 1 on failure
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, true);
    }

    /**
     * @param echo whether the interactive shell repeats each line it reads after its prompt, as
     *     readline does when the input is not a terminal
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean echo) {
        Output early = new Output(out, err, false);
        GlobalOptions options;
        try {
            options = GlobalOptions.parse(args);
        } catch (CommandError e) {
            e.lines().forEach(early::error);
            return 1;
        }
        Output output = new Output(out, err, options.quiet());
        try {
            return switch (options.action()) {
                case HELP -> usage(output);
                case SHORT_VERSION -> {
                    output.line(JvirtVersion.text());
                    yield 0;
                }
                case LONG_VERSION -> longVersion(output);
                case RUN -> execute(options, output, in, echo);
            };
        } finally {
            output.flush();
        }
    }

    private static int execute(GlobalOptions options, Output output, InputStream in, boolean echo) {
        CommandRegistry registry = new CommandRegistry();
        ScriptParser parser = new ScriptParser(registry);
        List<String> words = options.command();
        if (words.isEmpty()) {
            return interactive(options, output, parser, in, echo);
        }
        if (words.size() == 1 && words.get(0).isEmpty()) {
            return 1; // virsh refuses an empty command string without a word
        }
        List<ParsedCommand> commands;
        try {
            commands = words.size() == 1 ? parser.parseString(words.get(0)) : parser.parseArgv(words);
        } catch (CommandError e) {
            e.lines().forEach(output::error);
            return 1;
        }
        try (Session session = new Session(output, options.uri(), options.readOnly(), options.timing(), options.pluginDir())) {
            if (!session.connect()) {
                return 1;
            }
            return session.run(commands) ? 0 : 1;
        }
    }

    /** The shell: a prompt, one line of commands at a time, until {@code quit} or the end of input. */
    private static int interactive(GlobalOptions options, Output output, ScriptParser parser, InputStream in,
                                   boolean echo) {
        try (Session session = new Session(output, options.uri(), options.readOnly(), options.timing(), options.pluginDir())) {
            if (!session.connect()) {
                return 1;
            }
            output.extra("Welcome to jvirsh, the virtualization interactive terminal.\n\n"
                    + "Type:  'help' for help with commands\n"
                    + "       'quit' to quit\n\n");
            String prompt = "root".equals(System.getProperty("user.name")) ? "jvirsh # " : "jvirsh > ";
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
            while (!session.quitRequested()) {
                output.print(prompt);
                output.flush();
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    output.error("cannot read standard input: " + e.getMessage());
                    break;
                }
                if (line == null) {
                    break;
                }
                if (echo) {
                    output.line(line);
                }
                try {
                    session.run(parser.parseString(line));
                } catch (CommandError e) {
                    e.lines().forEach(output::error);
                }
            }
            output.print("\n");
            return 0;
        }
    }

    private static int usage(Output output) {
        CommandRegistry registry = new CommandRegistry();
        StringBuilder text = new StringBuilder(GlobalOptions.USAGE);
        for (CommandGroup group : CommandGroup.values()) {
            text.append(ShellCommands.groupHelp(registry, group, "")).append('\n');
        }
        text.append("\n  (specify help <group> for details about the commands in the group)\n")
                .append("\n  (specify help <command> for details about the command)\n\n");
        output.print(text.toString());
        return 0;
    }

    private static int longVersion(Output output) {
        output.print("jvirsh command line tool of jvirt " + JvirtVersion.text() + "\n\n"
                + "Drivers on the class path:\n"
                + " Schemes: " + String.join(" ", Jvirt.discoveredProviders().knownSchemes()) + "\n");
        return 0;
    }
}
