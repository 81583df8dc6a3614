package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Set;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Flag;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.model.NetworkXml;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.ForwardsDocuments;
import org.jvirt.spi.NetworkRef;

/**
 * A network's description and lifecycle: XML, bridge, activity, persistence, create, define, undefine,
 * start, destroy, autostart. Documents go to the daemon as given; without flags, create and define are
 * libvirt's flagless procedures, as in {@link RemoteDomainLifecycle}.
 */
interface RemoteNetworks extends RemoteOperations, DriverOperations.NetworkXmlDescription,
        DriverOperations.NetworkBridgeName, DriverOperations.NetworkIsActive, DriverOperations.NetworkIsPersistent,
        DriverOperations.NetworkCreateTransient, DriverOperations.NetworkDefine, DriverOperations.NetworkUndefine,
        DriverOperations.NetworkStart, DriverOperations.NetworkDestroy, DriverOperations.NetworkAutostart,
        ForwardsDocuments {

    @Override
    default String networkXmlDesc(NetworkRef network, Set<NetworkXmlFlag> flags) {
        return channel().call(REMOTE_PROC_NETWORK_GET_XML_DESC,
                new RemoteNetworkGetXmlDescArgs(WireRefs.network(network), Flag.bits(flags)),
                RemoteNetworkGetXmlDescRet.class).xml();
    }

    @Override
    default Set<NetworkXmlFlag> networkXmlDescFlags() {
        return Set.of(NetworkXmlFlag.values());
    }

    @Override
    default String bridgeName(NetworkRef network) {
        return channel().call(REMOTE_PROC_NETWORK_GET_BRIDGE_NAME,
                new RemoteNetworkGetBridgeNameArgs(WireRefs.network(network)), RemoteNetworkGetBridgeNameRet.class).name();
    }

    @Override
    default boolean isActive(NetworkRef network) {
        return channel().call(REMOTE_PROC_NETWORK_IS_ACTIVE, new RemoteNetworkIsActiveArgs(WireRefs.network(network)),
                RemoteNetworkIsActiveRet.class).active() != 0;
    }

    @Override
    default boolean isPersistent(NetworkRef network) {
        return channel().call(REMOTE_PROC_NETWORK_IS_PERSISTENT,
                new RemoteNetworkIsPersistentArgs(WireRefs.network(network)), RemoteNetworkIsPersistentRet.class)
                .persistent() != 0;
    }

    @Override
    default NetworkRef createNetwork(NetworkDefinition definition, Set<DefineFlag> flags) {
        return createNetworkXml(NetworkXml.format(definition), flags);
    }

    @Override
    default NetworkRef createNetworkXml(String xml, Set<DefineFlag> flags) {
        if (flags.isEmpty()) {
            return WireRefs.network(channel().call(REMOTE_PROC_NETWORK_CREATE_XML, new RemoteNetworkCreateXmlArgs(xml),
                    RemoteNetworkCreateXmlRet.class).net());
        }
        return WireRefs.network(channel().call(REMOTE_PROC_NETWORK_CREATE_XML_FLAGS,
                new RemoteNetworkCreateXmlFlagsArgs(xml, Flag.bits(flags)), RemoteNetworkCreateXmlFlagsRet.class).net());
    }

    @Override
    default NetworkRef defineNetwork(NetworkDefinition definition, Set<DefineFlag> flags) {
        return defineNetworkXml(NetworkXml.format(definition), flags);
    }

    @Override
    default NetworkRef defineNetworkXml(String xml, Set<DefineFlag> flags) {
        if (flags.isEmpty()) {
            return WireRefs.network(channel().call(REMOTE_PROC_NETWORK_DEFINE_XML, new RemoteNetworkDefineXmlArgs(xml),
                    RemoteNetworkDefineXmlRet.class).net());
        }
        return WireRefs.network(channel().call(REMOTE_PROC_NETWORK_DEFINE_XML_FLAGS,
                new RemoteNetworkDefineXmlFlagsArgs(xml, Flag.bits(flags)), RemoteNetworkDefineXmlFlagsRet.class).net());
    }

    @Override
    default void undefine(NetworkRef network) {
        channel().call(REMOTE_PROC_NETWORK_UNDEFINE, new RemoteNetworkUndefineArgs(WireRefs.network(network)));
    }

    @Override
    default void start(NetworkRef network) {
        channel().call(REMOTE_PROC_NETWORK_CREATE, new RemoteNetworkCreateArgs(WireRefs.network(network)));
    }

    @Override
    default void destroy(NetworkRef network) {
        channel().call(REMOTE_PROC_NETWORK_DESTROY, new RemoteNetworkDestroyArgs(WireRefs.network(network)));
    }

    @Override
    default boolean autostart(NetworkRef network) {
        return channel().call(REMOTE_PROC_NETWORK_GET_AUTOSTART,
                new RemoteNetworkGetAutostartArgs(WireRefs.network(network)), RemoteNetworkGetAutostartRet.class)
                .autostart() != 0;
    }

    @Override
    default void setAutostart(NetworkRef network, boolean autostart) {
        channel().call(REMOTE_PROC_NETWORK_SET_AUTOSTART,
                new RemoteNetworkSetAutostartArgs(WireRefs.network(network), autostart ? 1 : 0));
    }
}
