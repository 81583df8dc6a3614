package org.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * How the core and a driver name one domain: what libvirt's {@code virDomainPtr} carries.
 *
 * @param name the domain's name, never null
 * @param uuid the domain's UUID, never null; the identity drivers should look up by
 * @param id the hypervisor id when the reference was made, -1 when inactive
 *
 * @since 1.0
 */
public record DomainRef(String name, UUID uuid, int id) {
    public DomainRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
