package org.jvirt.core.connection;

import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;
import org.jvirt.core.routing.Router;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.NetworkRef;

/** The core's {@link Network}: a connection plus the driver's reference. */
final class NetworkHandle implements Network {
    private final CoreConnection connection;
    private final Router router;
    private final NetworkRef ref;

    NetworkHandle(CoreConnection connection, NetworkRef ref) {
        this.connection = connection;
        this.router = connection.router();
        this.ref = ref;
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
    public String xmlDesc(boolean inactive) {
        return router.call(Operation.NETWORK_GET_XML_DESC, DriverOperations.NetworkStatus.class,
                d -> d.networkXmlDesc(ref, inactive));
    }

    @Override
    public String bridgeName() {
        return router.call(Operation.NETWORK_GET_BRIDGE_NAME, DriverOperations.NetworkStatus.class,
                d -> d.bridgeName(ref));
    }

    @Override
    public boolean isActive() {
        return router.call(Operation.NETWORK_IS_ACTIVE, DriverOperations.NetworkStatus.class, d -> d.isActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return router.call(Operation.NETWORK_IS_PERSISTENT, DriverOperations.NetworkStatus.class,
                d -> d.isPersistent(ref));
    }

    @Override
    public void start() {
        router.run(Operation.NETWORK_CREATE, DriverOperations.NetworkLifecycle.class, d -> d.start(ref));
    }

    @Override
    public void destroy() {
        router.run(Operation.NETWORK_DESTROY, DriverOperations.NetworkLifecycle.class, d -> d.destroy(ref));
    }

    @Override
    public void undefine() {
        router.run(Operation.NETWORK_UNDEFINE, DriverOperations.NetworkLifecycle.class, d -> d.undefine(ref));
    }

    @Override
    public boolean autostart() {
        return router.call(Operation.NETWORK_GET_AUTOSTART, DriverOperations.NetworkAutostart.class,
                d -> d.autostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        router.run(Operation.NETWORK_SET_AUTOSTART, DriverOperations.NetworkAutostart.class,
                d -> d.setAutostart(ref, autostart));
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
