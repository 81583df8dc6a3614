package org.jvirt.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Operation;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.Composition;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;

/**
 * Three toy drivers shaped as libvirt 0.4.4's Xen family, over one shared toy host, for the core's
 * tests of composition: a hypervisor that only reads what runs, a daemon that changes state, and a
 * configuration store that keeps definitions. Each knows only its own part — none knows another —
 * and declines what is not its own; every call is written to the host's log as
 * {@code "driver method domain"}.
 */
final class ToyXen {
    /** What runs on the host: the hypervisor's and the daemon's shared truth. */
    static final class Host {
        final Map<UUID, Running> running = new LinkedHashMap<>();
        final Map<UUID, DomainDefinition> configs = new LinkedHashMap<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        int nextId = 1;

        synchronized void call(String driver, String method, String domain) {
            log.add(driver + " " + method + (domain == null ? "" : " " + domain));
        }

        /** The calls made to {@code driver}, in order. */
        List<String> callsTo(String driver) {
            return log.stream().filter(l -> l.startsWith(driver + " ")).toList();
        }
    }

    /** A running domain. */
    static final class Running {
        final DomainDefinition definition;
        final int id;
        final boolean transientDomain;
        DomainStateReason state = DomainStateReason.RUNNING_BOOTED;

        Running(DomainDefinition definition, int id, boolean transientDomain) {
            this.definition = definition;
            this.id = id;
            this.transientDomain = transientDomain;
        }

        DomainRef ref() {
            return new DomainRef(definition.name(), definition.uuid(), id);
        }
    }

    /**
     * The composition the tests open: reads ask the hypervisor first and ignore who owns a domain
     * (a configuration's domain may run); changes go to the daemon, then the store; listings gather
     * from every member; starting a stored definition goes through the daemon.
     */
    static final Composition COMPOSITION = Composition.forScheme("toy")
            .required("daemon")
            .optional("hyper", "configs")
            .order(op -> true, "hyper", "daemon", "configs")
            .order(Operation::isMutating, "daemon", "configs")
            .order(Operation.DOMAIN_IS_PERSISTENT, "configs", "daemon")
            .inOrder(op -> !op.isMutating())
            .gather(Operation.CONNECT_LIST_ALL_DOMAINS, Operation.CONNECT_LIST_DOMAINS, Operation.CONNECT_NUM_OF_DOMAINS,
                    Operation.CONNECT_LIST_DEFINED_DOMAINS, Operation.CONNECT_NUM_OF_DEFINED_DOMAINS)
            .crossDriver(Operation.DOMAIN_CREATE, "configs", "daemon")
            .build();

    private ToyXen() {
    }

