package org.jvirt.tck;

import static org.jvirt.api.Operation.CONNECT_GET_TYPE;
import static org.jvirt.api.Operation.CONNECT_LIST_ALL_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_LIST_ALL_NETWORKS;
import static org.jvirt.api.Operation.CONNECT_LIST_DEFINED_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_LIST_DEFINED_NETWORKS;
import static org.jvirt.api.Operation.CONNECT_LIST_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_LIST_NETWORKS;
import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DESTROY;
import static org.jvirt.api.Operation.DOMAIN_GET_INFO;
import static org.jvirt.api.Operation.DOMAIN_GET_STATE;
import static org.jvirt.api.Operation.DOMAIN_IS_ACTIVE;
import static org.jvirt.api.Operation.DOMAIN_IS_PERSISTENT;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_ID;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_NAME;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_UUID;
import static org.jvirt.api.Operation.DOMAIN_UNDEFINE;
import static org.jvirt.api.Operation.NETWORK_CREATE_XML;
import static org.jvirt.api.Operation.NETWORK_DEFINE_XML;
import static org.jvirt.api.Operation.NETWORK_DESTROY;
import static org.jvirt.api.Operation.NETWORK_IS_ACTIVE;
import static org.jvirt.api.Operation.NETWORK_IS_PERSISTENT;
import static org.jvirt.api.Operation.NETWORK_LOOKUP_BY_NAME;
import static org.jvirt.api.Operation.NETWORK_LOOKUP_BY_UUID;
import static org.jvirt.api.Operation.NETWORK_UNDEFINE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;

/**
 * One test's dealings with the driver: its connections, the domains and networks it made (all
 * removed again by {@link #close()}), what it records for the report, and the fixtures and
 * observations tests share. Thread-safe where tests use it from worker threads (connections,
 * tracking, recording).
 */
final class TckSession implements AutoCloseable {
    /** Distinguishes this JVM's objects from another run's on a shared host. */
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Bytes of the image file the devices suite attaches. */
    static final int IMAGE_SIZE = 8192;

    final TckTarget target;
    final TestRecord record;
    private final TckReport report;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final Map<UUID, Domain> domains = new ConcurrentHashMap<>();
    private final Map<UUID, Network> networks = new ConcurrentHashMap<>();
    private volatile Connection conn;
    private Path tempDir;

    TckSession(TckTarget target, TestRecord record, TckReport report) {
        this.target = target;
        this.record = record;
        this.report = report;
        record.throughDaemon(target.throughDaemon());
    }

    // ---- connections --------------------------------------------------------------------------

    /** The test's read-write connection, opened on first use. */
    synchronized Connection conn() {
        if (conn == null) {
            conn = openReadWrite();
            Set<Operation> declared = EnumSet.noneOf(Operation.class);
            for (Operation op : Operation.values()) {
                if (conn.supports(op)) {
                    declared.add(op);
                }
            }
            String type = "";
            if (declared.contains(CONNECT_GET_TYPE)) {
                try {
                    type = " (hypervisor " + conn.type() + ")";
                } catch (RuntimeException e) {
                    type = " (virConnectGetType failed: " + e + ")";
                }
            }
            report.target(target.description() + type + ", connection " + conn.uri(), declared);
        }
        return conn;
    }

    /** Another read-write connection (to the same node, if the driver shares nodes); closed by {@link #close()}. */
    Connection openReadWrite() {
        Connection c = target.open(false);
        opened.add(c);
        return c;
    }

    /** A read-only connection; closed by {@link #close()}. */
    Connection openReadOnly() {
        Connection c = target.open(true);
        opened.add(c);
        return c;
    }

    boolean declares(Operation op) {
        return conn().supports(op);
    }

    boolean declaresAll(Operation... ops) {
        for (Operation op : ops) {
            if (!declares(op)) {
                return false;
            }
        }
        return true;
    }

    /** Not applicable unless every one of {@code ops} is declared. */
    void require(String purpose, Operation... ops) {
        List<Operation> missing = Stream.of(ops).filter(op -> !declares(op)).toList();
        if (!missing.isEmpty()) {
            throw new NotApplicable(purpose + " needs " + TckReport.names(EnumSet.copyOf(missing))
                    + ", which the driver does not declare");
        }
    }

