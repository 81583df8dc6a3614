package org.jvirt.driver.xenstore.wire;

/**
 * Told of changes under a watched path. Called on the client's one event thread, in the order xenstored
 * sent the events; a listener may call the client back (the replies are read on another thread), and
 * should return soon, for the events of every watch of the client wait for it. An exception it throws is
 * logged and does not stop later events.
 */
@FunctionalInterface
public interface XsWatchListener {
    /**
     * {@code path} or a node under it changed, or, for the special paths {@code @introduceDomain} and
     * {@code @releaseDomain}, a domain was introduced or released. xenstored also fires each watch once
     * when it is registered (and registered again after a reconnection).
     */
    void changed(String path);

    /**
     * The connection to xenstored was lost and made again (typically: xenstored restarted): the watch is
     * registered again, but changes made in between were not reported. A listener that keeps state
     * derived from the store should read it again. Nothing is done unless overridden.
     *
     * @param reason what happened, for logs
     */
    default void eventsMayHaveBeenMissed(String reason) {
    }
}
