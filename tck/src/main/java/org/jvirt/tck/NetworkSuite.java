package org.jvirt.tck;

import static org.jvirt.api.Operation.CONNECT_LIST_ALL_NETWORKS;
import static org.jvirt.api.Operation.CONNECT_LIST_DEFINED_NETWORKS;
import static org.jvirt.api.Operation.CONNECT_LIST_NETWORKS;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_DEFINED_NETWORKS;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_NETWORKS;
import static org.jvirt.api.Operation.NETWORK_CREATE;
import static org.jvirt.api.Operation.NETWORK_CREATE_XML;
import static org.jvirt.api.Operation.NETWORK_DEFINE_XML;
import static org.jvirt.api.Operation.NETWORK_DESTROY;
import static org.jvirt.api.Operation.NETWORK_GET_AUTOSTART;
import static org.jvirt.api.Operation.NETWORK_GET_BRIDGE_NAME;
import static org.jvirt.api.Operation.NETWORK_GET_XML_DESC;
import static org.jvirt.api.Operation.NETWORK_IS_ACTIVE;
import static org.jvirt.api.Operation.NETWORK_IS_PERSISTENT;
import static org.jvirt.api.Operation.NETWORK_LOOKUP_BY_NAME;
import static org.jvirt.api.Operation.NETWORK_LOOKUP_BY_UUID;
import static org.jvirt.api.Operation.NETWORK_SET_AUTOSTART;
import static org.jvirt.api.Operation.NETWORK_UNDEFINE;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Network;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.model.NetworkXml;

/** Virtual networks: listing, lookup, the define / start / destroy / undefine lifecycle, XML, autostart.
 *
 * @since 1.0
 */
public abstract class NetworkSuite extends TckSuite {

    @Test
    public void countsMatchLists() {
        boolean active = s.declaredElseNoSupportOnConnection(CONNECT_LIST_NETWORKS, Connection::activeNetworkNames);
        boolean activeCount = s.declaredElseNoSupportOnConnection(CONNECT_NUM_OF_NETWORKS,
                Connection::activeNetworkCount);
        boolean defined = s.declaredElseNoSupportOnConnection(CONNECT_LIST_DEFINED_NETWORKS,
                Connection::definedNetworkNames);
        boolean definedCount = s.declaredElseNoSupportOnConnection(CONNECT_NUM_OF_DEFINED_NETWORKS,
                Connection::definedNetworkCount);
        boolean all = s.declaredElseNoSupportOnConnection(CONNECT_LIST_ALL_NETWORKS, Connection::listAllNetworks);
        if (!(active || activeCount || defined || definedCount || all)) {
            return;
        }
        Network inactive = s.declares(NETWORK_DEFINE_XML) ? s.definedNetwork() : null;
        Network running = s.declares(NETWORK_CREATE_XML) ? s.transientNetwork() : null;
        Connection c = s.conn();
        if (active && activeCount) {
            List<String> names = c.activeNetworkNames();
            Expect.check(names.size() == c.activeNetworkCount() && new HashSet<>(names).size() == names.size(),
                    "virConnectNumOfNetworks counts the distinct names virConnectListNetworks lists: %s", names);
            s.contract(CONNECT_LIST_NETWORKS, CONNECT_NUM_OF_NETWORKS);
        }
        if (defined && definedCount) {
            List<String> names = c.definedNetworkNames();
            Expect.check(names.size() == c.definedNetworkCount() && new HashSet<>(names).size() == names.size(),
                    "virConnectNumOfDefinedNetworks counts the names virConnectListDefinedNetworks lists: %s", names);
            s.contract(CONNECT_LIST_DEFINED_NETWORKS, CONNECT_NUM_OF_DEFINED_NETWORKS);
        }
        if (inactive != null && defined) {
            Expect.check(c.definedNetworkNames().contains(inactive.name()), "a defined network is listed as defined");
            if (active) {
                Expect.check(!c.activeNetworkNames().contains(inactive.name()), "a defined network is not active");
            }
        }
        if (running != null && active) {
            Expect.check(c.activeNetworkNames().contains(running.name()), "a created network is listed as active");
        }
        if (all) {
            List<Network> networks = Expect.ok(CONNECT_LIST_ALL_NETWORKS, () -> c.listAllNetworks());
            Set<String> names = networks.stream().map(Network::name).collect(Collectors.toSet());
            Expect.check(names.size() == networks.size(), "virConnectListAllNetworks lists each network once");
            if (active) {
                Expect.check(names.containsAll(c.activeNetworkNames()), "virConnectListAllNetworks lists the active"
                        + " networks");
            }
            if (defined) {
                Expect.check(names.containsAll(c.definedNetworkNames()), "virConnectListAllNetworks lists the"
                        + " defined networks");
            }
            for (Network kit : new Network[] {inactive, running}) {
                if (kit != null) {
                    Expect.check(names.contains(kit.name()), "virConnectListAllNetworks lists %s", kit.name());
                }
            }
            s.contract(CONNECT_LIST_ALL_NETWORKS);
        }
    }

