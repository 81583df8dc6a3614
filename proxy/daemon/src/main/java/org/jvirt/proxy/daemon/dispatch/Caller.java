package org.jvirt.proxy.daemon.dispatch;

import org.jvirt.api.Connection;
import org.jvirt.api.VirtException;

/**
 * The client on whose behalf a procedure runs: its jvirt connection, once it has opened one, and its
 * event callbacks. One per client connection; handlers of several calls may use it at once, so it is
 * thread-safe.
 */
public interface Caller {
    /**
     * The jvirt connection the client opened.
     *
     * @throws VirtException INTERNAL_ERROR "hypervisor connection not open", as libvirtd answers a call
     *     that comes before {@code CONNECT_OPEN} or after {@code CONNECT_CLOSE}
     */
    Connection connection();

    /**
     * Opens the client's jvirt connection on {@code uri} (null: the default), read-only when the client
     * came through the read-only socket or asks for it.
     *
     * @throws VirtException when a connection is already open, or the open fails
     */
    void open(String uri, boolean readOnlyRequested);

    /** Closes the client's jvirt connection and drops its event callbacks; harmless when none is open. */
    void closeConnection();

    /** Whether this client came through the read-only socket. */
    boolean readOnlySocket();

    /**
     * Starts libvirt's keepalive with this client (asked for through {@code CONNECT_SUPPORTS_FEATURE}
     * with {@code VIR_DRV_FEATURE_PROGRAM_KEEPALIVE}): from now on the daemon pings it when it falls
     * silent, and drops it when it stops answering.
     */
    void startKeepalive();

    /**
     * Whether the client wants {@code CONNECT_EVENT_CONNECTION_CLOSED} when its jvirt connection closes
     * under it ({@code CONNECT_REGISTER_CLOSE_CALLBACK} / {@code CONNECT_UNREGISTER_CLOSE_CALLBACK}).
     */
    void closeCallback(boolean wanted);

    /** The client's event callbacks. */
    EventCallbacks events();

    /** What identifies the client in logs: its number and peer credentials. */
    String describe();
}
