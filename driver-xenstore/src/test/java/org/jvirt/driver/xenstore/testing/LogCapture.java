package org.jvirt.driver.xenstore.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the classes of the wire package log (System.Logger goes to java.util.logging here), kept for a
 * test to look at; close it to stop.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture(Class<?> of) {
        this.logger = Logger.getLogger(of.getName());
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    /** Every message at {@code level} or above, formatted. */
    public List<String> messages(Level level) {
        java.util.logging.Formatter f = new java.util.logging.SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(f::formatMessage)
                .toList();
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
