package org.jvirt.proxy.daemon.dispatch;

/**
 * What the daemon does for one remote procedure: takes the call's decoded arguments and returns the
 * reply's value (the procedure's {@code _ret} record, or null for a procedure that returns nothing).
 *
 * <p>Runs on a worker thread, possibly beside other calls of the same client. Failures are
 * {@link org.jvirt.api.VirtException}s, which reach the client as libvirt's error replies.
 *
 * @param <A> the procedure's {@code _args} record ({@link Void} when it takes none)
 */
@FunctionalInterface
public interface Handler<A> {
    /**
     * @param caller the client making the call, never null
     * @param args the decoded arguments, null when the procedure takes none
     * @return the reply's record, or null when the procedure returns nothing
     */
    Object handle(Caller caller, A args);
}
