package org.jvirt.proxy.daemon.dispatch;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Network;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteNonnullNetwork;

/**
 * Domains and networks as they cross the wire and back. A domain travels as name, UUID and id (-1 when
 * inactive); the daemon finds it again by UUID, as libvirt's drivers do with the {@code virDomainPtr}
 * the daemon makes of it ({@code get_nonnull_domain}), so a renamed or restarted domain is still found.
 */
public final class WireObjects {
    private WireObjects() {
    }

    /** {@code d} on the wire; its id is asked for once, -1 when it is not running or is gone. */
    public static RemoteNonnullDomain domain(Domain d) {
        int id;
        try {
            id = d.id();
        } catch (VirtException gone) {
            id = -1; // an event about a domain that no longer exists still names it
        }
        return new RemoteNonnullDomain(d.name(), bytes(d.uuid()), id);
    }

    /** {@code d} on the wire with an id already known. */
    public static RemoteNonnullDomain domain(Domain d, int id) {
        return new RemoteNonnullDomain(d.name(), bytes(d.uuid()), id);
    }

    /**
     * The domain a call names, looked up by its UUID.
     *
     * @throws VirtException NO_DOMAIN "no domain with matching uuid 'U' (NAME)" when it is gone: libvirt's
     *     drivers name the domain the client's handle carries ({@code testDomObjFromDomain},
     *     {@code qemuDomainObjFromDomain}), which a lookup by UUID alone cannot
     */
    public static Domain domain(Connection c, RemoteNonnullDomain d) {
        UUID uuid = uuid(d.uuid());
        try {
            return c.domainByUuid(uuid);
        } catch (VirtException e) {
            if (e.code() != ErrorCode.NO_DOMAIN) {
                throw e;
            }
            throw new VirtException(ErrorCode.NO_DOMAIN, e.domain(),
                    ErrorCode.NO_DOMAIN.format("no domain with matching uuid '" + uuid + "' (" + d.name() + ")"),
                    e.driver(), d.name(), e);
        }
    }

    /** {@code n} on the wire. */
    public static RemoteNonnullNetwork network(Network n) {
        return new RemoteNonnullNetwork(n.name(), bytes(n.uuid()));
    }

    /** The network a call names, looked up by its UUID. */
    public static Network network(Connection c, RemoteNonnullNetwork n) {
        return c.networkByUuid(uuid(n.uuid()));
    }

    /** A UUID's 16 bytes. */
    public static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    /**
     * The UUID of 16 bytes.
     *
     * @throws VirtException INVALID_ARG for another length (the codec admits only 16; this guards other callers)
     */
    public static UUID uuid(byte[] b) {
        if (b.length != 16) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.RPC, "a UUID has 16 bytes, not " + b.length, null);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }
}
