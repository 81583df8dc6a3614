package org.jvirt.core.connection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.CloseListener;
import org.jvirt.api.CloseReason;
import org.jvirt.api.Connection;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventListener;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Network;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.Operation;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.Subscription;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.core.events.EventHub;
import org.jvirt.core.routing.Router;
import org.jvirt.core.schema.SchemaValidator;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.model.NetworkXml;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.NetworkRef;

/**
 * The core's {@link Connection}: checks arguments, parses and validates XML once, and hands every
 * call to the {@link Router}. Thread-safe.
 */
public final class CoreConnection implements Connection {
    /** Looked up when first needed: starting the logging system costs a short-lived process ~8 ms. */
    private static System.Logger log() {
        return System.getLogger(CoreConnection.class.getName());
    }
    /** jvirt's version, encoded as libvirt encodes versions (0.1.0). */
    static final long JVIRT_VERSION = 1_000;

    private final String uri;
    private final Router router;
    private final EventHub events;
    private final List<CloseListener> closeListeners = new CopyOnWriteArrayList<>();

    /**
     * @param uri the canonical URI
     * @param router the gate over the drivers that accepted
     * @param events the connection's event hub (the drivers' sink)
     */
    public CoreConnection(String uri, Router router, EventHub events) {
        this.uri = uri;
        this.router = router;
        this.events = events;
    }

    /** The gate every call passes; handles of this connection use it too. */
    Router router() {
        return router;
    }

    @Override
    public String type() {
        return router.call(Operation.CONNECT_GET_TYPE, DriverOperations.HypervisorIdentity.class,
                DriverOperations.HypervisorIdentity::hypervisorType);
    }

    @Override
    public long version() {
        return router.call(Operation.CONNECT_GET_VERSION, DriverOperations.HypervisorIdentity.class,
                DriverOperations.HypervisorIdentity::hypervisorVersion);
    }

    @Override
    public long libraryVersion() {
        return JVIRT_VERSION;
    }

