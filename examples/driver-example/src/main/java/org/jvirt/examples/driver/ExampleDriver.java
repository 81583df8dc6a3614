package org.jvirt.examples.driver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * The example hypervisor: persistent domains that can be started and destroyed, nothing more.
 * Everything it does not implement — suspend, save, networks... — it does not declare, and jvirt's
 * core answers NO_SUPPORT for it. Thread-safe: one monitor guards the state.
 */
public final class ExampleDriver implements Driver, DriverOperations.HypervisorIdentity,
        DriverOperations.NodeInformation, DriverOperations.ActiveDomainIds, DriverOperations.ActiveDomainCount,
        DriverOperations.DefinedDomainNames, DriverOperations.DefinedDomainCount, DriverOperations.DomainListAll,
        DriverOperations.DomainLookupById, DriverOperations.DomainLookupByUuid, DriverOperations.DomainLookupByName,
        DriverOperations.DomainGetInfo, DriverOperations.DomainGetState, DriverOperations.DomainIsActive,
        DriverOperations.DomainIsPersistent, DriverOperations.DomainXmlDescription, DriverOperations.DomainDefine,
        DriverOperations.DomainUndefine, DriverOperations.DomainStart, DriverOperations.DomainDestroy,
        DriverOperations.DomainEvents {

    private static final NodeInfo NODE = new NodeInfo("x86_64", 1_048_576, 2, 1000, 1, 1, 2, 1);

    private final DomainEventSink events;
    private final Map<UUID, Guest> guests = new LinkedHashMap<>();
    private int nextId = 1;

    ExampleDriver(DomainEventSink events) {
        this.events = events;
    }

    /**
     * One domain: its persistent definition (null once undefined while running) and, while it runs,
     * its id and the definition it was started with.
     */
    private static final class Guest {
        DomainDefinition definition;
        DomainDefinition running;
        int id = -1;
        DomainStateReason state = DomainStateReason.SHUTOFF_UNKNOWN;

        Guest(DomainDefinition definition) {
            this.definition = definition;
        }

        DomainDefinition current() {
            return running != null ? running : definition;
        }

        DomainRef ref() {
            return new DomainRef(current().name(), current().uuid(), id);
        }
    }

    @Override
    public String name() {
        return "example";
    }

    @Override
    public void close() {
    }

    @Override
    public String hypervisorType() {
        return "EXAMPLE";
    }

    @Override
    public long hypervisorVersion() {
        return 1_000_000;
    }

    @Override
    public NodeInfo nodeInfo() {
        return NODE;
    }

    @Override
    public synchronized int[] activeDomainIds() {
        return guests.values().stream().filter(g -> g.id >= 0).mapToInt(g -> g.id).sorted().toArray();
    }

    @Override
    public synchronized int activeDomainCount() {
        return activeDomainIds().length;
    }

    @Override
    public synchronized List<String> definedDomainNames() {
        List<String> names = new ArrayList<>();
        for (Guest g : guests.values()) {
            if (g.id < 0) {
                names.add(g.current().name());
            }
        }
        return names;
    }

    @Override
    public synchronized int definedDomainCount() {
        return definedDomainNames().size();
    }

    @Override
    public synchronized List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        List<DomainRef> refs = new ArrayList<>();
        for (Guest g : guests.values()) {
            if (DomainListFilters.matches(filters, g.state.state(), g.definition != null, false)) {
                refs.add(g.ref());
            }
        }
        return refs;
    }

    @Override
    public synchronized DomainRef domainById(int id) {
        for (Guest g : guests.values()) {
            if (g.id == id && id >= 0) {
                return g.ref();
            }
        }
        throw error(ErrorCode.NO_DOMAIN, "no domain with matching id " + id, Integer.toString(id));
    }

    @Override
    public synchronized DomainRef domainByUuid(UUID uuid) {
        Guest g = guests.get(uuid);
        if (g == null) {
            throw error(ErrorCode.NO_DOMAIN, "no domain with matching uuid '" + uuid + "'", uuid.toString());
        }
        return g.ref();
    }

    @Override
    public synchronized DomainRef domainByName(String domain) {
        return byName(domain).ref();
    }

    @Override
    public synchronized DomainInfo domainInfo(DomainRef domain) {
        Guest g = find(domain);
        DomainDefinition d = g.current();
        return new DomainInfo(g.state.state(), d.memoryKiB(), d.currentMemoryKiB(), d.currentVcpus(), 0);
    }

    @Override
    public synchronized DomainStateReason domainState(DomainRef domain) {
        return find(domain).state;
    }

    @Override
    public synchronized int domainId(DomainRef domain) {
        return find(domain).id;
    }

    @Override
    public synchronized boolean isPersistent(DomainRef domain) {
        return find(domain).definition != null;
    }

    /** Both description flags; no other flag of any operation (start paused, say): the core refuses those. */
    @Override
    public Set<XmlFlag> xmlDescFlags() {
        return EnumSet.of(XmlFlag.SECURE, XmlFlag.INACTIVE);
    }

    @Override
    public synchronized String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
        Guest g = find(domain);
        boolean persistentView = g.running == null || flags.contains(XmlFlag.INACTIVE) && g.definition != null;
        return DomainXml.format(persistentView ? g.definition : g.running, persistentView ? -1 : g.id,
                flags.contains(XmlFlag.SECURE));
    }

    @Override
    public synchronized DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
        DomainDefinition def = definition.uuid() != null ? definition
                : definition.toBuilder().uuid(UUID.randomUUID()).build();
        Guest existing = guests.get(def.uuid());
        for (Guest g : guests.values()) {
            if (g != existing && g.current().name().equals(def.name())) {
                throw error(ErrorCode.OPERATION_FAILED, "domain '" + def.name() + "' already exists with uuid "
                        + g.current().uuid(), def.name());
            }
        }
        if (existing != null && !existing.current().name().equals(def.name())) {
            throw error(ErrorCode.OPERATION_FAILED, "domain '" + existing.current().name()
                    + "' is already defined with uuid " + def.uuid(), def.name());
        }
        if (existing != null) {
            existing.definition = def;
            events.emit(existing.ref(), DomainEventDetail.DEFINED_UPDATED);
            return existing.ref();
        }
        Guest g = new Guest(def);
        guests.put(def.uuid(), g);
        events.emit(g.ref(), DomainEventDetail.DEFINED_ADDED);
        return g.ref();
    }

    @Override
    public synchronized void undefine(DomainRef domain, Set<UndefineFlag> flags) {
        Guest g = find(domain);
        if (g.definition == null) {
            throw error(ErrorCode.OPERATION_INVALID, "cannot undefine transient domain", domain.name());
        }
        DomainRef ref = g.ref();
        g.definition = null;
        events.emit(ref, DomainEventDetail.UNDEFINED_REMOVED);
        if (g.id < 0) {
            // A running domain stays, transient, until it stops.
            guests.remove(domain.uuid());
        }
    }

    @Override
    public synchronized void start(DomainRef domain, Set<StartFlag> flags) {
        Guest g = find(domain);
        if (g.id >= 0) {
            throw error(ErrorCode.OPERATION_INVALID, "domain is already running", domain.name());
        }
        g.id = nextId++;
        g.running = g.definition;
        g.state = DomainStateReason.RUNNING_BOOTED;
        events.emit(g.ref(), DomainEventDetail.STARTED_BOOTED);
    }

    @Override
    public synchronized void destroy(DomainRef domain, Set<DestroyFlag> flags) {
        Guest g = find(domain);
        if (g.id < 0) {
            throw error(ErrorCode.OPERATION_INVALID, "domain is not running", domain.name());
        }
        DomainRef running = g.ref();
        g.id = -1;
        g.running = null;
        g.state = DomainStateReason.SHUTOFF_DESTROYED;
        events.emit(running, DomainEventDetail.STOPPED_DESTROYED);
        if (g.definition == null) {
            guests.remove(domain.uuid());
        }
    }

    private Guest find(DomainRef domain) {
        Guest g = guests.get(domain.uuid());
        if (g == null) {
            throw error(ErrorCode.NO_DOMAIN, "no domain with matching uuid '" + domain.uuid() + "' ("
                    + domain.name() + ")", domain.name());
        }
        return g;
    }

    private Guest byName(String domain) {
        for (Guest g : guests.values()) {
            if (g.current().name().equals(domain)) {
                return g;
            }
        }
        throw error(ErrorCode.NO_DOMAIN, "no domain with matching name '" + domain + "'", domain);
    }

    private static VirtException error(ErrorCode code, String detail, String object) {
        return VirtException.of(code, ErrorDomain.DOMAIN, detail, object);
    }
}
