package org.jvirt.proxy.remote.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process's standard error, read as it comes (so that the process never blocks on a full pipe) and kept up to
 * its last {@value #LIMIT} bytes: the end of ssh's complaint is where its cause is.
 */
final class StderrTail {
    /** How much is kept. */
    static final int LIMIT = 8192;
    private static final System.Logger LOG = System.getLogger(StderrTail.class.getName());

    private final byte[] kept = new byte[LIMIT];
    private int length;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** Starts reading {@code err} on a daemon thread named after {@code what}. */
    StderrTail(InputStream err, String what) {
        Thread t = new Thread(() -> drain(err, what), "jvirt-remote-stderr " + what);
        t.setDaemon(true);
        t.start();
    }

    private void drain(InputStream err, String what) {
        byte[] buf = new byte[1024];
        try (err) {
            int n;
            while ((n = err.read(buf)) > 0) {
                append(buf, n);
                if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                    LOG.log(System.Logger.Level.DEBUG, what + " says: "
                            + new String(buf, 0, n, StandardCharsets.UTF_8).stripTrailing());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "standard error of " + what + " ended: " + e.getMessage());
        } finally {
            ended.countDown();
        }
    }

    private synchronized void append(byte[] buf, int n) {
        if (n >= LIMIT) {
            System.arraycopy(buf, n - LIMIT, kept, 0, LIMIT);
            length = LIMIT;
            return;
        }
        int drop = Math.max(0, length + n - LIMIT);
        if (drop > 0) {
            System.arraycopy(kept, drop, kept, 0, length - drop);
            length -= drop;
        }
        System.arraycopy(buf, 0, kept, length, n);
        length += n;
    }

    /**
     * What was written, once the stream has ended or {@code waitMillis} have passed (the process's last words
     * may still be on their way when its standard output ends), without trailing white space.
     */
    String text(long waitMillis) {
        try {
            ended.await(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new String(Arrays.copyOf(kept, length), StandardCharsets.UTF_8).strip();
        }
    }
}
