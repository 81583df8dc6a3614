package org.jvirt.core.connection;

import static org.jvirt.spi.DriverOperations.CONNECT_LIST_ALL_DOMAINS;
import static org.jvirt.spi.DriverOperations.CONNECT_LIST_ALL_NETWORKS;
import static org.jvirt.spi.DriverOperations.CONNECT_LIST_DEFINED_DOMAINS;
import static org.jvirt.spi.DriverOperations.CONNECT_LIST_DEFINED_NETWORKS;
import static org.jvirt.spi.DriverOperations.CONNECT_LIST_DOMAINS;
import static org.jvirt.spi.DriverOperations.CONNECT_LIST_NETWORKS;
import static org.jvirt.spi.DriverOperations.CONNECT_NUM_OF_DEFINED_DOMAINS;
import static org.jvirt.spi.DriverOperations.CONNECT_NUM_OF_DEFINED_NETWORKS;
import static org.jvirt.spi.DriverOperations.CONNECT_NUM_OF_DOMAINS;
import static org.jvirt.spi.DriverOperations.CONNECT_NUM_OF_NETWORKS;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.Network;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.Operation;
import org.jvirt.core.routing.Router;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.NetworkListFilters;
import org.jvirt.spi.NetworkRef;

/**
 * The listings of a connection: asked of the first driver that handles them, or — where the
 * composition gathers them — computed from every member's list-all answer, merged by UUID with
 * the first member's reference winning, and filtered by what the connection's routing says of
 * each object (not by what the member that listed it says: the owner of a definition may not know
 * that the domain runs). Thread-safe.
 */
final class Listings {
    private static final Set<DomainListFilter> NEEDS_STATE = EnumSet.of(DomainListFilter.ACTIVE,
            DomainListFilter.INACTIVE, DomainListFilter.RUNNING, DomainListFilter.PAUSED, DomainListFilter.SHUTOFF,
            DomainListFilter.OTHER);
    private static final Set<DomainListFilter> NEEDS_PERSISTENCE = EnumSet.of(DomainListFilter.PERSISTENT,
            DomainListFilter.TRANSIENT);
    private static final Set<DomainListFilter> NEEDS_AUTOSTART = EnumSet.of(DomainListFilter.AUTOSTART,
            DomainListFilter.NO_AUTOSTART);

    private final CoreConnection connection;
    private final Router router;

    Listings(CoreConnection connection, Router router) {
        this.connection = connection;
        this.router = router;
    }

    int[] activeDomainIds() {
        if (!router.gathers(Operation.CONNECT_LIST_DOMAINS)) {
            return router.call(CONNECT_LIST_DOMAINS, d -> d.activeDomainIds());
        }
        return mergedDomains(Operation.CONNECT_LIST_DOMAINS).stream().mapToInt(Domain::id).filter(id -> id >= 0)
                .toArray();
    }

    int activeDomainCount() {
        if (!router.gathers(Operation.CONNECT_NUM_OF_DOMAINS)) {
            return router.call(CONNECT_NUM_OF_DOMAINS, d -> d.activeDomainCount());
        }
        return (int) mergedDomains(Operation.CONNECT_NUM_OF_DOMAINS).stream().filter(d -> d.id() >= 0).count();
    }

    List<String> definedDomainNames() {
        if (!router.gathers(Operation.CONNECT_LIST_DEFINED_DOMAINS)) {
            return router.call(CONNECT_LIST_DEFINED_DOMAINS, d -> d.definedDomainNames());
        }
        return mergedDomains(Operation.CONNECT_LIST_DEFINED_DOMAINS).stream().filter(Listings::definedOnly)
                .map(Domain::name).toList();
    }

    int definedDomainCount() {
        if (!router.gathers(Operation.CONNECT_NUM_OF_DEFINED_DOMAINS)) {
            return router.call(CONNECT_NUM_OF_DEFINED_DOMAINS, d -> d.definedDomainCount());
        }
        return (int) mergedDomains(Operation.CONNECT_NUM_OF_DEFINED_DOMAINS).stream().filter(Listings::definedOnly)
                .count();
    }

    List<Domain> allDomains(Set<DomainListFilter> filters) {
        if (!router.gathers(Operation.CONNECT_LIST_ALL_DOMAINS)) {
            Router.Routed<List<DomainRef>> answer = router.route(CONNECT_LIST_ALL_DOMAINS, null, filters,
                    (d, f) -> d.listAllDomains(f));
            List<Domain> domains = new ArrayList<>(answer.value().size());
            for (DomainRef ref : answer.value()) {
                domains.add(connection.handleFor(ref, answer.driver()));
            }
            return domains;
        }
        List<Domain> merged = mergedDomains(Operation.CONNECT_LIST_ALL_DOMAINS);
        if (filters.isEmpty()) {
            return merged;
        }
        List<Domain> kept = new ArrayList<>(merged.size());
        for (Domain d : merged) {
            // Ask only what the filters need: a composition may not serve autostart, say.
            DomainState state = needs(filters, NEEDS_STATE) ? d.state().state() : DomainState.RUNNING;
            boolean persistent = needs(filters, NEEDS_PERSISTENCE) && d.isPersistent();
            boolean autostart = needs(filters, NEEDS_AUTOSTART) && d.autostart();
            if (DomainListFilters.matches(filters, state, persistent, autostart)) {
                kept.add(d);
            }
        }
        return kept;
    }

