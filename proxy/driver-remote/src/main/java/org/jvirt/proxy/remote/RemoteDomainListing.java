package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.Flag;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/**
 * Listing and finding domains. The old listings ask for as many as the protocol carries
 * ({@code REMOTE_DOMAIN_LIST_MAX}), so that one call sees them all (a count first, then a list of that size,
 * would miss a domain started in between); their answers are checked against what was asked, as libvirt's
 * client checks them. List-all sends the filters as they are, for the daemon to apply.
 */
interface RemoteDomainListing extends RemoteOperations, DriverOperations.ActiveDomainIds,
        DriverOperations.ActiveDomainCount, DriverOperations.DefinedDomainNames, DriverOperations.DefinedDomainCount,
        DriverOperations.DomainListAll, DriverOperations.DomainLookupById, DriverOperations.DomainLookupByUuid,
        DriverOperations.DomainLookupByName {

    @Override
    default int[] activeDomainIds() {
        int max = RemoteProtocol.REMOTE_DOMAIN_LIST_MAX;
        List<Integer> ids = channel().call(REMOTE_PROC_CONNECT_LIST_DOMAINS, new RemoteConnectListDomainsArgs(max),
                RemoteConnectListDomainsRet.class).ids();
        if (ids.size() > max) {
            throw WireValues.rpc("Too many domains '" + ids.size() + "' for limit '" + max + "'");
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    default int activeDomainCount() {
        return channel().call(REMOTE_PROC_CONNECT_NUM_OF_DOMAINS, null, RemoteConnectNumOfDomainsRet.class).num();
    }

    @Override
    default List<String> definedDomainNames() {
        int max = RemoteProtocol.REMOTE_DOMAIN_LIST_MAX;
        List<String> names = channel().call(REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                new RemoteConnectListDefinedDomainsArgs(max), RemoteConnectListDefinedDomainsRet.class).names();
        WireValues.checkList(names.size(), max, "string", "names", "virConnectListDefinedDomains");
        return List.copyOf(names);
    }

    @Override
    default int definedDomainCount() {
        return channel().call(REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS, null,
                RemoteConnectNumOfDefinedDomainsRet.class).num();
    }

    @Override
    default List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        List<RemoteNonnullDomain> domains = channel().call(REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                new RemoteConnectListAllDomainsArgs(1, Flag.bits(filters)), RemoteConnectListAllDomainsRet.class)
                .domains();
        WireValues.checkList(domains.size(), RemoteProtocol.REMOTE_DOMAIN_LIST_MAX, "domain", "domains",
                "virConnectListAllDomains");
        List<DomainRef> out = new ArrayList<>(domains.size());
        for (RemoteNonnullDomain d : domains) {
            out.add(WireRefs.domain(d));
        }
        return out;
    }

    @Override
    default DomainRef domainById(int id) {
        return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_LOOKUP_BY_ID, new RemoteDomainLookupByIdArgs(id),
                RemoteDomainLookupByIdRet.class).dom());
    }

    @Override
    default DomainRef domainByUuid(UUID uuid) {
        return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                new RemoteDomainLookupByUuidArgs(WireRefs.bytes(uuid)), RemoteDomainLookupByUuidRet.class).dom());
    }

    @Override
    default DomainRef domainByName(String name) {
        return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME, new RemoteDomainLookupByNameArgs(name),
                RemoteDomainLookupByNameRet.class).dom());
    }
}