    // ---- recording ----------------------------------------------------------------------------

    void contract(Operation... ops) {
        record.contract(ops);
    }

    void note(String text) {
        record.note(text);
    }

    /**
     * The "both directions" rule for one operation on a domain: when {@code op} is declared,
     * returns true and the caller checks its contract; otherwise checks that {@code call} fails
     * with NO_SUPPORT naming it (on any domain handle the kit can get) and returns false.
     */
    boolean declaredElseNoSupport(Operation op, DomainCall call) {
        if (declares(op)) {
            return true;
        }
        Domain d = handleForNoSupport(op, () -> anyDomainHandle(""));
        Expect.noSupport(op, () -> call.call(d));
        record.noSupport(op);
        return false;
    }

    /** As {@link #declaredElseNoSupport} for an operation of the connection. */
    boolean declaredElseNoSupportOnConnection(Operation op, ConnectionCall call) {
        if (declares(op)) {
            return true;
        }
        Expect.noSupport(op, () -> call.call(conn()));
        record.noSupport(op);
        return false;
    }

    /** As {@link #declaredElseNoSupport} for an operation of a network. */
    boolean declaredElseNoSupportOnNetwork(Operation op, NetworkCall call) {
        if (declares(op)) {
            return true;
        }
        Network n = handleForNoSupport(op, () -> anyNetworkHandle(""));
        Expect.noSupport(op, () -> call.call(n));
        record.noSupport(op);
        return false;
    }

    /**
     * A handle to call undeclared {@code op} on; when there is none, records why the operation's
     * NO_SUPPORT could not be checked and ends the test as not applicable.
     */
    <T> T handleForNoSupport(Operation op, java.util.function.Supplier<T> handle) {
        try {
            return handle.get();
        } catch (NotApplicable e) {
            record.unchecked(op, e.getMessage());
            throw new NotApplicable("NO_SUPPORT of " + op.libvirtName() + " cannot be checked: " + e.getMessage());
        }
    }

    /** Applies {@link #declaredElseNoSupport} to each; true when all are declared. */
    boolean allDeclaredElseNoSupport(Map<Operation, DomainCall> calls) {
        boolean all = true;
        for (Map.Entry<Operation, DomainCall> e : calls.entrySet()) {
            all &= declaredElseNoSupport(e.getKey(), e.getValue());
        }
        return all;
    }

    @FunctionalInterface
    interface DomainCall {
        void call(Domain domain) throws Exception;
    }

    @FunctionalInterface
    interface ConnectionCall {
        void call(Connection connection) throws Exception;
    }

    @FunctionalInterface
    interface NetworkCall {
        void call(Network network) throws Exception;
    }

    // ---- names and documents ------------------------------------------------------------------

    /** A fresh name for a kit object: {@code tck-<run>-<n>}. */
    static String newName() {
        return "tck-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    String domainXml(String name, UUID uuid) {
        return target.domainXml(name, uuid);
    }

    String fullDomainXml(String name, UUID uuid) {
        return target.fullDomainXml(name, uuid);
    }

    String networkXml(String name, UUID uuid) {
        int n = COUNTER.incrementAndGet();
        return target.networkXml(name, uuid, "tckbr" + Integer.toString(n % 46656, 36), 1 + n % 250);
    }

