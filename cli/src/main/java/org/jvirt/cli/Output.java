package org.jvirt.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where jvirsh writes, with virsh's kinds of output: results ({@code vshPrint}), extras that
 * {@code -q} silences such as "Domain 'test' started" and the blank line after each command
 * ({@code vshPrintExtra}), {@code error: ...} lines on stderr ({@code vshError}), and debug lines
 * ({@code vshDebug}) on stdout when {@code -d} asks for their level.
 *
 * <p>Errors and debug lines of an enabled level also go to the log file of {@code -l}.
 *
 * <p>Lines end with {@code \n} whatever the platform, as virsh's do.
 */
final class Output {
    /** virsh's {@code vshErrorLevel}: DEBUG 0 ... ERROR 4; {@code -d N} shows levels N and above. */
    static final int DEBUG = 0;
    static final int INFO = 1;
    static final int NOTICE = 2;
    static final int WARNING = 3;
    static final int ERROR = 4;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final int debugLevel;
    private final LogFile log;

    Output(PrintStream out, PrintStream err, boolean quiet) {
        this(out, err, quiet, ERROR, null);
    }

    /**
     * @param debugLevel the least level of debug lines printed (virsh's {@code -d}); {@link #ERROR} for none
     * @param log the file of {@code -l}, or null
     */
    Output(PrintStream out, PrintStream err, boolean quiet, int debugLevel, LogFile log) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.debugLevel = debugLevel;
        this.log = log;
    }

    /** Whether {@code -q} was given. */
    boolean quiet() {
        return quiet;
    }

    /** Prints {@code text} as it is. */
    void print(String text) {
        out.print(text);
    }

    /** Prints {@code text} and a newline. */
    void line(String text) {
        out.print(text);
        out.print('\n');
    }

    /** Prints a C-style formatted string; numbers are formatted in the root locale, as virsh's C locale. */
    void printf(String format, Object... args) {
        out.print(String.format(Locale.ROOT, format, args));
    }

    /** Prints {@code text} unless quiet. */
    void extra(String text) {
        if (!quiet) {
            out.print(text);
        }
    }

    /** Prints {@code error: MESSAGE} on stderr, after flushing stdout so that a terminal shows both in order. */
    void error(String message) {
        diagnostic("error: ", message);
        if (log != null) {
            log.write(ERROR, message);
        }
    }

    /** Prints {@code warning: MESSAGE} on stderr: something went wrong that does not stop the command. */
    void warning(String message) {
        diagnostic("warning: ", message);
        if (log != null) {
            log.write(WARNING, message);
        }
    }

    /** Whether debug lines of {@code level} are printed. */
    boolean debugging(int level) {
        return level >= debugLevel && level < ERROR;
    }

    /** virsh's {@code vshDebug}: {@code message} on stdout (and in the log) when {@code -d} asks for {@code level}. */
    void debug(int level, String message) {
        if (level < debugLevel) {
            return;
        }
        out.print(message);
        out.print('\n');
        if (log != null) {
            log.write(level, message);
        }
    }

    private void diagnostic(String prefix, String message) {
        out.flush();
        err.print(prefix + message + "\n");
        err.flush();
    }

    /** Flushes both streams. */
    void flush() {
        out.flush();
        err.flush();
    }

    /** The terminal's stream for progress and prompts: stderr, as virsh's job progress. */
    PrintStream errStream() {
        return err;
    }
}
