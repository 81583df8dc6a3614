package org.jvirt.proxy.daemon.dispatch;

/**
 * A set of related procedures (the connection's, the domains', the networks', ...) that registers its
 * handlers in the daemon's {@link HandlerTable}. Bound in a Guice multibinder; registration runs once,
 * at start-up, on one thread.
 */
public interface ProcedureGroup {
    /** Adds this group's handlers to {@code table}. */
    void register(HandlerTable table);
}
