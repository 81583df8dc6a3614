package org.jvirt.driver.xend.config;

import org.jvirt.model.DomainDefinition;

/**
 * One definition being written for xend, with what every part of the writing asks of it. As in
 * libvirt 0.4.4, a guest is written as fully virtualised only when it has an {@code <os>} of type
 * {@code hvm} and no {@code <bootloader>}: a bootloader guest has no image, and its devices are
 * written as a paravirtualised guest's.
 */
final class DefGuest {
    final DomainDefinition def;
    final int version;
    final boolean hvm;
    final NetworkBridges bridges;

    DefGuest(DomainDefinition def, int version, NetworkBridges bridges) {
        this.def = def;
        this.version = version;
        this.bridges = bridges;
        this.hvm = def.bootloader() == null && def.os() != null && "hvm".equals(def.os().type());
    }

    /** The domain's name, for messages. */
    String name() {
        return def.name();
    }
}
