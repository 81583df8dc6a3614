package org.jvirt.driver.xenstore;

import java.util.UUID;
import org.jvirt.spi.DomainRef;

/**
 * A running domain as XenStore lists it: its id (the entry under {@code /local/domain}), its name
 * ({@code /local/domain/ID/name}) and its UUID (from its {@code vm} path).
 */
record StoreDomain(int id, String name, UUID uuid) {
    /** The SPI's reference to the running domain. */
    DomainRef ref() {
        return new DomainRef(name, uuid, id);
    }

    /** The reference a stopped domain's event carries: its id is gone. */
    DomainRef stoppedRef() {
        return new DomainRef(name, uuid, -1);
    }
}
