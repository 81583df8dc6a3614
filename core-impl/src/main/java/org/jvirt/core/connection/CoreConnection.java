package org.jvirt.core.connection;

import static org.jvirt.spi.DriverOperations.CONNECT_DOMAIN_EVENT_REGISTER;
import static org.jvirt.spi.DriverOperations.CONNECT_DOMAIN_XML_FROM_NATIVE;
import static org.jvirt.spi.DriverOperations.CONNECT_DOMAIN_XML_TO_NATIVE;
import static org.jvirt.spi.DriverOperations.CONNECT_GET_CAPABILITIES;
import static org.jvirt.spi.DriverOperations.CONNECT_GET_HOSTNAME;
import static org.jvirt.spi.DriverOperations.CONNECT_GET_MAX_VCPUS;
import static org.jvirt.spi.DriverOperations.CONNECT_GET_SYSINFO;
import static org.jvirt.spi.DriverOperations.CONNECT_GET_TYPE;
import static org.jvirt.spi.DriverOperations.CONNECT_GET_VERSION;
import static org.jvirt.spi.DriverOperations.CONNECT_SET_KEEPALIVE;
import static org.jvirt.spi.DriverOperations.DOMAIN_CREATE_XML;
import static org.jvirt.spi.DriverOperations.DOMAIN_DEFINE_XML;
import static org.jvirt.spi.DriverOperations.DOMAIN_LOOKUP_BY_ID;
import static org.jvirt.spi.DriverOperations.DOMAIN_LOOKUP_BY_NAME;
import static org.jvirt.spi.DriverOperations.DOMAIN_LOOKUP_BY_UUID;
import static org.jvirt.spi.DriverOperations.DOMAIN_RESTORE;
import static org.jvirt.spi.DriverOperations.NETWORK_CREATE_XML;
import static org.jvirt.spi.DriverOperations.NETWORK_DEFINE_XML;
import static org.jvirt.spi.DriverOperations.NETWORK_LOOKUP_BY_NAME;
import static org.jvirt.spi.DriverOperations.NETWORK_LOOKUP_BY_UUID;
import static org.jvirt.spi.DriverOperations.NODE_GET_CELLS_FREE_MEMORY;
import static org.jvirt.spi.DriverOperations.NODE_GET_CPU_MAP;
import static org.jvirt.spi.DriverOperations.NODE_GET_FREE_MEMORY;
import static org.jvirt.spi.DriverOperations.NODE_GET_INFO;
import static org.jvirt.spi.DriverOperations.NODE_GET_MEMORY_STATS;
import static org.jvirt.spi.DriverOperations.NODE_GET_SECURITY_MODEL;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.jvirt.api.Flag;
import org.jvirt.api.Network;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.Operation;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.Subscription;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.core.events.EventHub;
import org.jvirt.core.routing.Router;
import org.jvirt.core.schema.SchemaValidator;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.model.NetworkXml;
import org.jvirt.model.PostParse;
import org.jvirt.spi.DeclinedException;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.FlaggedBinding;
import org.jvirt.spi.ForwardsDocuments;
import org.jvirt.spi.NetworkRef;
import org.jvirt.spi.OperationBinding;

/**
 * The core's {@link Connection}: checks arguments and flags, parses and validates XML once, and
 * hands every call to the {@link Router}; listings the composition gathers are merged by
 * {@link Listings}. Thread-safe.
 */
public final class CoreConnection implements Connection {
    /** Looked up when first needed: starting the logging system costs a short-lived process ~8 ms. */
    private static System.Logger log() {
        return System.getLogger(CoreConnection.class.getName());
    }
    /** jvirt's version, encoded as libvirt encodes versions (1.0.0). */
    static final long JVIRT_VERSION = 1_000_000;

    private final String uri;
    /** The gate every call passes; the handles of this connection use it too. */
    final Router router;
    private final EventHub events;
    private final Listings listings;
    private final List<CloseListener> closeListeners = new CopyOnWriteArrayList<>();
    /** Set when a driver reported that what serves the connection went away. */
    private volatile boolean lost;

    /**
     * @param uri the canonical URI
     * @param router the gate over the drivers that accepted
     * @param events the connection's event hub (the drivers' sinks)
     */
    public CoreConnection(String uri, Router router, EventHub events) {
        this.uri = uri;
        this.router = router;
        this.events = events;
        this.listings = new Listings(this, router);
        events.onConnectionLost(this::lost);
    }

    @Override
    public String type() {
        return router.call(CONNECT_GET_TYPE, d -> d.hypervisorType());
    }

