package org.jvirt.proxy.daemon.robust;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps jvirtd's per-client INFO lines (connected, opened, disconnected) out of a test that makes
 * thousands of clients; warnings still show. Restores the level on close.
 */
final class QuietLogs implements AutoCloseable {
    private final Logger logger = Logger.getLogger("org.jvirt.proxy.daemon");
    private final Level before = logger.getLevel();

    QuietLogs() {
        logger.setLevel(Level.WARNING);
    }

    @Override
    public void close() {
        logger.setLevel(before);
    }
}
