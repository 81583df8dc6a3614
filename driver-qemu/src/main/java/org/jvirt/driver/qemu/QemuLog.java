package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jvirt.driver.qemu.state.LogStamp;
import org.jvirt.driver.qemu.state.StateLayout;

/**
 * Each domain's QEMU log ({@code log/NAME.log}), as libvirt's {@code /var/log/libvirt/qemu}: the
 * driver's own lines (starting up with the command line, shutting down with the reason) between
 * what QEMU writes to its standard output and error. Thread-safe: appends are whole writes.
 */
final class QemuLog {
    /** How many of a QEMU log's last lines an exit is logged with. */
    private static final int TAIL_LINES = 5;
    /** The end of a log read for its last lines: enough for a few lines, while a log can be long. */
    private static final int TAIL_BYTES = 4096;

    private final StateLayout layout;

    QemuLog(StateLayout layout) {
        this.layout = layout;
    }

    /**
     * Appends {@code text} to the log of domain {@code name}; returns the offset just after it (where
     * what QEMU writes next begins), or 0 when the log cannot be written.
     */
    long append(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(layout.logFile(name), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long before = ch.size();
            ch.write(ByteBuffer.wrap(bytes));
            return before + bytes.length;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Appends the driver's own {@code text} to the log of domain {@code name}, after a time stamp as
     * {@code Instant.toString()} writes it ({@link LogStamp}: the same text without the JDK's date-time
     * set-up in a short process); returns what {@link #append} returns.
     */
    long note(String name, String text) {
        return append(name, LogStamp.now() + ": " + text);
    }

    /** The last lines of the domain's log, each on a line of its own, indented; why not when unreadable. */
    String tail(String name) {
        try (FileChannel ch = FileChannel.open(layout.logFile(name))) {
            long from = Math.max(0, ch.size() - TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - from));
            ch.read(buf, from);
            String[] lines = new String(buf.array(), StandardCharsets.UTF_8).strip().split("\n");
            int first = Math.max(0, lines.length - TAIL_LINES);
            return "\n  " + String.join("\n  ", Arrays.asList(lines).subList(first, lines.length));
        } catch (IOException | RuntimeException e) {
            return " (unreadable: " + e.getMessage() + ")";
        }
    }
}
