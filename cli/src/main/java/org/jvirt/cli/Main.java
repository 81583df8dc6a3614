package org.jvirt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import org.jvirt.core.Jvirt;

/**
 * jvirsh, the virsh-compatible command line of jvirt.
 *
 * <pre>
 * jvirsh [-c URI] [-r] [-q] [-t] [-d N] [-l FILE] "command args; command args"
 * jvirsh [-c URI] ... command args...
 * jvirsh [-c URI] ...                             (the shell: interactive on a terminal, else a script on stdin)
 * jvirsh --bash-completion                        (prints the bash completion script)
 * </pre>
 *
 * <p>Everything runs on one connection in one process, so the test driver's state changes are seen
 * by the commands after them. Output, errors and exit codes follow virsh 9: each command's output is
 * followed by a blank line, errors go to stderr as {@code error: ...}, a failed command does not stop
 * the ones after it, and the exit code is 1 when the last command failed (or when the command line
 * could not be parsed or the connection not opened), 0 otherwise. The shell always exits with 0.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does all of this without exiting the JVM;
 * only {@link #main} calls {@code System.exit}. Start-up matters (jvirsh runs as one short process
 * per command in scripts): nothing here loads the interactive shell's JLine classes unless a terminal
 * asks for the shell.
 */
public final class Main {
    /** The QEMU driver's switch for detached guests (QemuLauncher.DETACH_PROPERTY; jvirsh names no driver class). */
    static final String QEMU_DETACH = "jvirt.qemu.detach";

    private Main() {
    }

    /** Runs jvirsh and exits with its exit code. */
    public static void main(String[] args) {
        prepareProcess();
        boolean terminal = System.console() != null;
        int code = run(args, System.in, System.out, System.err, terminal ? Shell.TERMINAL : Shell.PIPED);
        System.out.flush();
        System.exit(code);
    }

    /** What a jvirsh process does before it runs anything (and the start-up training with it). */
    static void prepareProcess() {
        JvirshLogging.configureJavaUtilLogging();
        // jvirsh ends right after a start: the QEMU driver must not make its guests children of this
        // JVM, whose exit would then wait 300 ms for the JDK's reaper thread (QemuLauncher).
        if (System.getProperty(QEMU_DETACH) == null) {
            System.setProperty(QEMU_DETACH, "true");
        }
        Jvirt.preload();
    }

    /** How the shell reads its commands when no command is given. */
    enum Shell {
        /** JLine on the terminal: line editing, history, completion. */
        TERMINAL,
        /** Lines from a pipe or file, each echoed after the prompt as readline does without a terminal. */
        PIPED
    }

    /**
     * Runs jvirsh with no standard input.
     *
     * @return the exit code: 0 on success, 1 on failure
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err, Shell.PIPED);
    }

    /**
     * Runs jvirsh, reading the shell's commands (when no command is given) from {@code in}, as piped input.
     *
     * @return the exit code: 0 on success, 1 on failure
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, Shell.PIPED);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Shell shell) {
        Output early = new Output(out, err, false);
        GlobalOptions options;
        LogFile log = null;
        try {
            options = GlobalOptions.parse(args);
            for (String warning : options.warnings()) {
                early.error(warning);
            }
            if (options.logFile() != null) {
                log = LogFile.open(options.logFile());
            }
        } catch (CommandError e) {
            e.lines().forEach(early::error);
            early.flush();
            return 1;
        }
        Output output = new Output(out, err, options.quiet(), options.debugLevel(), log);
        try {
            return switch (options.action()) {
                case HELP -> usage(output);
                case SHORT_VERSION -> {
                    output.line(JvirtVersion.text());
                    yield 0;
                }
                case LONG_VERSION -> longVersion(output);
                case BASH_COMPLETION -> {
                    output.print(BashCompletion.script(new CommandRegistry()));
                    yield 0;
                }
                case RUN -> execute(options, output, in, shell);
            };
        } finally {
            output.flush();
            if (log != null) {
                log.close();
            }
        }
    }

    private static int execute(GlobalOptions options, Output output, InputStream in, Shell shell) {
        CommandRegistry registry = new CommandRegistry();
        ScriptParser parser = new ScriptParser(registry, output);
        List<String> words = options.command();
        if (words.isEmpty()) {
            return interactive(options, output, registry, in, shell);
        }
        if (words.size() == 1 && words.get(0).isEmpty()) {
            return 1; // virsh refuses an empty command string without a word
        }
        List<ParsedCommand> commands;
        try {
            commands = words.size() == 1 ? parser.parseCommandLine(words.get(0)) : parser.parseArgv(words);
        } catch (CommandError e) {
            e.lines().forEach(output::error);
            return 1;
        }
        try (Session session = session(options, output, false, shell)) {
            if (!session.connect()) {
                return 1;
            }
            return session.run(commands) ? 0 : 1;
        }
    }

    private static Session session(GlobalOptions options, Output output, boolean interactive, Shell shell) {
        Session session = new Session(output, options.uri(), options.readOnly(), options.timing(),
                options.pluginDir(), interactive, options.keepaliveInterval(), options.keepaliveCount());
        // On a terminal, long jobs show a live progress bar; elsewhere virsh's progress records.
        session.setTerminal(shell == Shell.TERMINAL);
        return session;
    }

    /** The shell: a prompt, one line of commands at a time, until {@code quit} or the end of input. */
    private static int interactive(GlobalOptions options, Output output, CommandRegistry registry, InputStream in,
                                   Shell shell) {
        try (Session session = session(options, output, true, shell)) {
            if (!session.connect()) {
                return 1;
            }
            output.extra("Welcome to jvirsh, the virtualization interactive terminal.\n\n"
                    + "Type:  'help' for help with commands\n"
                    + "       'quit' to quit\n\n");
            ScriptParser parser = new ScriptParser(registry, output);
            try (LineSource lines = shell == Shell.TERMINAL
                    ? TerminalShell.open(registry, session)
                    : new StreamLineSource(in, output, true)) {
                while (!session.quitRequested()) {
                    // virsh's prompts: "# " on a read-write connection, "> " on a read-only one.
                    String line = lines.readLine(session.readOnly() ? "jvirsh > " : "jvirsh # ");
                    if (line == null) {
                        break;
                    }
                    try {
                        session.run(parser.parseString(line));
                    } catch (CommandError e) {
                        e.lines().forEach(output::error);
                    }
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
