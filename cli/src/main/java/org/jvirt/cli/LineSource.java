package org.jvirt.cli;

/** Where the shell reads its lines: a terminal with line editing, or a stream. */
interface LineSource extends AutoCloseable {
    /** Shows {@code prompt} and reads one line; null at the end of input. */
    String readLine(String prompt);

    @Override
    void close();
}
