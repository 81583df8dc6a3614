package org.jvirt.api;

/**
 * A registration that can be cancelled. Closing twice is harmless; never throws.
 *
 * @since 1.0
 */
public interface Subscription extends AutoCloseable {
    /** Stops delivery; no event is delivered to the listener once this returns (except one already running). */
    @Override
    void close();
}
