package org.jvirt.proxy.daemon.server;

import java.util.Collection;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the daemon's calls run: on the thread that read them, so that a call costs no hand-over
 * between threads (each one is a wake-up, 15-20 µs on a small virtual machine, more than a quick
 * call's own work), with {@code max_workers} of them at most running at once. A call that takes long
 * must not hold up its client's next calls, so a watch hands the reading of a client whose call has run
 * longer than {@link #STALL_NANOS} to a new thread ({@link ClientSession#handOnIfStalled}).
 *
 * <p>The watch ticks only while calls are being made, and sleeps after {@link #IDLE_NANOS} without one:
 * a reader wakes it only when it starts a call after such a pause, never per call.
 *
 * <p>Thread-safe.
 */
final class Workers {
    /** How long a call may hold its client's reading before another thread takes the reading over. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** How often the watch looks, while calls are being made. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** How long without a call before the watch sleeps. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int max;
    private final Semaphore permits;
    private final Collection<ClientSession> sessions;
    private final Thread watch;
    private volatile boolean asleep;
    private volatile boolean stopped;
    private volatile long lastStart;

    /** At most {@code max} calls at once, of the clients in {@code sessions} (a live, thread-safe view). */
    Workers(int max, Collection<ClientSession> sessions) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.sessions = sessions;
        this.watch = new Thread(this::watchLoop, "jvirtd-stall-watch");
        this.watch.setDaemon(true);
    }

    /** Starts the watch. */
    void start() {
        watch.start();
    }

    /**
     * Called by a reader as it starts a call, after it has marked the call's start where the watch looks:
     * makes sure the watch is looking.
     */
    void callStarting(long now) {
        lastStart = now;
        if (asleep) {
            LockSupport.unpark(watch);
        }
    }

    /** Waits for one of the {@code max_workers} places to run a call. */
    void acquire() throws InterruptedException {
        permits.acquire();
    }

    /** Gives back the place {@link #acquire()} took. */
    void release() {
        permits.release();
    }

    /** Waits up to {@code timeoutNanos} for the calls running to finish; whether they did. */
    boolean awaitIdle(long timeoutNanos) throws InterruptedException {
        if (!permits.tryAcquire(max, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        permits.release(max);
        return true;
    }

    /** Stops the watch. */
    void stop() {
        stopped = true;
        LockSupport.unpark(watch);
    }

    private void watchLoop() {
        while (!stopped) {
            long now = System.nanoTime();
            boolean running = handOnStalled(now);
            if (running || now - lastStart < IDLE_NANOS) {
                LockSupport.parkNanos(this, TICK_NANOS);
                continue;
            }
            // no call for a while: sleep until a reader starts one (it sees asleep, or this sees its call)
            asleep = true;
            if (!handOnStalled(System.nanoTime()) && System.nanoTime() - lastStart >= IDLE_NANOS && !stopped) {
                LockSupport.park(this);
            }
            asleep = false;
        }
    }

    /** Hands on the reading of every client whose call has stalled; whether any call is running. */
    private boolean handOnStalled(long now) {
        boolean running = false;
        for (ClientSession s : sessions) {
            running |= s.handOnIfStalled(now, STALL_NANOS);
        }
        return running;
    }
}
