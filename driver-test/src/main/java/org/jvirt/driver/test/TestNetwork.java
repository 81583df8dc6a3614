package org.jvirt.driver.test;

import org.jvirt.model.NetworkDefinition;
import org.jvirt.spi.NetworkRef;

/** One network of a {@link TestNode}. Mutable; guarded by the node's lock. */
final class TestNetwork {
    final NetworkRef ref;
    NetworkDefinition definition;
    boolean active;
    boolean persistent;
    boolean autostart;

    TestNetwork(NetworkDefinition definition, boolean active, boolean persistent) {
        this.ref = new NetworkRef(definition.name(), definition.uuid());
        this.definition = definition;
        this.active = active;
        this.persistent = persistent;
    }
}
