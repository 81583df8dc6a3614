package org.jvirt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/**
 * The shell's lines from a pipe or a file ({@code jvirsh < script}), as virsh reads them through
 * readline without a terminal: the prompt is printed, and the line read is echoed after it.
 */
final class StreamLineSource implements LineSource {
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
            output.line(line);
        }
        return line;
    }

    @Override
    public void close() {
        // standard input stays open: it is not ours
    }
}
