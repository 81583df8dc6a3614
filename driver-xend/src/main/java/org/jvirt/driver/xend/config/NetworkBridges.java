package org.jvirt.driver.xend.config;

import java.util.Optional;

/**
 * The host bridge of a libvirt virtual network, which is what xend is given for an interface of type
 * {@code network} (libvirt 0.4.4 asked {@code virNetworkGetBridgeName}). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface NetworkBridges {
    /** No network known: an interface of type {@code network} cannot be converted. */
    NetworkBridges NONE = network -> Optional.empty();

    /** The bridge of the network named {@code network}, or empty when there is no such network. */
    Optional<String> bridgeOf(String network);
}
