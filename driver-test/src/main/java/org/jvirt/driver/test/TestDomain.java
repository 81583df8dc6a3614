package org.jvirt.driver.test;

import java.util.BitSet;
import org.jvirt.api.DomainStateReason;
import org.jvirt.model.DomainDefinition;
import org.jvirt.spi.DomainRef;

/**
 * One domain of a {@link TestNode}. Mutable; guarded by the node's lock. Name and UUID never
 * change; the persistent definition is null for a transient domain, the live one null when inactive.
 */
final class TestDomain {
    final String name;
    final java.util.UUID uuid;
    DomainDefinition persistent;
    DomainDefinition live;
    DomainStateReason state;
    int id = -1;
    boolean autostart;
    int schedulerWeight = 50;
    /** Per-vCPU host CPU affinity; null entries mean every host CPU. */
    BitSet[] pins;
    private DomainRef ref;

    TestDomain(DomainDefinition definition, DomainStateReason state) {
        this.name = definition.name();
        this.uuid = definition.uuid();
        this.state = state;
    }

    boolean isActive() {
        return live != null;
    }

    boolean isPersistent() {
        return persistent != null;
    }

    /** The definition in force now: the live one while active, else the persistent one. */
    DomainDefinition current() {
        return live != null ? live : persistent;
    }

    /** The reference the core and the driver share; rebuilt only when the id changes. */
    DomainRef ref() {
        DomainRef r = ref;
        if (r == null || r.id() != id) {
            r = new DomainRef(name, uuid, id);
            ref = r;
        }
        return r;
    }
}
