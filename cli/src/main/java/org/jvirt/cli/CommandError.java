package org.jvirt.cli;

import java.util.List;
import org.jvirt.api.VirtException;

/**
 * A failed command, worded by jvirsh: each line is printed to stderr as {@code error: LINE}, as virsh
 * prints its own message first and then the library's ("Failed to resume domain 'test'" followed by
 * "internal error: domain 'test' not paused").
 */
final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    /** One line, e.g. {@code failed to get domain 'nosuch'}. */
    CommandError(String line) {
        super(line);
        this.lines = List.of(line);
    }

    /** virsh's own line, then the library's message. */
    CommandError(String line, VirtException cause) {
        super(line, cause);
        this.lines = List.of(line, cause.getMessage());
    }

    /** Two lines of jvirsh's own, e.g. a malformed number and the reason. */
    CommandError(String line, String detail) {
        super(line);
        this.lines = List.of(line, detail);
    }

    /** Several lines, e.g. every missing option of a command; none when they were printed already. */
    CommandError(List<String> lines) {
        super(lines.isEmpty() ? "" : lines.get(0));
        this.lines = List.copyOf(lines);
    }

    /** The lines to print after {@code error: }. */
    List<String> lines() {
        return lines;
    }
}
