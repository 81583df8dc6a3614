package org.jvirt.proxy.remote.rpc;

import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Who reads the stream now: one thread at a time holds the role and hands on every message it reads, as
 * libvirt's {@code virNetClient} passes "the buck" among the threads waiting for replies. A caller that takes
 * the role reads its own reply, so the reply wakes only the thread that wants it — a reader thread that then
 * woke the caller cost a third of a call's time. The others wait for their reply or for the role to come free.
 *
 * <p>Thread-safe. The role is not reentrant in use: a holder must not take it again.
 */
final class ReaderRole {
    private final ReentrantLock role = new ReentrantLock();
    private final ReentrantLock state = new ReentrantLock();
    /** Signalled when the role comes free, a reply is handed on, or the channel closes: for callers. */
    private final Condition changed = state.newCondition();
    /**
     * Signalled only when the channel closes: the idle reader otherwise looks again when its time comes, as
     * waking it at every call's end (two futex calls and a context switch a call) cost the callers more than
     * the few milliseconds it may take to notice that the calls stopped.
     */
    private final Condition closed = state.newCondition();
    private volatile Thread holder;

    /** Takes the role if nobody holds it; true when this thread now reads the stream. */
    boolean tryTake() {
        if (role.tryLock()) {
            holder = Thread.currentThread();
            return true;
        }
        return false;
    }

    /** Gives the role up and wakes the threads waiting for it. */
    void release() {
        holder = null;
        role.unlock();
        signal();
    }

    /** The thread reading the stream now, or null (tests wait on it). */
    Thread holder() {
        return holder;
    }

    /** Wakes the waiting callers to look again: a reply was handed on, or the role came free. */
    void signal() {
        state.lock();
        try {
            changed.signalAll();
        } finally {
            state.unlock();
        }
    }

    /** Wakes every waiting thread, the idle reader too: the channel closed. */
    void signalClosed() {
        state.lock();
        try {
            changed.signalAll();
            closed.signalAll();
        } finally {
            state.unlock();
        }
    }

    /**
     * Waits until {@code reply} is done or the role is free (to be taken with {@link #tryTake}, which may still
     * lose it to another thread).
     *
     * @throws InterruptedException when this thread is interrupted while waiting
     */
    void awaitReplyOrRole(Future<?> reply) throws InterruptedException {
        state.lock();
        try {
            while (!reply.isDone() && role.isLocked()) {
                changed.await();
            }
        } finally {
            state.unlock();
        }
    }

    /**
     * Waits until the role is free and {@code idle} holds, looking again every {@code recheckNanos} (idleness is a
     * matter of time passing) and when the channel closes ({@link #signalClosed}), not at every call's end.
     *
     * @throws InterruptedException when this thread is interrupted while waiting
     */
    void awaitFreeAnd(BooleanSupplier idle, long recheckNanos) throws InterruptedException {
        state.lock();
        try {
            while (role.isLocked() || !idle.getAsBoolean()) {
                closed.awaitNanos(recheckNanos);
            }
        } finally {
            state.unlock();
        }
    }
}