    @Test
    public void lookupByNameAndUuid() {
        boolean byName = s.declaredElseNoSupportOnConnection(NETWORK_LOOKUP_BY_NAME, c -> c.networkByName("tck-none"));
        boolean byUuid = s.declaredElseNoSupportOnConnection(NETWORK_LOOKUP_BY_UUID,
                c -> c.networkByUuid(UUID.randomUUID()));
        if (!byName && !byUuid) {
            return;
        }
        Connection c = s.conn();
        if (byName) {
            Expect.fails(NETWORK_LOOKUP_BY_NAME, ErrorCode.NO_NETWORK, "no network has the name",
                    () -> c.networkByName(TckSession.newName()));
            s.contract(NETWORK_LOOKUP_BY_NAME);
        }
        if (byUuid) {
            Expect.fails(NETWORK_LOOKUP_BY_UUID, ErrorCode.NO_NETWORK, "no network has the UUID",
                    () -> c.networkByUuid(UUID.randomUUID()));
            Expect.fails(NETWORK_LOOKUP_BY_UUID, ErrorCode.INVALID_ARG, "the UUID string is malformed",
                    () -> c.networkByUuidString("not-a-uuid"));
            s.contract(NETWORK_LOOKUP_BY_UUID);
        }
        Network n = s.anyNetworkHandle("looking a network up");
        if (byName) {
            Network found = Expect.ok(NETWORK_LOOKUP_BY_NAME, () -> c.networkByName(n.name()));
            Expect.check(found.equals(n) && found.uuid().equals(n.uuid()), "the network found by name is the network");
        }
        if (byUuid) {
            Expect.check(Expect.ok(NETWORK_LOOKUP_BY_UUID, () -> c.networkByUuid(n.uuid())).equals(n),
                    "the network found by UUID is the network");
            Expect.check(c.networkByUuidString(n.uuid().toString()).equals(n), "lookup by UUID string");
        }
    }