    static DeclinedException notMine(String what, String domain) {
        return new DeclinedException(VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.DOMAIN,
                "no domain with matching " + what, domain));
    }

    /** What every toy has: the host, a name, and a way to find a running domain or decline it. */
    abstract static class Toy implements Driver {
        final Host host;
        private final String name;

        Toy(Host host, String name) {
            this.host = host;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
        }

        /** The running domain {@code ref} names, logging the call; declines a domain that does not run. */
        Running running(DomainRef ref, String method) {
            host.call(name, method, ref.name());
            synchronized (host) {
                Running r = host.running.get(ref.uuid());
                if (r == null) {
                    throw notMine("uuid " + ref.uuid(), ref.name());
                }
                return r;
            }
        }
    }

    /** Reads what runs; knows nothing of definitions or names it did not see running. */
    static final class Hypervisor extends Toy implements DriverOperations.ActiveDomainIds, DriverOperations.DomainListAll,
            DriverOperations.DomainLookupById, DriverOperations.DomainLookupByUuid, DriverOperations.DomainGetInfo,
            DriverOperations.DomainGetState, DriverOperations.DomainIsActive {
        Hypervisor(Host host) {
            super(host, "hyper");
        }

        @Override
        public int[] activeDomainIds() {
            host.call(name(), "activeDomainIds", null);
            synchronized (host) {
                return host.running.values().stream().mapToInt(r -> r.id).toArray();
            }
        }

        @Override
        public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
            host.call(name(), "listAllDomains", null);
            synchronized (host) {
                return host.running.values().stream()
                        .filter(r -> DomainListFilters.matches(filters, r.state.state(), false, false))
                        .map(Running::ref).toList();
            }
        }

        @Override
        public DomainRef domainById(int id) {
            host.call(name(), "domainById", Integer.toString(id));
            synchronized (host) {
                return host.running.values().stream().filter(r -> r.id == id).findFirst()
                        .orElseThrow(() -> notMine("id " + id, Integer.toString(id))).ref();
            }
        }

        @Override
        public DomainRef domainByUuid(UUID uuid) {
            host.call(name(), "domainByUuid", uuid.toString());
            synchronized (host) {
                Running r = host.running.get(uuid);
                if (r == null) {
                    throw notMine("uuid " + uuid, uuid.toString());
                }
                return r.ref();
            }
        }

        @Override
        public DomainInfo domainInfo(DomainRef domain) {
            Running r = running(domain, "domainInfo");
            return new DomainInfo(r.state.state(), r.definition.memoryKiB(), r.definition.currentMemoryKiB(), 1, 0);
        }

        @Override
        public DomainStateReason domainState(DomainRef domain) {
            return running(domain, "domainState").state;
        }

        @Override
        public int domainId(DomainRef domain) {
            return running(domain, "domainId").id;
        }
    }

    /** Changes what runs: creates, pauses, destroys; knows the names of running domains only. */
    static final class Daemon extends Toy implements DriverOperations.DomainCreateTransient, DriverOperations.DomainDestroy,
            DriverOperations.DomainSuspendResume, DriverOperations.DomainLookupByName, DriverOperations.DomainGetState,
            DriverOperations.DomainIsPersistent, DriverOperations.DomainListAll {
        Daemon(Host host) {
            super(host, "daemon");
        }

        @Override
        public Set<StartFlag> createFlags() {
            return EnumSet.of(StartFlag.PAUSED);
        }

        @Override
        public DomainRef createDomain(DomainDefinition definition, Set<StartFlag> flags) {
            host.call(name(), "createDomain", definition.name() + (flags.isEmpty() ? "" : " " + flags));
            synchronized (host) {
                if (host.running.containsKey(definition.uuid())) {
                    throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                            "domain '" + definition.name() + "' is already running", definition.name());
                }
                Running r = new Running(definition, host.nextId++, !host.configs.containsKey(definition.uuid()));
                if (flags.contains(StartFlag.PAUSED)) {
                    r.state = DomainStateReason.PAUSED_USER;
                }
                host.running.put(definition.uuid(), r);
                return r.ref();
            }
        }

        @Override
        public void destroy(DomainRef domain, Set<DestroyFlag> flags) {
            running(domain, "destroy");
            synchronized (host) {
                host.running.remove(domain.uuid());
            }
        }

        @Override
        public void suspend(DomainRef domain) {
            running(domain, "suspend").state = DomainStateReason.PAUSED_USER;
        }

        @Override
        public void resume(DomainRef domain) {
            running(domain, "resume").state = DomainStateReason.RUNNING_UNPAUSED;
        }

        @Override
        public DomainRef domainByName(String name) {
            host.call(name(), "domainByName", name);
            synchronized (host) {
                return host.running.values().stream().filter(r -> r.definition.name().equals(name)).findFirst()
                        .orElseThrow(() -> notMine("name '" + name + "'", name)).ref();
            }
        }

        @Override
        public DomainStateReason domainState(DomainRef domain) {
            return running(domain, "domainState").state;
        }

        @Override
        public boolean isPersistent(DomainRef domain) {
            return !running(domain, "isPersistent").transientDomain;
        }

        @Override
        public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
            host.call(name(), "listAllDomains", null);
            synchronized (host) {
                return host.running.values().stream().map(Running::ref).toList();
            }
        }
    }

    /** Keeps definitions; knows nothing of what runs, so it describes every domain of its own as shut off. */
    static final class Configs extends Toy implements DriverOperations.DomainDefine, DriverOperations.DomainUndefine,
            DriverOperations.DomainListAll, DriverOperations.DomainLookupByName, DriverOperations.DomainLookupByUuid,
            DriverOperations.DomainXmlDescription, DriverOperations.DomainIsPersistent, DriverOperations.DomainGetState,
            DriverOperations.DomainIsActive {
        Configs(Host host) {
            super(host, "configs");
        }

        @Override
        public Set<XmlFlag> xmlDescFlags() {
            return EnumSet.of(XmlFlag.INACTIVE, XmlFlag.SECURE);
        }

        private DomainDefinition config(DomainRef ref, String method) {
            host.call(name(), method, ref.name());
            synchronized (host) {
                DomainDefinition def = host.configs.get(ref.uuid());
                if (def == null) {
                    throw notMine("uuid " + ref.uuid(), ref.name());
                }
                return def;
            }
        }

        @Override
        public DomainRef defineDomain(DomainDefinition definition, Set<DefineFlag> flags) {
            host.call(name(), "defineDomain", definition.name());
            synchronized (host) {
                host.configs.put(definition.uuid(), definition);
            }
            return new DomainRef(definition.name(), definition.uuid(), -1);
        }

        @Override
        public void undefine(DomainRef domain, Set<UndefineFlag> flags) {
            config(domain, "undefine");
            synchronized (host) {
                host.configs.remove(domain.uuid());
            }
        }

        @Override
        public List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
            host.call(name(), "listAllDomains", null);
            synchronized (host) {
                List<DomainRef> refs = new ArrayList<>();
                for (DomainDefinition def : host.configs.values()) {
                    refs.add(new DomainRef(def.name(), def.uuid(), -1));
                }
                return refs;
            }
        }

        @Override
        public DomainRef domainByName(String name) {
            host.call(name(), "domainByName", name);
            synchronized (host) {
                return host.configs.values().stream().filter(d -> d.name().equals(name)).findFirst()
                        .map(d -> new DomainRef(d.name(), d.uuid(), -1))
                        .orElseThrow(() -> notMine("name '" + name + "'", name));
            }
        }

        @Override
        public DomainRef domainByUuid(UUID uuid) {
            host.call(name(), "domainByUuid", uuid.toString());
            synchronized (host) {
                DomainDefinition d = host.configs.get(uuid);
                if (d == null) {
                    throw notMine("uuid " + uuid, uuid.toString());
                }
                return new DomainRef(d.name(), d.uuid(), -1);
            }
        }

        @Override
        public String xmlDesc(DomainRef domain, Set<XmlFlag> flags) {
            return DomainXml.format(config(domain, "xmlDesc"), -1, flags.contains(XmlFlag.SECURE));
        }

        @Override
        public boolean isPersistent(DomainRef domain) {
            config(domain, "isPersistent");
            return true;
        }

        @Override
        public DomainStateReason domainState(DomainRef domain) {
            config(domain, "domainState");
            return DomainStateReason.SHUTOFF_UNKNOWN;
        }

        @Override
        public int domainId(DomainRef domain) {
            config(domain, "domainId");
            return -1;
        }
    }

    /** A domain definition the toys accept. */
    static String xml(String name, UUID uuid) {
        return "<domain type='xen'><name>" + name + "</name><uuid>" + uuid + "</uuid><memory>65536</memory>"
                + "<os><type>linux</type></os></domain>";
    }

    /** Whether {@code state} is a running state, for readable assertions. */
    static boolean runs(DomainState state) {
        return state == DomainState.RUNNING || state == DomainState.PAUSED;
    }
}
