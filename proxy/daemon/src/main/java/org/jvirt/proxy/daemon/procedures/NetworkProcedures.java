package org.jvirt.proxy.daemon.procedures;

import static org.jvirt.proxy.daemon.procedures.DomainProcedures.checkMax;
import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Network;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.daemon.dispatch.WireObjects;
import org.jvirt.proxy.protocol.remote.*;

/** The virtual networks' procedures: listing, lookup, create, define, start, destroy, undefine, XML, bridge, autostart. */
public final class NetworkProcedures implements ProcedureGroup {
    @Override
    public void register(HandlerTable t) {
        t.on(REMOTE_PROC_CONNECT_LIST_NETWORKS, (Caller c, RemoteConnectListNetworksArgs a) -> {
            checkMax(a.maxnames(), RemoteProtocol.REMOTE_NETWORK_LIST_MAX, "maxnames", "REMOTE_NETWORK_LIST_MAX");
            List<String> names = c.connection().activeNetworkNames();
            return new RemoteConnectListNetworksRet(names.subList(0, Math.min(names.size(), a.maxnames())));
        });
        t.on(REMOTE_PROC_CONNECT_NUM_OF_NETWORKS, (Caller c, Void a) -> new RemoteConnectNumOfNetworksRet(c.connection().activeNetworkCount()));
        t.on(REMOTE_PROC_CONNECT_LIST_DEFINED_NETWORKS, (Caller c, RemoteConnectListDefinedNetworksArgs a) -> {
            checkMax(a.maxnames(), RemoteProtocol.REMOTE_NETWORK_LIST_MAX, "maxnames", "REMOTE_NETWORK_LIST_MAX");
            List<String> names = c.connection().definedNetworkNames();
            return new RemoteConnectListDefinedNetworksRet(names.subList(0, Math.min(names.size(), a.maxnames())));
        });
        t.on(REMOTE_PROC_CONNECT_NUM_OF_DEFINED_NETWORKS, (Caller c, Void a) ->
                new RemoteConnectNumOfDefinedNetworksRet(c.connection().definedNetworkCount()));
        t.on(REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS, (Caller c, RemoteConnectListAllNetworksArgs a) -> {
            List<Network> all = c.connection().listAllNetworks(WireFlags.of(NetworkListFilter.class, a.flags(), "virConnectListAllNetworks"));
            if (all.size() > RemoteProtocol.REMOTE_NETWORK_LIST_MAX) {
                throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "Too many networks '" + all.size() + "' for limit '"
                        + RemoteProtocol.REMOTE_NETWORK_LIST_MAX + "'", null);
            }
            List<RemoteNonnullNetwork> out = new ArrayList<>();
            if (a.needResults() != 0) {
                for (Network n : all) {
                    out.add(WireObjects.network(n));
                }
            }
            return new RemoteConnectListAllNetworksRet(out, all.size());
        });
        t.on(REMOTE_PROC_NETWORK_LOOKUP_BY_NAME, (Caller c, RemoteNetworkLookupByNameArgs a) ->
                new RemoteNetworkLookupByNameRet(WireObjects.network(c.connection().networkByName(a.name()))));
        t.on(REMOTE_PROC_NETWORK_LOOKUP_BY_UUID, (Caller c, RemoteNetworkLookupByUuidArgs a) ->
                new RemoteNetworkLookupByUuidRet(WireObjects.network(c.connection().networkByUuid(WireObjects.uuid(a.uuid())))));
        t.on(REMOTE_PROC_NETWORK_CREATE_XML, (Caller c, RemoteNetworkCreateXmlArgs a) ->
                new RemoteNetworkCreateXmlRet(WireObjects.network(c.connection().createNetwork(a.xml()))));
        t.on(REMOTE_PROC_NETWORK_CREATE_XML_FLAGS, (Caller c, RemoteNetworkCreateXmlFlagsArgs a) -> new RemoteNetworkCreateXmlFlagsRet(
                WireObjects.network(c.connection().createNetwork(a.xml(), WireFlags.of(DefineFlag.class, a.flags(), "virNetworkCreateXMLFlags")))));
        t.on(REMOTE_PROC_NETWORK_DEFINE_XML, (Caller c, RemoteNetworkDefineXmlArgs a) ->
                new RemoteNetworkDefineXmlRet(WireObjects.network(c.connection().defineNetwork(a.xml()))));
        t.on(REMOTE_PROC_NETWORK_DEFINE_XML_FLAGS, (Caller c, RemoteNetworkDefineXmlFlagsArgs a) -> new RemoteNetworkDefineXmlFlagsRet(
                WireObjects.network(c.connection().defineNetwork(a.xml(), WireFlags.of(DefineFlag.class, a.flags(), "virNetworkDefineXMLFlags")))));
        t.on(REMOTE_PROC_NETWORK_UNDEFINE, (Caller c, RemoteNetworkUndefineArgs a) -> {
            net(c, a.net()).undefine();
            return null;
        });
        t.on(REMOTE_PROC_NETWORK_CREATE, (Caller c, RemoteNetworkCreateArgs a) -> {
            net(c, a.net()).start();
            return null;
        });
        t.on(REMOTE_PROC_NETWORK_DESTROY, (Caller c, RemoteNetworkDestroyArgs a) -> {
            net(c, a.net()).destroy();
            return null;
        });
        t.on(REMOTE_PROC_NETWORK_GET_XML_DESC, (Caller c, RemoteNetworkGetXmlDescArgs a) -> new RemoteNetworkGetXmlDescRet(
                net(c, a.net()).xmlDesc(WireFlags.of(NetworkXmlFlag.class, a.flags(), "virNetworkGetXMLDesc"))));
        t.on(REMOTE_PROC_NETWORK_GET_BRIDGE_NAME, (Caller c, RemoteNetworkGetBridgeNameArgs a) ->
                new RemoteNetworkGetBridgeNameRet(net(c, a.net()).bridgeName()));
        t.on(REMOTE_PROC_NETWORK_GET_AUTOSTART, (Caller c, RemoteNetworkGetAutostartArgs a) ->
                new RemoteNetworkGetAutostartRet(net(c, a.net()).autostart() ? 1 : 0));
        t.on(REMOTE_PROC_NETWORK_SET_AUTOSTART, (Caller c, RemoteNetworkSetAutostartArgs a) -> {
            net(c, a.net()).setAutostart(a.autostart() != 0);
            return null;
        });
        t.on(REMOTE_PROC_NETWORK_IS_ACTIVE, (Caller c, RemoteNetworkIsActiveArgs a) ->
                new RemoteNetworkIsActiveRet(net(c, a.net()).isActive() ? 1 : 0));
        t.on(REMOTE_PROC_NETWORK_IS_PERSISTENT, (Caller c, RemoteNetworkIsPersistentArgs a) ->
                new RemoteNetworkIsPersistentRet(net(c, a.net()).isPersistent() ? 1 : 0));
    }

    private static Network net(Caller c, RemoteNonnullNetwork n) {
        return WireObjects.network(c.connection(), n);
    }
}