    @Test
    public void defineStartDestroyUndefine() {
        boolean define = s.declaredElseNoSupportOnConnection(NETWORK_DEFINE_XML,
                c -> c.defineNetwork(s.networkXml(TckSession.newName(), UUID.randomUUID())));
        boolean start = s.declaredElseNoSupportOnNetwork(NETWORK_CREATE, Network::start);
        boolean destroy = s.declaredElseNoSupportOnNetwork(NETWORK_DESTROY, Network::destroy);
        boolean undefine = s.declaredElseNoSupportOnNetwork(NETWORK_UNDEFINE, Network::undefine);
        if (!(define || start || destroy || undefine)) {
            return;
        }
        s.require("the network lifecycle", NETWORK_DEFINE_XML, NETWORK_CREATE, NETWORK_DESTROY, NETWORK_UNDEFINE,
                NETWORK_IS_ACTIVE, NETWORK_IS_PERSISTENT);
        Connection c = s.conn();
        String name = TckSession.newName();
        UUID uuid = UUID.randomUUID();
        Network n = s.track(Expect.ok(NETWORK_DEFINE_XML, () -> c.defineNetwork(s.networkXml(name, uuid))));
        Expect.check(n.name().equals(name) && n.uuid().equals(uuid), "the defined network has its XML's name and UUID");
        Expect.check(!n.isActive() && n.isPersistent(), "a defined network is inactive and persistent");
        Expect.fails(NETWORK_DEFINE_XML, ErrorCode.OPERATION_FAILED, "another network has the name",
                () -> s.track(c.defineNetwork(s.networkXml(name, UUID.randomUUID()))));
        Expect.fails(NETWORK_DEFINE_XML, ErrorCode.OPERATION_FAILED, "another network has the UUID",
                () -> s.track(c.defineNetwork(s.networkXml(TckSession.newName(), uuid))));
        Expect.ok(NETWORK_CREATE, () -> n.start());
        Expect.check(n.isActive(), "a started network is active");
        Expect.fails(NETWORK_CREATE, ErrorCode.OPERATION_INVALID, "the network is active already", () -> n.start());
        Expect.check(n.isActive(), "a refused start changes nothing");
        Expect.ok(NETWORK_DESTROY, () -> n.destroy());
        Expect.check(!n.isActive() && n.isPersistent(), "a destroyed persistent network is inactive and still defined");
        // libvirt's test driver lets destroying an inactive network succeed; its network driver refuses.
        Expect.succeedsOrFailsCleanly(NETWORK_DESTROY, "the network is not active", () -> n.destroy());
        Expect.check(!n.isActive(), "destroying an inactive network leaves it inactive");
        Expect.ok(NETWORK_UNDEFINE, () -> n.undefine());
        if (s.declares(NETWORK_LOOKUP_BY_NAME)) {
            Expect.fails(NETWORK_LOOKUP_BY_NAME, ErrorCode.NO_NETWORK, "the network was undefined",
                    () -> c.networkByName(name));
        }
        Expect.fails(NETWORK_IS_ACTIVE, ErrorCode.NO_NETWORK, "the network was undefined", n::isActive);
        s.contract(NETWORK_DEFINE_XML, NETWORK_CREATE, NETWORK_DESTROY, NETWORK_UNDEFINE, NETWORK_IS_ACTIVE,
                NETWORK_IS_PERSISTENT);
    }

    @Test
    public void undefiningAnActiveNetwork() {
        s.require("undefining an active network", NETWORK_DEFINE_XML, NETWORK_CREATE, NETWORK_UNDEFINE,
                NETWORK_IS_ACTIVE, NETWORK_IS_PERSISTENT);
        Network n = s.definedNetwork();
        Expect.ok(NETWORK_CREATE, () -> n.start());
        // libvirt's network driver lets the network run on as a transient one; its test driver refuses.
        if (Expect.succeedsOrFailsCleanly(NETWORK_UNDEFINE, "the network is active", () -> n.undefine())) {
            Expect.check(n.isActive() && !n.isPersistent(), "an undefined active network runs on, transient");
            if (s.declares(NETWORK_DESTROY)) {
                Expect.ok(NETWORK_DESTROY, () -> n.destroy());
                Expect.fails(NETWORK_IS_ACTIVE, ErrorCode.NO_NETWORK, "a destroyed transient network is gone",
                        n::isActive);
            }
        } else {
            Expect.check(n.isActive() && n.isPersistent(), "a refused undefine changes nothing");
        }
        s.contract(NETWORK_UNDEFINE);
    }

