package org.jvirt.proxy.daemon.robust;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what would mean an exception escaped inside jvirtd while a test runs: records jvirtd logs
 * at ERROR (a handler that threw: the dispatcher's catch-all) and exceptions that end any of its
 * threads. Restores everything on close.
 */
final class DaemonErrors implements AutoCloseable {
    private final Logger logger = Logger.getLogger("org.jvirt.proxy.daemon");
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    DaemonErrors() {
        logger.addHandler(handler);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> errors.add("thread " + t.getName() + " died: " + e));
    }

    /** What went wrong so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
