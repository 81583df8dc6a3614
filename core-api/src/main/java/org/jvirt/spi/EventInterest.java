package org.jvirt.spi;

/**
 * Implemented by a driver for which reporting events costs something while nobody listens: the remote driver,
 * whose daemon sends every event over the wire once asked to. The core tells it when the connection's first
 * event listener subscribes and when its last one leaves, as libvirt's client registers its callback with the
 * daemon only when an application registers one. A driver without it reports events all the time, and the core
 * drops them while nobody listens.
 *
 * <p>Called on the thread that subscribes or unsubscribes, one call at a time per connection, alternating true
 * and false (starting with true); the subscription returns only after the call, so that every change after it
 * is reported. Failures are VirtExceptions, which the subscriber receives.
 *
 * @since 1.1
 */
public interface EventInterest {
    /** {@code true}: the connection's first listener subscribes; {@code false}: its last one left. */
    void listening(boolean listening);
}
