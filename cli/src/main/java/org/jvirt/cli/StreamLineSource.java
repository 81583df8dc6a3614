package org.jvirt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/**
 * The shell's lines from a pipe or a file ({@code jvirsh < script}), as virsh reads them through
 * readline without a terminal: the prompt is printed, and the line read is echoed after it, wrapped as
 * readline wraps at its width of 80 columns when it knows of no terminal.
 */
final class StreamLineSource implements LineSource {
    /** readline's screen width without a terminal. */
    static final int COLUMNS = 80;

    private final BufferedReader reader;
    private final Output output;
    private final boolean echo;

    /** @param echo whether to repeat each line after its prompt, as readline does when the input is not a terminal */
    StreamLineSource(InputStream in, Output output, boolean echo) {
        this.reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
        this.output = output;
        this.echo = echo;
    }

    @Override
    public String readLine(String prompt) {
        output.print(prompt);
        output.flush();
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            output.error("cannot read standard input: " + e.getMessage());
            return null;
        }
        if (line != null && echo) {
            output.line(wrapped(prompt, line));
        }
        return line;
    }

    /**
     * {@code line} as readline echoes it after {@code prompt} (recorded from virsh 9): where the output reaches
     * another 80 columns, the next character, a carriage return, and that character again.
     */
    static String wrapped(String prompt, String line) {
        StringBuilder b = new StringBuilder(line.length() + 2 * (line.length() / COLUMNS + 1));
        int column = prompt.length();
        for (int i = 0; i < line.length(); i++) {
            if (column == COLUMNS) {
                b.append(line.charAt(i)).append('\r');
                column = 0;
            }
            b.append(line.charAt(i));
            column++;
        }
        return b.toString();
    }

    @Override
    public void close() {
        // standard input stays open: it is not ours
    }
}
