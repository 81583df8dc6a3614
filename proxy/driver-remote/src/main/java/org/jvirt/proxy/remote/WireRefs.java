package org.jvirt.proxy.remote;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteNonnullNetwork;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.NetworkRef;

/** Domain and network references as the wire carries them ({@code remote_nonnull_domain} and its kin). */
final class WireRefs {
    private WireRefs() {
    }

    static DomainRef domain(RemoteNonnullDomain d) {
        return new DomainRef(d.name(), uuid(d.uuid()), d.id());
    }

    static RemoteNonnullDomain domain(DomainRef d) {
        return new RemoteNonnullDomain(d.name(), bytes(d.uuid()), d.id());
    }

    static NetworkRef network(RemoteNonnullNetwork n) {
        return new NetworkRef(n.name(), uuid(n.uuid()));
    }

    static RemoteNonnullNetwork network(NetworkRef n) {
        return new RemoteNonnullNetwork(n.name(), bytes(n.uuid()));
    }

    static UUID uuid(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        return new UUID(b.getLong(), b.getLong());
    }

    static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