    @Override
    public String hostname() {
        return router.call(Operation.CONNECT_GET_HOSTNAME, DriverOperations.Hostname.class,
                DriverOperations.Hostname::hostname);
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public int maxVcpus(String type) {
        return router.call(Operation.CONNECT_GET_MAX_VCPUS, DriverOperations.MaxVcpus.class, d -> d.maxVcpus(type));
    }

    @Override
    public NodeInfo nodeInfo() {
        return router.call(Operation.NODE_GET_INFO, DriverOperations.NodeInformation.class,
                DriverOperations.NodeInformation::nodeInfo);
    }

    @Override
    public String capabilities() {
        return router.call(Operation.CONNECT_GET_CAPABILITIES, DriverOperations.Capabilities.class,
                DriverOperations.Capabilities::capabilities);
    }

    @Override
    public long freeMemory() {
        return router.call(Operation.NODE_GET_FREE_MEMORY, DriverOperations.NodeFreeMemory.class,
                DriverOperations.NodeFreeMemory::freeMemory);
    }

    @Override
    public long[] cellsFreeMemory(int startCell, int maxCells) {
        if (startCell < 0 || maxCells <= 0) {
            throw invalidArg("cell range start " + startCell + ", count " + maxCells
                    + " in virNodeGetCellsFreeMemory", ErrorDomain.NONE);
        }
        return router.call(Operation.NODE_GET_CELLS_FREE_MEMORY, DriverOperations.NodeFreeMemory.class,
                d -> d.cellsFreeMemory(startCell, maxCells));
    }

    @Override
    public String sysinfo() {
        return router.call(Operation.CONNECT_GET_SYSINFO, DriverOperations.Sysinfo.class,
                DriverOperations.Sysinfo::sysinfo);
    }

    @Override
    public List<TypedParameter> nodeMemoryStats(int cell) {
        if (cell < -1) {
            throw invalidArg("cell " + cell + " in virNodeGetMemoryStats (a cell, or -1 for the whole node)",
                    ErrorDomain.NONE);
        }
        return router.call(Operation.NODE_GET_MEMORY_STATS, DriverOperations.NodeMemoryStats.class,
                d -> List.copyOf(d.nodeMemoryStats(cell)));
    }

    @Override
    public NodeCpuMap nodeCpuMap() {
        return router.call(Operation.NODE_GET_CPU_MAP, DriverOperations.NodeCpus.class,
                DriverOperations.NodeCpus::nodeCpuMap);
    }

    @Override
    public NodeSecurityModel securityModel() {
        return router.call(Operation.NODE_GET_SECURITY_MODEL, DriverOperations.Security.class,
                DriverOperations.Security::securityModel);
    }

    @Override
    public String domainXmlFromNative(String format, String nativeConfig) {
        requireArg(format, "nativeFormat", "virConnectDomainXMLFromNative");
        requireArg(nativeConfig, "nativeConfig", "virConnectDomainXMLFromNative");
        Set<String> known = nativeFormats(Operation.CONNECT_DOMAIN_XML_FROM_NATIVE,
                DriverOperations.DomainXmlFromNative.class, DriverOperations.DomainXmlFromNative::fromNativeFormats);
        if (!known.contains(format)) {
            throw unsupportedFormat(format, known);
        }
        DomainDefinition def = router.call(Operation.CONNECT_DOMAIN_XML_FROM_NATIVE,
                DriverOperations.DomainXmlFromNative.class, d -> {
                    if (!d.fromNativeFormats().contains(format)) {
                        throw new DeclinedException(unsupportedFormat(format, known));
                    }
                    return d.domainXmlFromNative(format, nativeConfig);
                });
        return DomainXml.format(def, -1, false);
    }

    @Override
    public String domainXmlToNative(String format, String domainXml) {
        requireArg(format, "nativeFormat", "virConnectDomainXMLToNative");
        Set<String> known = nativeFormats(Operation.CONNECT_DOMAIN_XML_TO_NATIVE,
                DriverOperations.DomainXmlToNative.class, DriverOperations.DomainXmlToNative::toNativeFormats);
        if (!known.contains(format)) {
            throw unsupportedFormat(format, known);
        }
        DomainDefinition def = DomainXml.parse(requireArg(domainXml, "domainXml", "virConnectDomainXMLToNative"));
        return router.call(Operation.CONNECT_DOMAIN_XML_TO_NATIVE, DriverOperations.DomainXmlToNative.class, d -> {
            if (!d.toNativeFormats().contains(format)) {
                throw new DeclinedException(unsupportedFormat(format, known));
            }
            return d.domainXmlToNative(format, def);
        });
    }

    /** Every format the declaring drivers convert, sorted; NO_SUPPORT (from the router) when none declares. */
    private <I> Set<String> nativeFormats(Operation op, Class<I> iface, java.util.function.Function<I, Set<String>> formats) {
        Set<String> known = new TreeSet<>();
        for (I driver : router.declaring(op, iface)) {
            known.addAll(formats.apply(driver));
        }
        return known;
    }

    private static VirtException unsupportedFormat(String format, Set<String> known) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "unsupported config type " + format
                + " (this connection converts: " + String.join(", ", known) + ")", format);
    }

    @Override
    public int[] activeDomainIds() {
        return router.call(Operation.CONNECT_LIST_DOMAINS, DriverOperations.DomainListing.class,
                DriverOperations.DomainListing::activeDomainIds);
    }

    @Override
    public int activeDomainCount() {
        return router.call(Operation.CONNECT_NUM_OF_DOMAINS, DriverOperations.DomainListing.class,
                DriverOperations.DomainListing::activeDomainCount);
    }

    @Override
    public List<String> definedDomainNames() {
        return router.call(Operation.CONNECT_LIST_DEFINED_DOMAINS, DriverOperations.DomainListing.class,
                DriverOperations.DomainListing::definedDomainNames);
    }

    @Override
    public int definedDomainCount() {
        return router.call(Operation.CONNECT_NUM_OF_DEFINED_DOMAINS, DriverOperations.DomainListing.class,
                DriverOperations.DomainListing::definedDomainCount);
    }

    @Override
    public List<Domain> listAllDomains(DomainListFilter... filters) {
        EnumSet<DomainListFilter> set = EnumSet.noneOf(DomainListFilter.class);
        for (DomainListFilter f : filters) {
            set.add(Objects.requireNonNull(f, "filter"));
        }
        List<DomainRef> refs = router.call(Operation.CONNECT_LIST_ALL_DOMAINS, DriverOperations.DomainListing.class,
                d -> d.listAllDomains(set));
        List<Domain> domains = new ArrayList<>(refs.size());
        for (DomainRef ref : refs) {
            domains.add(new DomainHandle(this, ref));
        }
        return domains;
    }

    @Override
    public Domain createDomain(String xml, DefineFlag... flags) {
        router.check(Operation.DOMAIN_CREATE_XML);
        DomainDefinition def = parseDomain(xml, "virDomainCreateXML", flags);
        boolean paused = has(flags, DefineFlag.START_PAUSED);
        return handleFor(router.call(Operation.DOMAIN_CREATE_XML, DriverOperations.DomainCreateTransient.class,
                d -> d.createDomain(def, paused)));
    }

    @Override
    public Domain defineDomain(String xml, DefineFlag... flags) {
        router.check(Operation.DOMAIN_DEFINE_XML);
        DomainDefinition def = parseDomain(xml, "virDomainDefineXML", flags);
        return handleFor(router.call(Operation.DOMAIN_DEFINE_XML, DriverOperations.DomainDefine.class,
                d -> d.defineDomain(def)));
    }

    @Override
    public Domain domainById(int id) {
        if (id < 0) {
            throw invalidArg("id " + id + " in virDomainLookupByID must not be negative", ErrorDomain.DOMAIN);
        }
        return handleFor(router.call(Operation.DOMAIN_LOOKUP_BY_ID, DriverOperations.DomainLookup.class,
                d -> d.domainById(id)));
    }

    @Override
    public Domain domainByUuid(UUID uuid) {
        requireArg(uuid, "uuid", "virDomainLookupByUUID");
        return handleFor(router.call(Operation.DOMAIN_LOOKUP_BY_UUID, DriverOperations.DomainLookup.class,
                d -> d.domainByUuid(uuid)));
    }

    @Override
    public Domain domainByUuidString(String uuid) {
        router.check(Operation.DOMAIN_LOOKUP_BY_UUID);
        return domainByUuid(Uuids.parse(uuid, "virDomainLookupByUUIDString"));
    }

    @Override
    public Domain domainByName(String name) {
        requireArg(name, "name", "virDomainLookupByName");
        return handleFor(router.call(Operation.DOMAIN_LOOKUP_BY_NAME, DriverOperations.DomainLookup.class,
                d -> d.domainByName(name)));
    }

    @Override
    public Domain restore(Path file, SaveFlag... flags) {
        requireArg(file, "from", "virDomainRestore");
        Set<SaveFlag> chosen = saveFlags(flags, "virDomainRestoreFlags");
        return handleFor(router.call(Operation.DOMAIN_RESTORE, DriverOperations.DomainSaveRestore.class,
                d -> d.restore(file.toAbsolutePath(), chosen)));
    }

    @Override
    public List<String> activeNetworkNames() {
        return router.call(Operation.CONNECT_LIST_NETWORKS, DriverOperations.NetworkListing.class,
                DriverOperations.NetworkListing::activeNetworkNames);
    }

    @Override
    public int activeNetworkCount() {
        return router.call(Operation.CONNECT_NUM_OF_NETWORKS, DriverOperations.NetworkListing.class,
                DriverOperations.NetworkListing::activeNetworkCount);
    }

    @Override
    public List<String> definedNetworkNames() {
        return router.call(Operation.CONNECT_LIST_DEFINED_NETWORKS, DriverOperations.NetworkListing.class,
                DriverOperations.NetworkListing::definedNetworkNames);
    }

    @Override
    public int definedNetworkCount() {
        return router.call(Operation.CONNECT_NUM_OF_DEFINED_NETWORKS, DriverOperations.NetworkListing.class,
                DriverOperations.NetworkListing::definedNetworkCount);
    }

    @Override
    public List<Network> listAllNetworks() {
        List<NetworkRef> refs = router.call(Operation.CONNECT_LIST_ALL_NETWORKS, DriverOperations.NetworkListing.class,
                DriverOperations.NetworkListing::listAllNetworks);
        List<Network> networks = new ArrayList<>(refs.size());
        for (NetworkRef ref : refs) {
            networks.add(new NetworkHandle(this, ref));
        }
        return networks;
    }

    @Override
    public Network networkByName(String name) {
        requireArg(name, "name", "virNetworkLookupByName");
        return new NetworkHandle(this, router.call(Operation.NETWORK_LOOKUP_BY_NAME,
                DriverOperations.NetworkLookup.class, d -> d.networkByName(name)));
    }

    @Override
    public Network networkByUuid(UUID uuid) {
        requireArg(uuid, "uuid", "virNetworkLookupByUUID");
        return new NetworkHandle(this, router.call(Operation.NETWORK_LOOKUP_BY_UUID,
                DriverOperations.NetworkLookup.class, d -> d.networkByUuid(uuid)));
    }

    @Override
    public Network networkByUuidString(String uuid) {
        router.check(Operation.NETWORK_LOOKUP_BY_UUID);
        return networkByUuid(Uuids.parse(uuid, "virNetworkLookupByUUIDString"));
    }

    @Override
    public Network createNetwork(String xml, DefineFlag... flags) {
        router.check(Operation.NETWORK_CREATE_XML);
        NetworkDefinition def = parseNetwork(xml, "virNetworkCreateXMLFlags", flags);
        return new NetworkHandle(this, router.call(Operation.NETWORK_CREATE_XML,
                DriverOperations.NetworkLifecycle.class, d -> d.createNetwork(def)));
    }

    @Override
    public Network defineNetwork(String xml, DefineFlag... flags) {
        router.check(Operation.NETWORK_DEFINE_XML);
        NetworkDefinition def = parseNetwork(xml, "virNetworkDefineXMLFlags", flags);
        return new NetworkHandle(this, router.call(Operation.NETWORK_DEFINE_XML,
                DriverOperations.NetworkLifecycle.class, d -> d.defineNetwork(def)));
    }

    @Override
    public boolean supports(Operation operation) {
        return operation != null && router.supports(operation);
    }

    @Override
    public boolean isReadOnly() {
        return router.isReadOnly();
    }

    @Override
    public boolean isAlive() {
        return !router.isClosed();
    }

    @Override
    public Subscription onDomainEvent(DomainEventListener listener) {
        requireArg(listener, "cb", "virConnectDomainEventRegisterAny");
        router.check(Operation.CONNECT_DOMAIN_EVENT_REGISTER);
        return events.subscribe(null, listener);
    }

    /** Subscribes to one domain's events; the {@link DomainHandle}'s way in. */
    Subscription onDomainEvent(UUID uuid, DomainEventListener listener) {
        requireArg(listener, "cb", "virConnectDomainEventRegisterAny");
        router.check(Operation.CONNECT_DOMAIN_EVENT_REGISTER);
        return events.subscribe(uuid, listener);
    }

    @Override
    public Subscription onClose(CloseListener listener) {
        requireArg(listener, "cb", "virConnectRegisterCloseCallback");
        if (router.isClosed()) {
            throw VirtException.of(ErrorCode.INVALID_CONN, ErrorDomain.NONE, "virConnectRegisterCloseCallback", uri);
        }
        closeListeners.add(listener);
        return () -> closeListeners.remove(listener);
    }

    @Override
    public void close() {
        if (!router.close()) {
            return;
        }
        events.close();
        for (Driver driver : router.drivers()) {
            try {
                driver.close();
            } catch (RuntimeException e) {
                log().log(System.Logger.Level.WARNING, "driver " + driver.name() + " failed to close " + uri, e);
            }
        }
        for (CloseListener listener : closeListeners) {
            try {
                listener.onClose(this, CloseReason.CLIENT);
            } catch (RuntimeException e) {
                log().log(System.Logger.Level.WARNING, "close listener failed for " + uri, e);
            }
        }
        closeListeners.clear();
    }

    /** The handle for a driver's reference to a domain of this connection. */
    public Domain handleFor(DomainRef ref) {
        return new DomainHandle(this, ref);
    }

    @Override
    public String toString() {
        return "Connection[" + uri + (isReadOnly() ? ", read-only" : "") + (isAlive() ? "" : ", closed") + "]";
    }

    private DomainDefinition parseDomain(String xml, String operation, DefineFlag... flags) {
        requireArg(xml, "xml", operation);
        DomainDefinition def = DomainXml.parse(xml);
        if (has(flags, DefineFlag.VALIDATE)) {
            SchemaValidator.validate("domain.rng", xml, def.name());
        }
        return def;
    }

    private NetworkDefinition parseNetwork(String xml, String operation, DefineFlag... flags) {
        requireArg(xml, "xml", operation);
        if (has(requireArg(flags, "flags", operation), DefineFlag.START_PAUSED)) {
            throw invalidArg("START_PAUSED in " + operation + ": networks are not paused", ErrorDomain.NETWORK);
        }
        NetworkDefinition def = NetworkXml.parse(xml);
        if (has(flags, DefineFlag.VALIDATE)) {
            SchemaValidator.validate("network.rng", xml, def.name());
        }
        return def;
    }

    private static boolean has(DefineFlag[] flags, DefineFlag flag) {
        for (DefineFlag f : flags) {
            if (f == flag) {
                return true;
            }
        }
        return false;
    }

    static <T> T requireArg(T value, String name, String operation) {
        if (value == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    name + " in " + operation + " must not be NULL", null);
        }
        return value;
    }

    static VirtException invalidArg(String detail, ErrorDomain domain) {
        return VirtException.of(ErrorCode.INVALID_ARG, domain, detail, null);
    }

    /**
     * The flags of a save or restore, checked as libvirt's public API checks them: RUNNING and PAUSED
     * exclude each other (INVALID_ARG, in libvirt's words, which carry no prefix).
     */
    static Set<SaveFlag> saveFlags(SaveFlag[] flags, String operation) {
        Set<SaveFlag> set = flagSet(SaveFlag.class, flags, operation);
        if (set.containsAll(EnumSet.allOf(SaveFlag.class))) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
        }
        return set;
    }

    /** A call's flags as the unmodifiable set the SPI takes; INVALID_ARG for a null array or flag. */
    static <F extends Enum<F>> Set<F> flagSet(Class<F> type, F[] flags, String operation) {
        Set<F> set = EnumSet.noneOf(type);
        for (F flag : requireArg(flags, "flags", operation)) {
            set.add(requireArg(flag, "flags", operation));
        }
        return Collections.unmodifiableSet(set);
    }
}
