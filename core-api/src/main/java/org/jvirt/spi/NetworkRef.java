package org.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * How the core and a driver name one network.
 *
 * @param name the network's name, never null
 * @param uuid the network's UUID, never null
 *
 * @since 1.0
 */
public record NetworkRef(String name, UUID uuid) {
    public NetworkRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
