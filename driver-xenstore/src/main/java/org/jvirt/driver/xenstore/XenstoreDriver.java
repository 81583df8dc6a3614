package org.jvirt.driver.xenstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * One connection's view of XenStore, serving what libvirt 0.4.4's {@code xs_internal.c} served from it:
 * the running domains' ids and count, lookups by id, name and UUID, a domain's OS type and information
 * (state as far as the store tells it, memory, vCPUs), and domains starting and stopping as events
 * ({@code @introduceDomain}, {@code @releaseDomain}). Everything is read afresh from xenstored at each call;
 * the driver writes nothing.
 *
 * <p>A domain the store does not list is declined (NO_DOMAIN if no other driver of the connection knows
 * it), for in {@code xen:///} it may be an inactive domain of xend or of the xm files. Beyond xs_internal.c, the
 * driver answers what jvirt's core asks where libvirt read its own structures: a domain's id ({@code id()} and
 * {@code isActive()} route DOMAIN_IS_ACTIVE) and the list of all domains, with the names only the store knows
 * (in {@code xen:///} the hypervisor's listing has none). {@link #domains()}
 * gives what has no operation of its own: consoles, VNC ports, device ids. Thread-safe.
 */
public final class XenstoreDriver implements Driver, DriverOperations.ActiveDomainIds,
        DriverOperations.ActiveDomainCount, DriverOperations.DomainLookupById, DriverOperations.DomainLookupByName,
        DriverOperations.DomainLookupByUuid, DriverOperations.DomainGetInfo, DriverOperations.DomainOsType,
        DriverOperations.DomainEvents, DriverOperations.DomainIsActive, DriverOperations.DomainListAll {
    private final XenstoreClient store;
    private final XenstoreDomains domains;
    private final DomainWatcher watcher;

    private XenstoreDriver(XenstoreClient store, XenstoreDomains domains, DomainWatcher watcher) {
        this.store = store;
        this.domains = domains;
        this.watcher = watcher;
    }

    /**
     * Serves the store {@code store} reaches, reporting domains' starts and stops to {@code events}. The
     * driver owns {@code store} from then on and closes it with itself.
     *
     * @throws org.jvirt.driver.xenstore.wire.XenstoreException when the domains cannot be listed or watched
     */
    static XenstoreDriver open(XenstoreClient store, DomainEventSink events, Duration timeout) {
        XenstoreDomains domains = new XenstoreDomains(store);
        DomainWatcher watcher = DomainWatcher.start(store, domains, events, timeout);
        return new XenstoreDriver(store, domains, watcher);
    }

    @Override
    public String name() {
        return XenstoreDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.XENSTORE;
    }

    /** What the store tells of running domains beyond the SPI's operations (consoles, VNC, devices). */
    public XenstoreDomains domains() {
        return domains;
    }

    @Override
    public void close() {
        watcher.close();
        store.close();
    }

    // ---- listing and lookup ----------------------------------------------------------------------

    @Override
    public int[] activeDomainIds() {
        return domains.ids();
    }

    @Override
    public int activeDomainCount() {
        return domains.ids().length;
    }

    /**
     * The running domains the store lists with a name and a UUID. The store tells no more of their state than
     * RUNNING or NOSTATE ({@link #domainInfo}): filters on the state are matched against that.
     */
    @Override
    public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        List<DomainRef> out = new ArrayList<>();
        for (StoreDomain d : domains.list().complete()) {
            DomainState state = filters.isEmpty() ? DomainState.RUNNING
                    : domains.info(d.id()).map(DomainInfo::state).orElse(DomainState.NOSTATE);
            if (DomainListFilters.matches(filters, state, false, false)) {
                out.add(d.ref());
            }
        }
        return out;
    }

    /** The domain's id while the store lists it (running); declined otherwise, for another driver to say. */
    @Override
    public int domainId(DomainRef domain) {
        return idOf(domain);
    }

    @Override
    public DomainRef domainById(int id) {
        return domains.byId(id).map(StoreDomain::ref).orElseThrow(() -> XenstoreErrors.notMine("id " + id, null));
    }

    @Override
    public DomainRef domainByName(String name) {
        for (int id : domains.ids()) {
            if (domains.name(id).filter(name::equals).isPresent()) {
                Optional<StoreDomain> d = domains.byId(id);
                if (d.isPresent() && d.get().name().equals(name)) {
                    return d.get().ref();
                }
            }
        }
        throw XenstoreErrors.notMine("name '" + name + "'", name);
    }

    @Override
    public DomainRef domainByUuid(UUID uuid) {
        return find(uuid).map(StoreDomain::ref).orElseThrow(() -> XenstoreErrors.notMine("uuid '" + uuid + "'", null));
    }

    /** The running domain with that UUID, if the store lists it. */
    private Optional<StoreDomain> find(UUID uuid) {
        for (int id : domains.ids()) {
            if (domains.uuid(id).filter(uuid::equals).isPresent()) {
                return domains.byId(id).filter(d -> d.uuid().equals(uuid));
            }
        }
        return Optional.empty();
    }

    /**
     * The store's id of {@code ref}'s domain: its id when the domain with that id has its UUID (the usual
     * case, one read), else the id of whichever domain has its UUID; declined when none has.
     */
    private int idOf(DomainRef ref) {
        if (ref.id() >= 0 && domains.uuid(ref.id()).filter(ref.uuid()::equals).isPresent()) {
            return ref.id();
        }
        return find(ref.uuid()).map(StoreDomain::id)
                .orElseThrow(() -> XenstoreErrors.notMine("uuid '" + ref.uuid() + "'", ref.name()));
    }

    // ---- reading ---------------------------------------------------------------------------------

    @Override
    public DomainInfo domainInfo(DomainRef domain) {
        int id = idOf(domain);
        return domains.info(id).orElseThrow(() -> XenstoreErrors.notMine("uuid '" + domain.uuid() + "'",
                domain.name()));
    }

    @Override
    public String osType(DomainRef domain) {
        int id = idOf(domain);
        return domains.osType(id).orElseThrow(() -> new DeclinedException(XenstoreErrors.worded(
                ErrorCode.OPERATION_FAILED, "XenStore gives no OS type (image/ostype) for domain '" + domain.name()
                        + "'", domain.name())));
    }
}
