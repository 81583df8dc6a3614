package org.jvirt.api;

import java.util.UUID;

/**
 * A handle on one virtual network of a {@link Connection}, libvirt's {@code virNetworkPtr}.
 *
 * <p>Safe to share between threads; equal when naming the same UUID on the same connection.
 * Errors and flags as {@link Connection}'s, plus NO_NETWORK once the network no longer exists.
 *
 * @since 1.0
 */
public interface Network {

    /** The connection this handle belongs to. */
    Connection connection();

    /** The network's name. */
    String name();

    /** The network's UUID. */
    UUID uuid();

    /**
     * libvirt network XML, as {@code virNetworkGetXMLDesc}: of the persistent definition with
     * {@link NetworkXmlFlag#INACTIVE}.
     */
    String xmlDesc(NetworkXmlFlag... flags);

    /** The host bridge device, e.g. {@code virbr0}. */
    String bridgeName();

    /** Whether the network is running. */
    boolean isActive();

    /** Whether the network has a persistent definition. */
    boolean isPersistent();

    /** Starts a defined network. */
    void start();

    /** Stops the network; a transient network disappears. */
    void destroy();

    /** Removes the persistent definition. */
    void undefine();

    /** Whether the network starts with its host. */
    boolean autostart();

    /** Sets whether the network starts with its host. */
    void setAutostart(boolean autostart);
}
