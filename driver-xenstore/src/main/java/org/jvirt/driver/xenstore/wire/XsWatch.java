package org.jvirt.driver.xenstore.wire;

/**
 * A registered watch ({@link XenstoreClient#watch}). Closing it unregisters it (XS_UNWATCH) and stops its
 * events; closing twice does nothing. Thread-safe.
 */
public final class XsWatch implements AutoCloseable {
    private final XenstoreClient client;
    private final String path;
    private final String token;
    final XsWatchListener listener;
    private volatile boolean closed;

    XsWatch(XenstoreClient client, String path, String token, XsWatchListener listener) {
        this.client = client;
        this.path = path;
        this.token = token;
        this.listener = listener;
    }

    /** The watched path, e.g. {@code @introduceDomain} or {@code /local/domain}. */
    public String path() {
        return path;
    }

    /** The token this client gave xenstored for the watch, unique within the client. */
    public String token() {
        return token;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the watch. xenstored is asked to forget it when the connection is up; a failure to ask is
     * logged, not thrown, for the client forgets the watch in any case.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.unwatch(this);
    }

    @Override
    public String toString() {
        return "XsWatch[" + path + ", token " + token + (closed ? ", closed" : "") + "]";
    }
}
