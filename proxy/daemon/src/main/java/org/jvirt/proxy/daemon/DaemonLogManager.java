package org.jvirt.proxy.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * java.util.logging's manager for jvirtd (the launcher sets {@code -Djava.util.logging.manager} to it):
 * the JDK's own manager closes every handler in a shutdown hook of its own, which runs beside jvirtd's
 * and so loses what a graceful stop logs — the clients it waits for, the calls still running, "jvirtd
 * stopped". This one holds that reset back until jvirtd's stop has finished (or a minute has passed).
 */
public final class DaemonLogManager extends LogManager {
    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile boolean running;

    /** Called once the daemon runs: from now on a reset (the JDK's shutdown hook's) waits for {@link #stopped()}. */
    static void running() {
        running = true;
    }

    /** Called when jvirtd's stop has logged its last line; the reset may then run. */
    static void stopped() {
        running = false;
        STOPPED.countDown();
    }

    /** Resets at once, but while the daemon runs: then after its stop (the manager's own set-up resets too). */
    @Override
    public void reset() {
        if (running) {
            try {
                STOPPED.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.reset();
    }
}