    /** A directory for files of this test, deleted by {@link #close()}. */
    synchronized Path tempDir() {
        if (tempDir == null) {
            try {
                tempDir = Files.createTempDirectory("jvirt-tck-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tempDir;
    }

    /** A raw image of {@link #IMAGE_SIZE} bytes, byte i being {@code i % 251}. */
    Path image() {
        byte[] bytes = new byte[IMAGE_SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        try {
            return Files.write(tempDir().resolve(newName() + ".img"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- domain fixtures ----------------------------------------------------------------------

    /** Registers a domain the kit made, to be removed at the end of the test. */
    Domain track(Domain d) {
        domains.put(d.uuid(), d);
        return d;
    }

    Network track(Network n) {
        networks.put(n.uuid(), n);
        return n;
    }

    /** A new persistent, inactive domain. */
    Domain definedDomain() {
        require("a persistent domain", DOMAIN_DEFINE_XML);
        String name = newName();
        String xml = domainXml(name, UUID.randomUUID());
        return track(Expect.ok(DOMAIN_DEFINE_XML, () -> conn().defineDomain(xml)));
    }

    /** A new running domain: defined and started when the driver can, else created. */
    Domain runningDomain() {
        if (declaresAll(DOMAIN_DEFINE_XML, DOMAIN_CREATE)) {
            return runningPersistentDomain();
        }
        if (declares(DOMAIN_CREATE_XML)) {
            return transientDomain();
        }
        throw new NotApplicable("a running domain needs virDomainDefineXML with virDomainCreate, or virDomainCreateXML,"
                + " which the driver does not declare");
    }

    /** A new running persistent domain. */
    Domain runningPersistentDomain() {
        require("a running persistent domain", DOMAIN_DEFINE_XML, DOMAIN_CREATE);
        Domain d = definedDomain();
        Expect.ok(DOMAIN_CREATE, () -> d.start());
        return d;
    }

    /** A new running transient domain. */
    Domain transientDomain() {
        require("a transient domain", DOMAIN_CREATE_XML);
        String xml = domainXml(newName(), UUID.randomUUID());
        return track(Expect.ok(DOMAIN_CREATE_XML, () -> conn().createDomain(xml)));
    }

    /**
     * Some domain handle, only to call undeclared operations on (which never reach the driver):
     * one the kit makes if it can, else an existing one.
     */
    Domain anyDomainHandle(String purpose) {
        if (declares(DOMAIN_DEFINE_XML)) {
            return definedDomain();
        }
        if (declares(DOMAIN_CREATE_XML)) {
            return transientDomain();
        }
        Connection c = conn();
        if (declares(CONNECT_LIST_ALL_DOMAINS)) {
            List<Domain> all = c.listAllDomains();
            if (!all.isEmpty()) {
                return all.get(0);
            }
        }
        if (declaresAll(CONNECT_LIST_DOMAINS, DOMAIN_LOOKUP_BY_ID)) {
            int[] ids = c.activeDomainIds();
            if (ids.length > 0) {
                return c.domainById(ids[0]);
            }
        }
        if (declaresAll(CONNECT_LIST_DEFINED_DOMAINS, DOMAIN_LOOKUP_BY_NAME)) {
            List<String> names = c.definedDomainNames();
            if (!names.isEmpty()) {
                return c.domainByName(names.get(0));
            }
        }
        throw new NotApplicable((purpose.isEmpty() ? "" : purpose + ": ") + "no domain handle, as the driver neither"
                + " makes domains (virDomainDefineXML, virDomainCreateXML) nor lists them");
    }

    // ---- network fixtures ---------------------------------------------------------------------

    /** A new persistent, inactive network. */
    Network definedNetwork() {
        require("a persistent network", NETWORK_DEFINE_XML);
        String xml = networkXml(newName(), UUID.randomUUID());
        return track(Expect.ok(NETWORK_DEFINE_XML, () -> conn().defineNetwork(xml)));
    }

    /** A new active transient network. */
    Network transientNetwork() {
        require("a transient network", NETWORK_CREATE_XML);
        String xml = networkXml(newName(), UUID.randomUUID());
        return track(Expect.ok(NETWORK_CREATE_XML, () -> conn().createNetwork(xml)));
    }

    /** Some network handle, only to call undeclared operations on. */
    Network anyNetworkHandle(String purpose) {
        if (declares(NETWORK_DEFINE_XML)) {
            return definedNetwork();
        }
        if (declares(NETWORK_CREATE_XML)) {
            return transientNetwork();
        }
        Connection c = conn();
        if (declares(CONNECT_LIST_ALL_NETWORKS)) {
            List<Network> all = c.listAllNetworks();
            if (!all.isEmpty()) {
                return all.get(0);
            }
        }
        if (declares(NETWORK_LOOKUP_BY_NAME)) {
            List<String> names = new ArrayList<>();
            if (declares(CONNECT_LIST_NETWORKS)) {
                names.addAll(c.activeNetworkNames());
            }
            if (declares(CONNECT_LIST_DEFINED_NETWORKS)) {
                names.addAll(c.definedNetworkNames());
            }
            if (!names.isEmpty()) {
                return c.networkByName(names.get(0));
            }
        }
        throw new NotApplicable((purpose.isEmpty() ? "" : purpose + ": ") + "no network handle, as the driver neither"
                + " makes networks (virNetworkDefineXML, virNetworkCreateXML) nor lists them");
    }

    // ---- observing domains --------------------------------------------------------------------

    /** Not applicable when the driver offers no way to see a domain's state. */
    void requireStateObservable() {
        if (!declares(DOMAIN_GET_STATE) && !declares(DOMAIN_GET_INFO)) {
            throw new NotApplicable("observing a domain's state needs virDomainGetState or virDomainGetInfo,"
                    + " which the driver does not declare");
        }
    }

    /** The domain's state, through virDomainGetState or else virDomainGetInfo. */
    DomainState state(Domain d) {
        requireStateObservable();
        if (declares(DOMAIN_GET_STATE)) {
            return Expect.ok(DOMAIN_GET_STATE, d::state).state();
        }
        return Expect.ok(DOMAIN_GET_INFO, d::info).state();
    }

    /**
     * Asserts the domain is in {@code expected}, with reason {@code reason} or the state's
     * "unknown" reason (libvirt's drivers may not know why); every state reading API that is
     * declared must agree.
     */
    void assertState(Domain d, DomainState expected, DomainStateReason reason) {
        Operation blamed = TestRecord.LAST.get();
        try {
            checkState(d, expected, reason);
            TestRecord.LAST.set(blamed); // reading the state is not what a later failure should be blamed on
        } catch (AssertionError e) {
            if (blamed != null) {
                TestRecord.violatedOnThisThread(blamed);
            }
            throw blamed == null ? e : new AssertionError("after " + blamed.libvirtName() + ": " + e.getMessage(), e);
        }
    }

    private void checkState(Domain d, DomainState expected, DomainStateReason reason) {
        requireStateObservable();
        if (declares(DOMAIN_GET_STATE)) {
            DomainStateReason actual = Expect.ok(DOMAIN_GET_STATE, d::state);
            Expect.check(actual.state() == expected, "virDomainGetState of %s: expected %s, got %s",
                    d.name(), expected, actual);
            DomainStateReason unknown = DomainStateReason.of(expected, 0);
            Expect.check(reason == null || actual == reason || actual == unknown,
                    "virDomainGetState of %s: expected reason %s (or %s), got %s", d.name(), reason, unknown, actual);
        }
        if (declares(DOMAIN_GET_INFO)) {
            DomainState fromInfo = Expect.ok(DOMAIN_GET_INFO, d::info).state();
            Expect.check(fromInfo == expected, "virDomainGetInfo of %s: expected state %s, got %s",
                    d.name(), expected, fromInfo);
        }
        if (declares(DOMAIN_IS_ACTIVE)) {
            boolean active = Expect.ok(DOMAIN_IS_ACTIVE, d::isActive);
            Expect.check(active == expected.isActive(), "virDomainIsActive of %s in state %s: expected %s, got %s",
                    d.name(), expected, expected.isActive(), active);
        }
    }

    /** Waits up to the target's state-change timeout for {@code expected}; returns whether it came. */
    boolean awaitState(Domain d, DomainState expected) {
        long deadline = System.nanoTime() + target.stateChangeTimeout().toNanos();
        while (true) {
            if (state(d) == expected) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    boolean isPersistent(Domain d) {
        return Expect.ok(DOMAIN_IS_PERSISTENT, d::isPersistent);
    }

    /**
     * Asserts the domain no longer exists: lookups fail with NO_DOMAIN, and so do calls on its
     * handle. Uses whichever of those the driver declares; not applicable when none is.
     */
    void assertGone(Domain d) {
        boolean checked = false;
        if (declares(DOMAIN_LOOKUP_BY_UUID)) {
            Expect.fails(DOMAIN_LOOKUP_BY_UUID, ErrorCode.NO_DOMAIN, "the domain no longer exists",
                    () -> conn().domainByUuid(d.uuid()));
            checked = true;
        }
        if (declares(DOMAIN_LOOKUP_BY_NAME)) {
            Expect.fails(DOMAIN_LOOKUP_BY_NAME, ErrorCode.NO_DOMAIN, "the domain no longer exists",
                    () -> conn().domainByName(d.name()));
            checked = true;
        }
        if (declares(DOMAIN_GET_INFO)) {
            Expect.fails(DOMAIN_GET_INFO, ErrorCode.NO_DOMAIN, "the domain no longer exists", d::info);
            checked = true;
        }
        if (declares(DOMAIN_GET_STATE)) {
            Expect.fails(DOMAIN_GET_STATE, ErrorCode.NO_DOMAIN, "the domain no longer exists", d::state);
            checked = true;
        }
        if (!checked) {
            throw new NotApplicable("seeing that a domain is gone needs a lookup, virDomainGetInfo or"
                    + " virDomainGetState, which the driver does not declare");
        }
    }

    /**
     * How many domains the node has, as virConnectListAllDomains or the two counts say; -1 when
     * the driver declares no way to tell.
     */
    int domainCount() {
        Connection c = conn();
        if (declares(CONNECT_LIST_ALL_DOMAINS)) {
            return c.listAllDomains().size();
        }
        if (declaresAll(Operation.CONNECT_NUM_OF_DOMAINS, Operation.CONNECT_NUM_OF_DEFINED_DOMAINS)) {
            return c.activeDomainCount() + c.definedDomainCount();
        }
        return -1;
    }

    static void sleep(Duration how) {
        try {
            Thread.sleep(how.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ---- clean-up -----------------------------------------------------------------------------

    /** Removes what the kit made (as far as the driver lets it), closes connections, deletes files. */
    @Override
    public void close() {
        Connection c = conn;
        if (c != null && c.isAlive()) {
            for (Domain d : domains.values()) {
                removeQuietly(c, d);
            }
            for (Network n : networks.values()) {
                removeQuietly(c, n);
            }
        }
        for (Connection o : opened) {
            o.close();
        }
        if (tempDir != null) {
            try (Stream<Path> files = Files.walk(tempDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // Temporary files only; nothing to do.
            }
        }
    }

    private void removeQuietly(Connection c, Domain d) {
        try {
            Domain fresh = c.supports(DOMAIN_LOOKUP_BY_UUID) ? c.domainByUuid(d.uuid()) : d;
            if (c.supports(DOMAIN_DESTROY) && (!c.supports(DOMAIN_IS_ACTIVE) || fresh.isActive())) {
                quietly(() -> fresh.destroy());
            }
            if (c.supports(DOMAIN_UNDEFINE)) {
                quietly(() -> fresh.undefine());
            }
        } catch (RuntimeException e) {
            // Gone already, or the driver cannot remove it; a fresh node does not care.
        }
    }

    private void removeQuietly(Connection c, Network n) {
        try {
            Network fresh = c.supports(NETWORK_LOOKUP_BY_UUID) ? c.networkByUuid(n.uuid()) : n;
            if (c.supports(NETWORK_DESTROY) && (!c.supports(NETWORK_IS_ACTIVE) || fresh.isActive())) {
                quietly(() -> fresh.destroy());
            }
            if (c.supports(NETWORK_UNDEFINE) && (!c.supports(NETWORK_IS_PERSISTENT) || fresh.isPersistent())) {
                quietly(() -> fresh.undefine());
            }
        } catch (RuntimeException e) {
            // As above.
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // Clean-up is best effort.
        }
    }

    /** Lookup error codes a vanished object may give while other threads remove it. */
    static boolean vanished(VirtException e) {
        return e.code() == ErrorCode.NO_DOMAIN || e.code() == ErrorCode.NO_NETWORK;
    }
}
