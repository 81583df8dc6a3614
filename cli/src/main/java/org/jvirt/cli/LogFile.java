package org.jvirt.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The log file of {@code -l FILE} (or {@code $JVIRSH_LOG_FILE}), as virsh's {@code vshOutputLogFile}:
 * appended to, one line per message, {@code [2026.11.23 16:31:32 jvirsh 1234] ERROR message}.
 */
final class LogFile implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");
    private static final String[] LEVELS = {"DEBUG", "INFO", "NOTICE", "WARNING", "ERROR"};

    private final OutputStream out;

    private LogFile(OutputStream out) {
        this.out = out;
    }

    /**
     * @throws CommandError virsh's {@code failed to open the log file. check the log file path}
     */
    static LogFile open(String path) {
        try {
            return new LogFile(Files.newOutputStream(Path.of(path), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            throw new CommandError("failed to open the log file. check the log file path");
        }
    }

    /** Appends one message; a failure to write is ignored, as virsh ignores it. */
    synchronized void write(int level, String message) {
        String text = "[" + LocalDateTime.now().format(STAMP) + " jvirsh " + ProcessHandle.current().pid() + "] "
                + LEVELS[Math.max(0, Math.min(level, LEVELS.length - 1))] + " " + message
                + (message.endsWith("\n") ? "" : "\n");
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // virsh's vshOutputLogFile gives up silently too
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
