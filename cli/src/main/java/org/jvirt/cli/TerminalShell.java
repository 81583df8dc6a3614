package org.jvirt.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell on a terminal, with JLine: line editing, history kept across runs (in
 * {@code $XDG_CACHE_HOME/jvirsh/history}, as virsh keeps {@code ~/.cache/virsh/history}; at most
 * {@code $JVIRSH_HISTSIZE} lines, 500 by default) and Tab completion of commands, options, and
 * domain and network names from {@link Completer}.
 *
 * <p>Only this class names JLine: one-shot runs never load it.
 */
final class TerminalShell implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;

    private TerminalShell(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /** Opens the process's terminal. */
    static TerminalShell open(CommandRegistry registry, Session session) {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).name("jvirsh").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TerminalShell(terminal, reader(terminal, registry, session));
    }

    /** A reader on {@code terminal} completing from the command model and the session's connection. */
    static LineReader reader(Terminal terminal, CommandRegistry registry, Session session) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[] {'\\'});
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("jvirsh")
                .parser(parser)
                .completer(completer(registry, session))
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.HISTORY_SIZE, historySize())
                .variable(LineReader.HISTORY_FILE_SIZE, historySize())
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
    }

    /** JLine's side of {@link Completer}: the text before the cursor in, whole words out. */
    static org.jline.reader.Completer completer(CommandRegistry registry, Session session) {
        return (lineReader, line, candidates) -> {
            String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
            Completer completer = new Completer(registry, session::completionNames, session.cwd());
            List<String> found = completer.complete(before);
            for (String word : found) {
                boolean directory = word.endsWith("/");
                candidates.add(new Candidate(word, word, null, null, null, null, !directory));
            }
        };
    }

    private static Path historyFile() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty()
                ? Path.of(cache) : Path.of(System.getProperty("user.home", "."), ".cache");
        return base.resolve("jvirsh").resolve("history");
    }

    private static int historySize() {
        Integer size = VirshNumbers.parseInt(String.valueOf(System.getenv("JVIRSH_HISTSIZE")));
        return size != null && size > 0 ? size : 500;
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C at the prompt drops the line, as readline does
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
        } catch (IOException | RuntimeException e) {
            // a history that cannot be saved is not worth an error at exit
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // closing
        }
    }
}
