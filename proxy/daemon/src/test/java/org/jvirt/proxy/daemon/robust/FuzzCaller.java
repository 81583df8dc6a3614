package org.jvirt.proxy.daemon.robust;

import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.EventCallbacks;

/**
 * A caller for driving {@code Dispatcher.dispatch} without a socket: a real jvirt connection (opened
 * as the daemon opens them), events counted rather than sent. Behaves as a client session does where
 * the handlers can tell: one connection at a time, "not open" before CONNECT_OPEN and after CONNECT_CLOSE.
 */
final class FuzzCaller implements Caller, AutoCloseable {
    private final Object lock = new Object();
    private final AtomicInteger eventsSent = new AtomicInteger();
    private final EventCallbacks events = new EventCallbacks(m -> eventsSent.incrementAndGet());
    private Connection connection;

    @Override
    public Connection connection() {
        synchronized (lock) {
            if (connection == null) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "hypervisor connection not open", null);
            }
            return connection;
        }
    }

    @Override
    public void open(String uri, boolean readOnlyRequested) {
        synchronized (lock) {
            if (connection != null) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "connection already open", null);
            }
            connection = Jvirt.builder().uri(uri).readOnly(readOnlyRequested).open();
        }
    }

    /** Opens test:///default unless a connection is open. */
    void ensureOpen() {
        synchronized (lock) {
            if (connection == null) {
                open("test:///default", false);
            }
        }
    }

    @Override
    public void closeConnection() {
        synchronized (lock) {
            events.clear();
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    @Override
    public boolean readOnlySocket() {
        return false;
    }

    @Override
    public void startKeepalive() {
    }

    @Override
    public void closeCallback(boolean wanted) {
    }

    @Override
    public EventCallbacks events() {
        return events;
    }

    @Override
    public String describe() {
        return "fuzz caller";
    }

    @Override
    public void close() {
        closeConnection();
    }
}
