package org.jvirt.core.connection;

import static org.jvirt.spi.DriverOperations.NETWORK_CREATE;
import static org.jvirt.spi.DriverOperations.NETWORK_DESTROY;
import static org.jvirt.spi.DriverOperations.NETWORK_GET_AUTOSTART;
import static org.jvirt.spi.DriverOperations.NETWORK_GET_BRIDGE_NAME;
import static org.jvirt.spi.DriverOperations.NETWORK_GET_XML_DESC;
import static org.jvirt.spi.DriverOperations.NETWORK_IS_ACTIVE;
import static org.jvirt.spi.DriverOperations.NETWORK_IS_PERSISTENT;
import static org.jvirt.spi.DriverOperations.NETWORK_SET_AUTOSTART;
import static org.jvirt.spi.DriverOperations.NETWORK_UNDEFINE;

import java.util.Set;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Network;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.spi.Driver;
import org.jvirt.spi.NetworkRef;

/**
 * The core's {@link Network}: a connection, the driver's reference, and the driver that gave it
 * (the network's owner, whom calls go to first as the composition allows).
 */
final class NetworkHandle implements Network {
    private final CoreConnection connection;
    private final NetworkRef ref;
    private final Driver owner;

    NetworkHandle(CoreConnection connection, NetworkRef ref, Driver owner) {
        this.connection = connection;
        this.ref = ref;
        this.owner = owner;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public UUID uuid() {
        return ref.uuid();
    }

    @Override
    public String xmlDesc(NetworkXmlFlag... flags) {
        Set<NetworkXmlFlag> set = CoreConnection.flagSet(NetworkXmlFlag.class, flags, "virNetworkGetXMLDesc");
        return connection.router.call(NETWORK_GET_XML_DESC, owner, set, (d, f) -> d.networkXmlDesc(ref, f));
    }

    @Override
    public String bridgeName() {
        return connection.router.call(NETWORK_GET_BRIDGE_NAME, owner, d -> d.bridgeName(ref));
    }

    @Override
    public boolean isActive() {
        return connection.router.call(NETWORK_IS_ACTIVE, owner, d -> d.isActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return connection.router.call(NETWORK_IS_PERSISTENT, owner, d -> d.isPersistent(ref));
    }

    @Override
    public void start() {
        connection.router.run(NETWORK_CREATE, owner, d -> d.start(ref));
    }

    @Override
    public void destroy() {
        connection.router.run(NETWORK_DESTROY, owner, d -> d.destroy(ref));
    }

    @Override
    public void undefine() {
        connection.router.run(NETWORK_UNDEFINE, owner, d -> d.undefine(ref));
    }

    @Override
    public boolean autostart() {
        return connection.router.call(NETWORK_GET_AUTOSTART, owner, d -> d.autostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        connection.router.run(NETWORK_SET_AUTOSTART, owner, d -> d.setAutostart(ref, autostart));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkHandle other && other.connection == connection && other.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return ref.uuid().hashCode();
    }

    @Override
    public String toString() {
        return "Network[" + ref.name() + " " + ref.uuid() + "]";
    }
}