    @Test
    public void createMakesAnActiveTransientNetwork() {
        if (!s.declaredElseNoSupportOnConnection(NETWORK_CREATE_XML,
                c -> c.createNetwork(s.networkXml(TckSession.newName(), UUID.randomUUID())))) {
            return;
        }
        Connection c = s.conn();
        String name = TckSession.newName();
        String xml = s.networkXml(name, UUID.randomUUID());
        Network n = s.track(Expect.ok(NETWORK_CREATE_XML, () -> c.createNetwork(xml)));
        if (s.declaresAll(NETWORK_IS_ACTIVE, NETWORK_IS_PERSISTENT)) {
            Expect.check(n.isActive() && !n.isPersistent(), "a created network is active and transient");
        }
        Expect.fails(NETWORK_CREATE_XML, ErrorCode.OPERATION_INVALID, "the same network is active",
                () -> s.track(c.createNetwork(xml)));
        s.contract(NETWORK_CREATE_XML);
        if (s.declares(NETWORK_DESTROY) && s.declares(NETWORK_LOOKUP_BY_NAME)) {
            Expect.ok(NETWORK_DESTROY, () -> n.destroy());
            Expect.fails(NETWORK_LOOKUP_BY_NAME, ErrorCode.NO_NETWORK, "a destroyed transient network is gone",
                    () -> c.networkByName(name));
        }
    }

    @Test
    public void xmlAndBridge() {
        boolean xml = s.declaredElseNoSupportOnNetwork(NETWORK_GET_XML_DESC, n -> n.xmlDesc());
        boolean bridge = s.declaredElseNoSupportOnNetwork(NETWORK_GET_BRIDGE_NAME, Network::bridgeName);
        if (!xml && !bridge) {
            return;
        }
        s.require("describing a network the kit defined", NETWORK_DEFINE_XML);
        String name = TckSession.newName();
        UUID uuid = UUID.randomUUID();
        String given = s.networkXml(name, uuid);
        NetworkDefinition def = NetworkXml.parse(given);
        Network n = s.track(s.conn().defineNetwork(given));
        if (xml) {
            String described = Expect.ok(NETWORK_GET_XML_DESC, () -> n.xmlDesc());
            NetworkDefinition back = NetworkXml.parse(described);
            Expect.check(back.name().equals(name) && uuid.equals(back.uuid()), "the description names the network");
            s.conn().defineNetwork(described);
            Expect.check(n.xmlDesc().equals(described), "defining a network's own description changes nothing;"
                    + "%nbefore:%n%s%nafter:%n%s", described, n.xmlDesc());
            s.contract(NETWORK_GET_XML_DESC);
        }
        if (bridge && def.bridgeName() != null) {
            String b = Expect.ok(NETWORK_GET_BRIDGE_NAME, n::bridgeName);
            Expect.check(def.bridgeName().equals(b), "virNetworkGetBridgeName is the bridge defined (%s), got %s",
                    def.bridgeName(), b);
            s.contract(NETWORK_GET_BRIDGE_NAME);
        }
    }

    @Test
    public void autostart() {
        boolean get = s.declaredElseNoSupportOnNetwork(NETWORK_GET_AUTOSTART, Network::autostart);
        boolean set = s.declaredElseNoSupportOnNetwork(NETWORK_SET_AUTOSTART, n -> n.setAutostart(true));
        if (!get && !set) {
            return;
        }
        s.require("network autostart", NETWORK_GET_AUTOSTART, NETWORK_SET_AUTOSTART);
        Network n = s.definedNetwork();
        Expect.check(!Expect.ok(NETWORK_GET_AUTOSTART, n::autostart), "a new network does not autostart");
        Expect.ok(NETWORK_SET_AUTOSTART, () -> n.setAutostart(true));
        Expect.check(n.autostart(), "virNetworkSetAutostart(1) sticks");
        Expect.ok(NETWORK_SET_AUTOSTART, () -> n.setAutostart(false));
        Expect.check(!n.autostart(), "virNetworkSetAutostart(0) sticks");
        s.contract(NETWORK_GET_AUTOSTART, NETWORK_SET_AUTOSTART);
    }
}
