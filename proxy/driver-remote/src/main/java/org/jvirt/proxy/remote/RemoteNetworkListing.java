package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.Flag;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.NetworkRef;

/**
 * Listing and finding networks; the name listings ask for as many as the protocol carries
 * ({@code REMOTE_NETWORK_LIST_MAX}), as {@link RemoteDomainListing} does for domains.
 */
interface RemoteNetworkListing extends RemoteOperations, DriverOperations.ActiveNetworkNames,
        DriverOperations.ActiveNetworkCount, DriverOperations.DefinedNetworkNames, DriverOperations.DefinedNetworkCount,
        DriverOperations.NetworkListAll, DriverOperations.NetworkLookupByName, DriverOperations.NetworkLookupByUuid {

    @Override
    default List<String> activeNetworkNames() {
        int max = RemoteProtocol.REMOTE_NETWORK_LIST_MAX;
        List<String> names = channel().call(REMOTE_PROC_CONNECT_LIST_NETWORKS, new RemoteConnectListNetworksArgs(max),
                RemoteConnectListNetworksRet.class).names();
        WireValues.checkList(names.size(), max, "string", "names", "virConnectListNetworks");
        return List.copyOf(names);
    }

    @Override
    default int activeNetworkCount() {
        return channel().call(REMOTE_PROC_CONNECT_NUM_OF_NETWORKS, null, RemoteConnectNumOfNetworksRet.class).num();
    }

    @Override
    default List<String> definedNetworkNames() {
        int max = RemoteProtocol.REMOTE_NETWORK_LIST_MAX;
        List<String> names = channel().call(REMOTE_PROC_CONNECT_LIST_DEFINED_NETWORKS,
                new RemoteConnectListDefinedNetworksArgs(max), RemoteConnectListDefinedNetworksRet.class).names();
        WireValues.checkList(names.size(), max, "string", "names", "virConnectListDefinedNetworks");
        return List.copyOf(names);
    }

    @Override
    default int definedNetworkCount() {
        return channel().call(REMOTE_PROC_CONNECT_NUM_OF_DEFINED_NETWORKS, null,
                RemoteConnectNumOfDefinedNetworksRet.class).num();
    }

    @Override
    default List<NetworkRef> listAllNetworks(Set<NetworkListFilter> filters) {
        List<RemoteNonnullNetwork> nets = channel().call(REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS,
                new RemoteConnectListAllNetworksArgs(1, Flag.bits(filters)), RemoteConnectListAllNetworksRet.class)
                .nets();
        WireValues.checkList(nets.size(), RemoteProtocol.REMOTE_NETWORK_LIST_MAX, "network", "nets",
                "virConnectListAllNetworks");
        List<NetworkRef> out = new ArrayList<>(nets.size());
        for (RemoteNonnullNetwork n : nets) {
            out.add(WireRefs.network(n));
        }
        return out;
    }

    @Override
    default NetworkRef networkByName(String name) {
        return WireRefs.network(channel().call(REMOTE_PROC_NETWORK_LOOKUP_BY_NAME, new RemoteNetworkLookupByNameArgs(name),
                RemoteNetworkLookupByNameRet.class).net());
    }

    @Override
    default NetworkRef networkByUuid(UUID uuid) {
        return WireRefs.network(channel().call(REMOTE_PROC_NETWORK_LOOKUP_BY_UUID,
                new RemoteNetworkLookupByUuidArgs(WireRefs.bytes(uuid)), RemoteNetworkLookupByUuidRet.class).net());
    }
}