    List<String> activeNetworkNames() {
        if (!router.gathers(Operation.CONNECT_LIST_NETWORKS)) {
            return router.call(CONNECT_LIST_NETWORKS, d -> d.activeNetworkNames());
        }
        return mergedNetworks(Operation.CONNECT_LIST_NETWORKS).stream().filter(Network::isActive).map(Network::name)
                .toList();
    }

    int activeNetworkCount() {
        if (!router.gathers(Operation.CONNECT_NUM_OF_NETWORKS)) {
            return router.call(CONNECT_NUM_OF_NETWORKS, d -> d.activeNetworkCount());
        }
        return (int) mergedNetworks(Operation.CONNECT_NUM_OF_NETWORKS).stream().filter(Network::isActive).count();
    }

    List<String> definedNetworkNames() {
        if (!router.gathers(Operation.CONNECT_LIST_DEFINED_NETWORKS)) {
            return router.call(CONNECT_LIST_DEFINED_NETWORKS, d -> d.definedNetworkNames());
        }
        return mergedNetworks(Operation.CONNECT_LIST_DEFINED_NETWORKS).stream()
                .filter(n -> !n.isActive() && n.isPersistent()).map(Network::name).toList();
    }

    int definedNetworkCount() {
        if (!router.gathers(Operation.CONNECT_NUM_OF_DEFINED_NETWORKS)) {
            return router.call(CONNECT_NUM_OF_DEFINED_NETWORKS, d -> d.definedNetworkCount());
        }
        return (int) mergedNetworks(Operation.CONNECT_NUM_OF_DEFINED_NETWORKS).stream()
                .filter(n -> !n.isActive() && n.isPersistent()).count();
    }

    List<Network> allNetworks(Set<NetworkListFilter> filters) {
        if (!router.gathers(Operation.CONNECT_LIST_ALL_NETWORKS)) {
            Router.Routed<List<NetworkRef>> answer = router.route(CONNECT_LIST_ALL_NETWORKS, null, filters,
                    (d, f) -> d.listAllNetworks(f));
            List<Network> networks = new ArrayList<>(answer.value().size());
            for (NetworkRef ref : answer.value()) {
                networks.add(new NetworkHandle(connection, ref, answer.driver()));
            }
            return networks;
        }
        List<Network> merged = mergedNetworks(Operation.CONNECT_LIST_ALL_NETWORKS);
        if (filters.isEmpty()) {
            return merged;
        }
        List<Network> kept = new ArrayList<>(merged.size());
        for (Network n : merged) {
            boolean autostart = (filters.contains(NetworkListFilter.AUTOSTART)
                    || filters.contains(NetworkListFilter.NO_AUTOSTART)) && n.autostart();
            if (NetworkListFilters.matches(filters, n.isActive(), n.isPersistent(), autostart)) {
                kept.add(n);
            }
        }
        return kept;
    }

    /** Every member's domains (for the listing {@code asked}), merged by UUID: the first member's reference wins. */
    private List<Domain> mergedDomains(Operation asked) {
        Map<UUID, Domain> merged = new LinkedHashMap<>();
        for (Router.Routed<List<DomainRef>> answer : router.gather(asked, CONNECT_LIST_ALL_DOMAINS,
                d -> d.listAllDomains(Set.of()))) {
            for (DomainRef ref : answer.value()) {
                merged.putIfAbsent(ref.uuid(), connection.handleFor(ref, answer.driver()));
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** As {@link #mergedDomains}, for networks. */
    private List<Network> mergedNetworks(Operation asked) {
        Map<UUID, Network> merged = new LinkedHashMap<>();
        for (Router.Routed<List<NetworkRef>> answer : router.gather(asked, CONNECT_LIST_ALL_NETWORKS,
                d -> d.listAllNetworks(Set.of()))) {
            for (NetworkRef ref : answer.value()) {
                merged.putIfAbsent(ref.uuid(), new NetworkHandle(connection, ref, answer.driver()));
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static boolean definedOnly(Domain d) {
        return d.id() < 0 && d.isPersistent();
    }

    private static boolean needs(Set<DomainListFilter> filters, Set<DomainListFilter> group) {
        for (DomainListFilter f : filters) {
            if (group.contains(f)) {
                return true;
            }
        }
        return false;
    }
}
