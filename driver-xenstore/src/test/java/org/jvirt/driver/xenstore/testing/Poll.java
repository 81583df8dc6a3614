package org.jvirt.driver.xenstore.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a deadline: the tests' only way to wait for what has no event. */
public final class Poll {
    private static final long PAUSE_NANOS = Duration.ofMillis(2).toNanos();

    private Poll() {
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} when it did not within {@code limit}. */
    public static void until(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + limit.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
