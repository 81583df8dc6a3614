package org.jvirt.api;

/**
 * Told once when a connection closes, on the thread that closed it or saw it fail. Must not throw.
 *
 * @since 1.0
 */
@FunctionalInterface
public interface CloseListener {
    void onClose(Connection connection, CloseReason reason);
}
