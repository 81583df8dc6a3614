package org.jvirt.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where jvirsh writes, with virsh's three kinds of output: results ({@code vshPrint}), extras that
 * {@code -q} silences such as "Domain 'test' started" and the blank line after each command
 * ({@code vshPrintExtra}), and {@code error: ...} lines on stderr ({@code vshError}).
 *
 * <p>Lines end with {@code \n} whatever the platform, as virsh's do.
 */
final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    Output(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
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
    }

    /** Prints {@code warning: MESSAGE} on stderr: something went wrong that does not stop the command. */
    void warning(String message) {
        diagnostic("warning: ", message);
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
}
