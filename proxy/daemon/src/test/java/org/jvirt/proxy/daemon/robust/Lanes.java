package org.jvirt.proxy.daemon.robust;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Runs a sequence of asynchronous steps one after another without a thread of its own: each step
 * starts when the previous one's future completes (on the thread that completed it). A client runs
 * several such lanes at once, which keeps several calls in flight while the calls of one lane stay
 * in causal order.
 */
final class Lanes {
    private Lanes() {
    }

    /** Runs {@code step(0)} … {@code step(times - 1)} in order; fails with the first step that fails. */
    static CompletableFuture<Void> repeat(int times, IntFunction<CompletableFuture<?>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(0, times, step, done);
        return done;
    }

    private static void next(int i, int times, IntFunction<CompletableFuture<?>> step, CompletableFuture<Void> done) {
        if (i == times) {
            done.complete(null);
            return;
        }
        CompletableFuture<?> f;
        try {
            f = step.apply(i);
        } catch (RuntimeException | AssertionError e) {
            done.completeExceptionally(e);
            return;
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                next(i + 1, times, step, done);
            }
        });
    }
}