    @Override
    public long version() {
        return router.call(CONNECT_GET_VERSION, d -> d.hypervisorVersion());
    }

    @Override
    public boolean setKeepAlive(int interval, int count) {
        router.check(CONNECT_SET_KEEPALIVE.operation());
        if (count < 0) {
            throw invalidArg("count " + count + " in virConnectSetKeepAlive must not be negative", ErrorDomain.NONE);
        }
        return router.call(CONNECT_SET_KEEPALIVE, d -> d.setKeepAlive(interval, count));
    }

    @Override
    public long libraryVersion() {
        return JVIRT_VERSION;
    }

    @Override
    public String hostname() {
        return router.call(CONNECT_GET_HOSTNAME, d -> d.hostname());
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public int maxVcpus(String type) {
        return router.call(CONNECT_GET_MAX_VCPUS, d -> d.maxVcpus(type));
    }

    @Override
    public NodeInfo nodeInfo() {
        return router.call(NODE_GET_INFO, d -> d.nodeInfo());
    }

    @Override
    public String capabilities() {
        return router.call(CONNECT_GET_CAPABILITIES, d -> d.capabilities());
    }

    @Override
    public long freeMemory() {
        return router.call(NODE_GET_FREE_MEMORY, d -> d.freeMemory());
    }

    @Override
    public long[] cellsFreeMemory(int startCell, int maxCells) {
        if (startCell < 0 || maxCells <= 0) {
            throw invalidArg("cell range start " + startCell + ", count " + maxCells
                    + " in virNodeGetCellsFreeMemory", ErrorDomain.NONE);
        }
        return router.call(NODE_GET_CELLS_FREE_MEMORY, d -> d.cellsFreeMemory(startCell, maxCells));
    }

    @Override
    public String sysinfo() {
        return router.call(CONNECT_GET_SYSINFO, d -> d.sysinfo());
    }

    @Override
    public List<TypedParameter> nodeMemoryStats(int cell) {
        if (cell < -1) {
            throw invalidArg("cell " + cell + " in virNodeGetMemoryStats (a cell, or -1 for the whole node)",
                    ErrorDomain.NONE);
        }
        return router.call(NODE_GET_MEMORY_STATS, d -> List.copyOf(d.nodeMemoryStats(cell)));
    }

    @Override
    public NodeCpuMap nodeCpuMap() {
        return router.call(NODE_GET_CPU_MAP, d -> d.nodeCpuMap());
    }

    @Override
    public NodeSecurityModel securityModel() {
        return router.call(NODE_GET_SECURITY_MODEL, d -> d.securityModel());
    }

    @Override
    public String domainXmlFromNative(String format, String nativeConfig) {
        requireArg(format, "nativeFormat", "virConnectDomainXMLFromNative");
        requireArg(nativeConfig, "nativeConfig", "virConnectDomainXMLFromNative");
        Set<String> known = new TreeSet<>();
        router.serving(CONNECT_DOMAIN_XML_FROM_NATIVE).forEach(d -> known.addAll(d.fromNativeFormats()));
        if (!known.contains(format)) {
            throw unsupportedFormat(format, known);
        }
        DomainDefinition def = router.call(CONNECT_DOMAIN_XML_FROM_NATIVE, d -> {
            if (!d.fromNativeFormats().contains(format)) {
                throw new DeclinedException(unsupportedFormat(format, known));
            }
            return PostParse.apply(d.domainXmlFromNative(format, nativeConfig), ((Driver) d).domainRules());
        });
        return DomainXml.format(def, -1, false);
    }

    @Override
    public String domainXmlToNative(String format, String domainXml) {
        requireArg(format, "nativeFormat", "virConnectDomainXMLToNative");
        Set<String> known = new TreeSet<>();
        router.serving(CONNECT_DOMAIN_XML_TO_NATIVE).forEach(d -> known.addAll(d.toNativeFormats()));
        if (!known.contains(format)) {
            throw unsupportedFormat(format, known);
        }
        requireArg(domainXml, "domainXml", "virConnectDomainXMLToNative");
        DomainDefinition def = forwardsDocuments(CONNECT_DOMAIN_XML_TO_NATIVE) ? null : DomainXml.parse(domainXml);
        return router.call(CONNECT_DOMAIN_XML_TO_NATIVE, d -> {
            if (!d.toNativeFormats().contains(format)) {
                throw new DeclinedException(unsupportedFormat(format, known));
            }
            return def == null ? ((ForwardsDocuments) d).domainXmlToNativeXml(format, domainXml)
                    : d.domainXmlToNative(format, postParsed(def, d));
        });
    }

    private static VirtException unsupportedFormat(String format, Set<String> known) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "unsupported config type " + format
                + " (this connection converts: " + String.join(", ", known) + ")", format);
    }

    @Override
    public int[] activeDomainIds() {
        return listings.activeDomainIds();
    }

    @Override
    public int activeDomainCount() {
        return listings.activeDomainCount();
    }

    @Override
    public List<String> definedDomainNames() {
        return listings.definedDomainNames();
    }

    @Override
    public int definedDomainCount() {
        return listings.definedDomainCount();
    }

    @Override
    public List<Domain> listAllDomains(DomainListFilter... filters) {
        return listings.allDomains(flagSet(DomainListFilter.class, filters, "virConnectListAllDomains"));
    }

    @Override
    public Domain createDomain(String xml, StartFlag... flags) {
        router.check(DOMAIN_CREATE_XML.operation());
        Set<StartFlag> chosen = flagSet(StartFlag.class, flags, "virDomainCreateXML");
        if (forwardsDocuments(DOMAIN_CREATE_XML)) {
            requireArg(xml, "xml", "virDomainCreateXML");
            // the router checks the flags drivers see; the far side gets every one, VALIDATE included
            return handle(router.route(DOMAIN_CREATE_XML, null, forDrivers(DOMAIN_CREATE_XML, chosen),
                    (d, f) -> ((ForwardsDocuments) d).createDomainXml(xml, chosen)));
        }
        DomainDefinition def = parseDomain(xml, "virDomainCreateXML", chosen.contains(StartFlag.VALIDATE));
        return handle(router.route(DOMAIN_CREATE_XML, null, forDrivers(DOMAIN_CREATE_XML, chosen),
                (d, f) -> d.createDomain(postParsed(def, d), f)));
    }

    @Override
    public Domain defineDomain(String xml, DefineFlag... flags) {
        router.check(DOMAIN_DEFINE_XML.operation());
        Set<DefineFlag> chosen = flagSet(DefineFlag.class, flags, "virDomainDefineXMLFlags");
        if (forwardsDocuments(DOMAIN_DEFINE_XML)) {
            requireArg(xml, "xml", "virDomainDefineXMLFlags");
            // the router checks the flags drivers see; the far side gets every one, VALIDATE included
            return handle(router.route(DOMAIN_DEFINE_XML, null, forDrivers(DOMAIN_DEFINE_XML, chosen),
                    (d, f) -> ((ForwardsDocuments) d).defineDomainXml(xml, chosen)));
        }
        DomainDefinition def = parseDomain(xml, "virDomainDefineXMLFlags", chosen.contains(DefineFlag.VALIDATE));
        return handle(router.route(DOMAIN_DEFINE_XML, null, forDrivers(DOMAIN_DEFINE_XML, chosen),
                (d, f) -> d.defineDomain(postParsed(def, d), f)));
    }

    @Override
    public Domain domainById(int id) {
        if (id < 0) {
            throw invalidArg("id " + id + " in virDomainLookupByID must not be negative", ErrorDomain.DOMAIN);
        }
        return handle(router.route(DOMAIN_LOOKUP_BY_ID, null, d -> d.domainById(id)));
    }

    @Override
    public Domain domainByUuid(UUID uuid) {
        requireArg(uuid, "uuid", "virDomainLookupByUUID");
        return handle(router.route(DOMAIN_LOOKUP_BY_UUID, null, d -> d.domainByUuid(uuid)));
    }

    @Override
    public Domain domainByUuidString(String uuid) {
        router.check(DOMAIN_LOOKUP_BY_UUID.operation());
        return domainByUuid(Uuids.parse(uuid, "virDomainLookupByUUIDString"));
    }

    @Override
    public Domain domainByName(String name) {
        requireArg(name, "name", "virDomainLookupByName");
        return handle(router.route(DOMAIN_LOOKUP_BY_NAME, null, d -> d.domainByName(name)));
    }

    @Override
    public Domain restore(Path file, SaveFlag... flags) {
        requireArg(file, "from", "virDomainRestore");
        Set<SaveFlag> chosen = saveFlags(flags, "virDomainRestoreFlags");
        return handle(router.route(DOMAIN_RESTORE, null, chosen, (d, f) -> d.restore(file.toAbsolutePath(), f)));
    }

    @Override
    public List<String> activeNetworkNames() {
        return listings.activeNetworkNames();
    }

    @Override
    public int activeNetworkCount() {
        return listings.activeNetworkCount();
    }

    @Override
    public List<String> definedNetworkNames() {
        return listings.definedNetworkNames();
    }

    @Override
    public int definedNetworkCount() {
        return listings.definedNetworkCount();
    }

    @Override
    public List<Network> listAllNetworks(NetworkListFilter... filters) {
        return listings.allNetworks(flagSet(NetworkListFilter.class, filters, "virConnectListAllNetworks"));
    }

    @Override
    public Network networkByName(String name) {
        requireArg(name, "name", "virNetworkLookupByName");
        return network(router.route(NETWORK_LOOKUP_BY_NAME, null, d -> d.networkByName(name)));
    }

    @Override
    public Network networkByUuid(UUID uuid) {
        requireArg(uuid, "uuid", "virNetworkLookupByUUID");
        return network(router.route(NETWORK_LOOKUP_BY_UUID, null, d -> d.networkByUuid(uuid)));
    }

    @Override
    public Network networkByUuidString(String uuid) {
        router.check(NETWORK_LOOKUP_BY_UUID.operation());
        return networkByUuid(Uuids.parse(uuid, "virNetworkLookupByUUIDString"));
    }

    @Override
    public Network createNetwork(String xml, DefineFlag... flags) {
        router.check(NETWORK_CREATE_XML.operation());
        Set<DefineFlag> chosen = flagSet(DefineFlag.class, flags, "virNetworkCreateXMLFlags");
        if (forwardsDocuments(NETWORK_CREATE_XML)) {
            requireArg(xml, "xml", "virNetworkCreateXMLFlags");
            // the router checks the flags drivers see; the far side gets every one, VALIDATE included
            return network(router.route(NETWORK_CREATE_XML, null, forDrivers(NETWORK_CREATE_XML, chosen),
                    (d, f) -> ((ForwardsDocuments) d).createNetworkXml(xml, chosen)));
        }
        NetworkDefinition def = parseNetwork(xml, "virNetworkCreateXMLFlags", chosen);
        return network(router.route(NETWORK_CREATE_XML, null, forDrivers(NETWORK_CREATE_XML, chosen),
                (d, f) -> d.createNetwork(def, f)));
    }

    @Override
    public Network defineNetwork(String xml, DefineFlag... flags) {
        router.check(NETWORK_DEFINE_XML.operation());
        Set<DefineFlag> chosen = flagSet(DefineFlag.class, flags, "virNetworkDefineXMLFlags");
        if (forwardsDocuments(NETWORK_DEFINE_XML)) {
            requireArg(xml, "xml", "virNetworkDefineXMLFlags");
            // the router checks the flags drivers see; the far side gets every one, VALIDATE included
            return network(router.route(NETWORK_DEFINE_XML, null, forDrivers(NETWORK_DEFINE_XML, chosen),
                    (d, f) -> ((ForwardsDocuments) d).defineNetworkXml(xml, chosen)));
        }
        NetworkDefinition def = parseNetwork(xml, "virNetworkDefineXMLFlags", chosen);
        return network(router.route(NETWORK_DEFINE_XML, null, forDrivers(NETWORK_DEFINE_XML, chosen),
                (d, f) -> d.defineNetwork(def, f)));
    }

    @Override
    public boolean supports(Operation operation) {
        return operation != null && router.supports(operation);
    }

    @Override
    public <F extends Enum<F> & Flag> Set<F> supportedFlags(Operation operation, Class<F> type) {
        if (operation == null || type == null) {
            throw new IllegalArgumentException("supportedFlags needs an operation and its flag type");
        }
        return router.supportedFlags(operation, type);
    }

    @Override
    public boolean isReadOnly() {
        return router.isReadOnly();
    }

    @Override
    public boolean isAlive() {
        return !router.isClosed() && !lost;
    }

    @Override
    public Subscription onDomainEvent(DomainEventListener listener) {
        requireArg(listener, "cb", "virConnectDomainEventRegisterAny");
        router.check(CONNECT_DOMAIN_EVENT_REGISTER.operation());
        return events.subscribe(null, listener);
    }

    /** Subscribes to one domain's events; the {@link DomainHandle}'s way in. */
    Subscription onDomainEvent(UUID uuid, DomainEventListener listener) {
        requireArg(listener, "cb", "virConnectDomainEventRegisterAny");
        router.check(CONNECT_DOMAIN_EVENT_REGISTER.operation());
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
        tellCloseListeners(CloseReason.CLIENT);
    }

    /** A driver lost what serves the connection (a daemon went away): told once, as libvirt's close callback. */
    private void lost(CloseReason reason) {
        lost = true;
        log().log(System.Logger.Level.WARNING, uri + " closed (" + reason + ")");
        tellCloseListeners(reason);
    }

    private synchronized void tellCloseListeners(CloseReason reason) {
        for (CloseListener listener : closeListeners) {
            try {
                listener.onClose(this, reason);
            } catch (RuntimeException e) {
                log().log(System.Logger.Level.WARNING, "close listener failed for " + uri, e);
            }
        }
        closeListeners.clear();
    }

    /** The handle of a domain reference that {@code owner} gave (an event's, a listing's). */
    public Domain handleFor(DomainRef ref, Driver owner) {
        return new DomainHandle(this, ref, owner);
    }

    /** The handle of a driver's answer. */
    Domain handle(Router.Routed<DomainRef> routed) {
        return new DomainHandle(this, routed.value(), routed.driver());
    }

    /** The handle of a driver's answer. */
    Network network(Router.Routed<NetworkRef> routed) {
        return new NetworkHandle(this, routed.value(), routed.driver());
    }

    @Override
    public String toString() {
        return "Connection[" + uri + (isReadOnly() ? ", read-only" : "") + (isAlive() ? "" : ", closed") + "]";
    }

    /** As libvirt's virDomainDefParseNode: the schema, when asked, before the document is read as a domain. */
    private DomainDefinition parseDomain(String xml, String operation, boolean validate) {
        requireArg(xml, "xml", operation);
        if (validate) {
            SchemaValidator.validate("domain.rng", xml, nameIn(xml));
        }
        return DomainXml.parse(xml);
    }

    private NetworkDefinition parseNetwork(String xml, String operation, Set<DefineFlag> flags) {
        requireArg(xml, "xml", operation);
        if (flags.contains(DefineFlag.VALIDATE)) {
            SchemaValidator.validate("network.rng", xml, nameIn(xml));
        }
        return NetworkXml.parse(xml);
    }

    /** The {@code <name>} of a well-formed document, for messages; null when it has none. */
    private static String nameIn(String xml) {
        XmlElement name = XmlReader.parse(xml).child("name");
        return name == null ? null : name.text().strip();
    }

    /**
     * {@code def} as {@code driver} receives it: completed by libvirt's post-parse and the driver's
     * rules (each driver of a composed connection with its own).
     */
    static DomainDefinition postParsed(DomainDefinition def, Object driver) {
        return PostParse.apply(def, ((Driver) driver).domainRules());
    }

    /**
     * Whether every driver serving {@code op} reads documents on the far side ({@link ForwardsDocuments}):
     * then the core hands them the document as given, unparsed, with every flag.
     */
    boolean forwardsDocuments(OperationBinding<?> op) {
        List<?> serving = router.serving(op);
        return !serving.isEmpty() && serving.stream().allMatch(ForwardsDocuments.class::isInstance);
    }

    /** {@code flags} without those the core implements itself, which drivers never see. */
    static <F extends Enum<F> & Flag> Set<F> forDrivers(FlaggedBinding<?, F> op, Set<F> flags) {
        if (Collections.disjoint(flags, op.implementedByCore())) {
            return flags;
        }
        EnumSet<F> rest = EnumSet.noneOf(op.flagType());
        rest.addAll(flags);
        rest.removeAll(op.implementedByCore());
        return Collections.unmodifiableSet(rest);
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
        exclusive(set, SaveFlag.RUNNING, SaveFlag.PAUSED, "VIR_DOMAIN_SAVE_RUNNING", "VIR_DOMAIN_SAVE_PAUSED",
                ErrorDomain.DOMAIN);
        return set;
    }

    /** libvirt's {@code VIR_EXCLUSIVE_FLAGS_RET}: INVALID_ARG when {@code flags} holds both. */
    static <F> void exclusive(Set<F> flags, F a, F b, String nameA, String nameB, ErrorDomain domain) {
        if (flags.contains(a) && flags.contains(b)) {
            throw new VirtException(ErrorCode.INVALID_ARG, domain,
                    "Flags '" + nameA + "' and '" + nameB + "' are mutually exclusive");
        }
    }

    /** A call's flags as the unmodifiable set the SPI takes; INVALID_ARG for a null array or flag. */
    static <F extends Enum<F>> Set<F> flagSet(Class<F> type, F[] flags, String operation) {
        requireArg(flags, "flags", operation);
        if (flags.length == 0) {
            return Collections.emptySet();
        }
        Set<F> set = EnumSet.noneOf(type);
        for (F flag : flags) {
            set.add(requireArg(flag, "flags", operation));
        }
        return Collections.unmodifiableSet(set);
    }
}
