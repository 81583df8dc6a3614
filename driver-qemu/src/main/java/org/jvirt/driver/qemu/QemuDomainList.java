package org.jvirt.driver.qemu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;

/**
 * The domains of one state directory by name, UUID and id, as libvirt's {@code virDomainObjList}:
 * lookup, listing, and what can be read of a domain without talking to QEMU.
 *
 * <p>Locking: this list's monitor guards the maps and is taken before a domain's monitor, never
 * after; both are held only for in-memory work.
 */
final class QemuDomainList {
    private final Map<UUID, QemuDomain> byUuid = new HashMap<>();
    private final Map<String, QemuDomain> byName = new HashMap<>();
    private final Map<Integer, QemuDomain> byId = new HashMap<>();
    private int nextId = 1;

    // ---- registry --------------------------------------------------------------------------------

    /** Adds a domain; the caller holds this list's monitor. */
    void register(QemuDomain d) {
        byName.put(d.name, d);
        byUuid.put(d.uuid, d);
    }

    /** Removes a domain and its id; the caller holds this list's monitor. */
    void unregister(QemuDomain d) {
        byName.remove(d.name);
        byUuid.remove(d.uuid);
        if (d.id >= 0) {
            byId.remove(d.id);
        }
    }

    /** Registers a domain that loading or reconnecting found, unless its name or UUID is taken. */
    synchronized boolean registerIfFree(QemuDomain d) {
        if (byName.containsKey(d.name) || byUuid.containsKey(d.uuid)) {
            return false;
        }
        register(d);
        return true;
    }

    /** The id the next started domain gets. */
    synchronized int allocateId() {
        return nextId++;
    }

    /** Marks {@code d} active under {@code id}; the caller holds this list's and the domain's monitors. */
    void activate(QemuDomain d, int id) {
        byId.put(id, d);
        nextId = Math.max(nextId, id + 1);
    }

    /** Forgets {@code d}'s id; the caller holds this list's and the domain's monitors. */
    void deactivate(QemuDomain d) {
        byId.remove(d.id);
    }

    /** The domain registered under {@code uuid}, or null. */
    synchronized QemuDomain get(UUID uuid) {
        return byUuid.get(uuid);
    }

    /**
     * The domain {@code def} redefines, if any; a clash of name or UUID with another domain is an
     * error. The caller holds this list's monitor.
     */
    QemuDomain existingFor(DomainDefinition def) {
        QemuDomain sameName = byName.get(def.name());
        QemuDomain sameUuid = byUuid.get(def.uuid());
        if (sameName != null && sameName != sameUuid) {
            throw QemuErrors.error(ErrorCode.OPERATION_FAILED, "domain '" + def.name() + "' already exists with uuid "
                    + sameName.uuid, def.name());
        }
        if (sameUuid != null && sameName == null) {
            throw QemuErrors.error(ErrorCode.OPERATION_FAILED, "domain '" + sameUuid.name
                    + "' is already defined with uuid " + def.uuid(), def.name());
        }
        return sameName;
    }

    /** The domain {@code def} names, registered as a new (transient, inactive) one when there is none. */
    synchronized QemuDomain domainFor(DomainDefinition def) {
        QemuDomain d = existingFor(def);
        if (d == null) {
            d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
            d.isFreshlyCreated = true;
            register(d);
        }
        return d;
    }

    /** Forgets a domain an operation registered when it ended up neither active nor persistent. */
    synchronized void forgetIfUnused(QemuDomain d) {
        synchronized (d) {
            if (!d.isActive() && !d.isPersistent() && byUuid.get(d.uuid) == d) {
                unregister(d);
            }
        }
    }

    /** Every domain, for work over all of them (autostart, closing). */
    synchronized List<QemuDomain> all() {
        return new ArrayList<>(byName.values());
    }

    // ---- listing and lookup -----------------------------------------------------------------------

    synchronized int[] activeIds() {
        return byId.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    synchronized int activeCount() {
        return byId.size();
    }

    synchronized List<String> definedNames() {
        List<String> names = new ArrayList<>();
        for (QemuDomain d : byName.values()) {
            synchronized (d) {
                if (!d.isActive()) {
                    names.add(d.name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    synchronized int definedCount() {
        return byName.size() - byId.size();
    }

    synchronized List<DomainRef> listAll(Set<DomainListFilter> filters) {
        List<DomainRef> refs = new ArrayList<>();
        for (QemuDomain d : byName.values()) {
            synchronized (d) {
                if (DomainListFilters.matches(filters, d.state.state(), d.isPersistent(), d.autostart)) {
                    refs.add(d.ref());
                }
            }
        }
        refs.sort((a, b) -> a.name().compareTo(b.name()));
        return refs;
    }

    synchronized DomainRef byId(int id) {
        QemuDomain d = byId.get(id);
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching id " + id, Integer.toString(id));
        }
        return d.ref();
    }

    synchronized DomainRef byUuid(UUID uuid) {
        QemuDomain d = byUuid.get(uuid);
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching uuid '" + uuid + "'", uuid.toString());
        }
        return d.ref();
    }

    synchronized DomainRef byName(String name) {
        QemuDomain d = byName.get(name);
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching name '" + name + "'", name);
        }
        return d.ref();
    }

    /** The domain {@code ref} names; NO_DOMAIN when it is gone. */
    synchronized QemuDomain find(DomainRef ref) {
        QemuDomain d = byUuid.get(ref.uuid());
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")",
                    ref.name());
        }
        return d;
    }

    // ---- reading ----------------------------------------------------------------------------------

    DomainInfo info(DomainRef ref) {
        QemuDomain d = find(ref);
        QemuRun run;
        DomainDefinition def;
        DomainState state;
        synchronized (d) {
            def = d.current();
            state = d.state.state();
            run = d.run;
        }
        if (run == null) {
            return new DomainInfo(state, def.memoryKiB(), def.currentMemoryKiB(), def.currentVcpus(), 0);
        }
        long balloon = run.balloonKiB;
        return new DomainInfo(state, def.memoryKiB(), balloon > 0 ? balloon : def.currentMemoryKiB(),
                def.currentVcpus(), run.process.cpuTimeNanos());
    }

    DomainStateReason state(DomainRef ref) {
        return read(ref, d -> d.state);
    }

    DomainDefinition current(DomainRef ref) {
        return read(ref, QemuDomain::current);
    }

    int id(DomainRef ref) {
        return read(ref, d -> d.id);
    }

    boolean isPersistent(DomainRef ref) {
        return read(ref, QemuDomain::isPersistent);
    }

    /** One fact of the domain {@code ref} names, read under its monitor. */
    private <T> T read(DomainRef ref, Function<QemuDomain, T> fact) {
        QemuDomain d = find(ref);
        synchronized (d) {
            return fact.apply(d);
        }
    }

    String xml(DomainRef ref, boolean inactive, boolean secure) {
        QemuDomain d = find(ref);
        DomainDefinition def;
        int id;
        synchronized (d) {
            boolean showPersistent = inactive && d.isPersistent() || !d.isActive();
            def = showPersistent ? d.persistent : d.live;
            id = showPersistent ? -1 : d.id;
        }
        return DomainXml.format(def, id, secure);
    }
}
