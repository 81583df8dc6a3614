package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.BlockStats;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.VirtException;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkDefinition;
import org.jvirt.model.NetworkXml;
import org.jvirt.model.PostParse;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.IoErrors;
import org.jvirt.spi.NetworkListFilters;
import org.jvirt.spi.NetworkRef;

/**
 * The whole state of one test hypervisor node, with libvirt 9's test-driver semantics. Every
 * connection to the same node shares it. Thread-safe: one monitor guards all state, held only
 * for in-memory work (files are read and written outside it, except the atomic rename of a
 * save image), and events are emitted to sinks that only enqueue.
 */
final class TestNode {
    private static final String SCHEDULER = "fair";
    private static final String WEIGHT = "weight";
    private static final int PEEK_LIMIT = 65536;

    final NodeSpec spec;
    private final Map<String, TestDomain> byName = new HashMap<>();
    private final Map<UUID, TestDomain> byUuid = new HashMap<>();
    private final Map<Integer, TestDomain> byId = new HashMap<>();
    private final Map<String, TestNetwork> networks = new LinkedHashMap<>();
    private final List<DomainEventSink> sinks = new CopyOnWriteArrayList<>();
    private int nextId = 1;

    TestNode(NodeSpec spec) {
        this.spec = spec;
    }

    // ---- set-up -------------------------------------------------------------------------------

    /** Adds a domain the node starts with: running (or in {@code state}) and persistent. */
    synchronized void addInitialDomain(DomainDefinition definition, DomainStateReason state) {
        DomainDefinition def = TestDefaults.withIfnames(PostParse.apply(definition, TestRules.INSTANCE));
        checkNameAndUuidFree(def);
        TestDomain dom = new TestDomain(def, state);
        dom.persistent = def;
        if (state.state().isActive()) {
            dom.live = def;
            dom.id = nextId++;
            byId.put(dom.id, dom);
        }
        register(dom);
    }

    /** Adds a network the node starts with: active and persistent. */
    synchronized void addInitialNetwork(NetworkDefinition definition) {
        NetworkDefinition def = TestDefaults.complete(definition);
        networks.put(def.name(), new TestNetwork(def, true, true));
    }

    void addSink(DomainEventSink sink) {
        sinks.add(sink);
    }

    void removeSink(DomainEventSink sink) {
        sinks.remove(sink);
    }

    // ---- listing and lookup -------------------------------------------------------------------

    synchronized int[] activeDomainIds() {
        return byId.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    synchronized int activeDomainCount() {
        return byId.size();
    }

    synchronized List<String> definedDomainNames() {
        List<String> names = new ArrayList<>();
        for (TestDomain d : byName.values()) {
            if (!d.isActive()) {
                names.add(d.name);
            }
        }
        names.sort(null);
        return names;
    }

    synchronized int definedDomainCount() {
        return byName.size() - byId.size();
    }

    synchronized List<DomainRef> listAllDomains(Set<DomainListFilter> filters) {
        Collection<TestDomain> all = byName.values();
        List<DomainRef> refs = new ArrayList<>(all.size());
        for (TestDomain d : all) {
            if (DomainListFilters.matches(filters, d.state.state(), d.isPersistent(), d.autostart)) {
                refs.add(d.ref());
            }
        }
        return refs;
    }

    synchronized DomainRef domainById(int id) {
        TestDomain d = byId.get(id);
        if (d == null) {
            throw TestErrors.noDomain("no domain with matching id " + id, Integer.toString(id));
        }
        return d.ref();
    }

    synchronized DomainRef domainByUuid(UUID uuid) {
        TestDomain d = byUuid.get(uuid);
        if (d == null) {
            throw TestErrors.noDomain("no domain with matching uuid '" + uuid + "'", uuid.toString());
        }
        return d.ref();
    }

    synchronized DomainRef domainByName(String name) {
        TestDomain d = byName.get(name);
        if (d == null) {
            throw TestErrors.noDomain("no domain with matching name '" + name + "'", name);
        }
        return d.ref();
    }

    // ---- reading ------------------------------------------------------------------------------

    synchronized DomainInfo info(DomainRef ref) {
        TestDomain d = find(ref);
        DomainDefinition def = d.current();
        // libvirt's test driver reports wall-clock time as CPU time.
        long nowNanos = System.currentTimeMillis() * 1_000_000L;
        return new DomainInfo(d.state.state(), def.memoryKiB(), def.currentMemoryKiB(), def.currentVcpus(), nowNanos);
    }

    synchronized DomainStateReason state(DomainRef ref) {
        return find(ref).state;
    }

    synchronized int id(DomainRef ref) {
        return find(ref).id;
    }

    synchronized boolean isPersistent(DomainRef ref) {
        return find(ref).isPersistent();
    }

    String xmlDesc(DomainRef ref, boolean inactive, boolean secure) {
        DomainDefinition def;
        int id;
        synchronized (this) {
            TestDomain d = find(ref);
            boolean showPersistent = inactive && d.isPersistent() || !d.isActive();
            def = showPersistent ? d.persistent : d.live;
            id = showPersistent ? -1 : d.id;
        }
        return DomainXml.format(def, id, secure);
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /** Defines {@code def}, which the core completed with {@link TestRules}. */
    DomainRef define(DomainDefinition definition) {
        DomainDefinition def = TestDefaults.withIfnames(definition);
        DomainRef ref;
        DomainEventDetail detail;
        synchronized (this) {
            TestDomain existing = existingFor(def);
            if (existing == null) {
                TestDomain dom = new TestDomain(def, DomainStateReason.SHUTOFF_UNKNOWN);
                dom.persistent = def;
                register(dom);
                ref = dom.ref();
                detail = DomainEventDetail.DEFINED_ADDED;
            } else {
                existing.persistent = def;
                if (!existing.isActive()) {
                    existing.state = DomainStateReason.SHUTOFF_UNKNOWN;
                }
                ref = existing.ref();
                detail = DomainEventDetail.DEFINED_UPDATED;
            }
            emit(ref, detail);
        }
        return ref;
    }

    /** Creates {@code def}, which the core completed with {@link TestRules}. */
    synchronized DomainRef createTransient(DomainDefinition definition, boolean paused) {
        DomainDefinition def = TestDefaults.withIfnames(definition);
        TestDomain dom = existingFor(def);
        if (dom != null && dom.isActive()) {
            throw TestErrors.operationInvalid("domain '" + dom.name + "' is already active", dom.name);
        }
        if (dom == null) {
            dom = new TestDomain(def, DomainStateReason.SHUTOFF_UNKNOWN);
            register(dom);
        }
        startLocked(dom, def, DomainStateReason.RUNNING_BOOTED, DomainEventDetail.STARTED_BOOTED);
        if (paused) {
            pauseStarted(dom);
        }
        return dom.ref();
    }

    synchronized void undefine(DomainRef ref) {
        TestDomain d = find(ref);
        // As libvirt's test driver: undefining a running transient domain succeeds and changes nothing but the event.
        d.persistent = null;
        d.autostart = false;
        emit(d.ref(), DomainEventDetail.UNDEFINED_REMOVED);
        if (!d.isActive()) {
            unregister(d);
        }
    }

    /** Starts the domain; paused as createTransient pauses (which libvirt's test driver refuses: jvirt's does not). */
    synchronized void start(DomainRef ref, boolean paused) {
        TestDomain d = find(ref);
        if (d.isActive()) {
            throw TestErrors.operationInvalid("domain is already running", d.name);
        }
        startLocked(d, d.persistent, DomainStateReason.RUNNING_BOOTED, DomainEventDetail.STARTED_BOOTED);
        if (paused) {
            pauseStarted(d);
        }
    }

    /** A domain started paused: paused by the user, with the event libvirt sends for it. */
    private void pauseStarted(TestDomain d) {
        d.state = DomainStateReason.PAUSED_USER;
        emit(d.ref(), DomainEventDetail.SUSPENDED_PAUSED);
    }

    synchronized void suspend(DomainRef ref) {
        TestDomain d = find(ref);
        if (d.state.state() != DomainState.RUNNING) {
            throw TestErrors.internal("domain '" + d.name + "' not running", d.name);
        }
        d.state = DomainStateReason.PAUSED_USER;
        emit(d.ref(), DomainEventDetail.SUSPENDED_PAUSED);
    }

    synchronized void resume(DomainRef ref) {
        TestDomain d = find(ref);
        if (d.state.state() != DomainState.PAUSED) {
            throw TestErrors.internal("domain '" + d.name + "' not paused", d.name);
        }
        d.state = DomainStateReason.RUNNING_UNPAUSED;
        emit(d.ref(), DomainEventDetail.RESUMED_UNPAUSED);
    }

    synchronized void shutdown(DomainRef ref) {
        TestDomain d = find(ref);
        if (!d.isActive()) {
            // libvirt's test driver words this one as an internal error, unlike destroy.
            throw TestErrors.internal("domain '" + d.name + "' not running", d.name);
        }
        stopLocked(d, DomainStateReason.SHUTOFF_SHUTDOWN, DomainEventDetail.STOPPED_SHUTDOWN);
    }

    synchronized void reboot(DomainRef ref) {
        TestDomain d = findActive(ref);
        String action = TestDefaults.onReboot(d.live);
        if ("destroy".equals(action) || "preserve".equals(action)) {
            stopLocked(d, DomainStateReason.SHUTOFF_SHUTDOWN, DomainEventDetail.STOPPED_SHUTDOWN);
        } else {
            d.state = DomainStateReason.RUNNING_BOOTED;
        }
    }

    synchronized void destroy(DomainRef ref) {
        TestDomain d = findActive(ref);
        stopLocked(d, DomainStateReason.SHUTOFF_DESTROYED, DomainEventDetail.STOPPED_DESTROYED);
    }

    /** As libvirt's testDomainSaveFlags, which honours no flags (the core refuses them). */
    void save(DomainRef ref, Path file) {
        DomainDefinition live;
        int id;
        synchronized (this) {
            TestDomain d = findActive(ref);
            live = d.live;
            id = d.id;
        }
        try {
            SaveImage.write(file, DomainXml.format(live, id, true));
        } catch (IOException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "saving domain '" + ref.name() + "' to '" + file
                    + "': open failed: " + IoErrors.strerror(e), ref.name());
        }
        synchronized (this) {
            TestDomain d = find(ref);
            if (d.isActive()) {
                stopLocked(d, DomainStateReason.SHUTOFF_SAVED, DomainEventDetail.STOPPED_SAVED);
            }
        }
    }

    /** As libvirt's testDomainRestoreFlags, which honours no flags (the core refuses them). */
    DomainRef restore(Path file) {
        String xml = SaveImage.read(file);
        DomainDefinition def = TestDefaults.withIfnames(PostParse.apply(DomainXml.parse(xml), TestRules.INSTANCE));
        synchronized (this) {
            TestDomain dom = existingFor(def);
            if (dom != null && dom.isActive()) {
                throw TestErrors.operationInvalid("domain '" + dom.name + "' is already active", dom.name);
            }
            if (dom == null) {
                dom = new TestDomain(def, DomainStateReason.SHUTOFF_UNKNOWN);
                register(dom);
            }
            startLocked(dom, def, DomainStateReason.RUNNING_RESTORED, DomainEventDetail.STARTED_RESTORED);
            return dom.ref();
        }
    }

    /**
     * As libvirt's testDomainCoreDumpWithFormat: a dump, after which a {@code crash} stops the domain as
     * crashed (the only flag libvirt's test driver honours).
     */
    void coreDump(DomainRef ref, Path file, boolean crash) {
        synchronized (this) {
            findActive(ref);
        }
        try {
            SaveImage.writeDump(file);
        } catch (IOException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "domain '" + ref.name() + "' coredump: failed to open "
                    + file + ": " + IoErrors.strerror(e), ref.name());
        }
        if (crash) {
            synchronized (this) {
                TestDomain d = find(ref);
                if (d.isActive()) {
                    stopLocked(d, DomainStateReason.SHUTOFF_CRASHED, DomainEventDetail.STOPPED_CRASHED);
                }
            }
        }
    }

    // ---- resources ----------------------------------------------------------------------------

    synchronized void setMemory(DomainRef ref, long kib, ModificationImpact impact) {
        TestDomain d = find(ref);
        boolean live = affectsLive(d, impact);
        DomainDefinition def = live ? d.live : d.persistent;
        if (kib > def.memoryKiB()) {
            throw TestErrors.invalidArg("cannot set memory higher than max memory", d.name);
        }
        DomainDefinition changed = TestDefaults.withCurrentMemory(def, kib);
        if (live) {
            d.live = changed;
        } else {
            d.persistent = changed;
        }
    }

    synchronized void setMaxMemory(DomainRef ref, long kib, ModificationImpact impact) {
        TestDomain d = find(ref);
        if (affectsLive(d, impact)) {
            throw TestErrors.operationInvalid("cannot resize the maximum memory on an active domain", d.name);
        }
        d.persistent = TestDefaults.withMaxMemory(d.persistent, kib);
    }

    /**
     * As libvirt's testDomainSetVcpusFlags: the online vCPUs of the definition the impact selects, or
     * with MAXIMUM the most vCPUs of the persistent definition (at most the node's 32, pulling the
     * online count down with it); the guest agent and hot-pluggable vCPUs are not honoured (the core refuses
     * them, as libvirt's test driver does).
     */
    synchronized void setVcpus(DomainRef ref, int count, ModificationImpact impact, Set<VcpuFlag> flags) {
        TestDomain d = find(ref);
        boolean live = affectsLive(d, impact);
        if (flags.contains(VcpuFlag.MAXIMUM)) {
            if (live) {
                throw TestErrors.invalidArg("cannot set maximum vcpus on a running domain", d.name);
            }
            if (count > TestDriver.MAX_VCPUS) {
                throw TestErrors.invalidArg("requested cpu amount exceeds maximum supported amount (" + count + " > "
                        + TestDriver.MAX_VCPUS + ")", d.name);
            }
            d.persistent = d.persistent.toBuilder().vcpus(count)
                    .currentVcpus(Math.min(count, d.persistent.currentVcpus())).build();
            return;
        }
        DomainDefinition def = live ? d.live : d.persistent;
        if (count > def.vcpus()) {
            throw TestErrors.invalidArg("requested cpu amount exceeds maximum (" + count + " > " + def.vcpus() + ")",
                    d.name);
        }
        DomainDefinition changed = TestDefaults.withCurrentVcpus(def, count);
        if (live) {
            d.live = changed;
        } else {
            d.persistent = changed;
        }
    }

    synchronized List<VcpuInfo> vcpuInfo(DomainRef ref) {
        TestDomain d = find(ref);
        if (!d.isActive()) {
            throw TestErrors.operationInvalid("cannot list vcpus for an inactive domain", d.name);
        }
        // As libvirt's test driver: CPU time derived from the clock, last allowed CPU as the current one.
        long cpuTime = System.currentTimeMillis() * 1000L / 10;
        List<VcpuInfo> infos = new ArrayList<>();
        for (int i = 0; i < d.live.currentVcpus(); i++) {
            BitSet affinity = affinity(d, i);
            infos.add(new VcpuInfo(i, 1, cpuTime, affinity.length() - 1, affinity));
        }
        return infos;
    }

    /**
     * As libvirt's testDomainGetVcpuPinInfo: the definition the impact names (its errors worded by
     * libvirt's domain_conf, VIR_FROM_DOMAIN), one set per vCPU up to its maximum; the running
     * domain's pins, else every host CPU of the node's info (16 for the default node).
     */
    synchronized List<BitSet> vcpuPinInfo(DomainRef ref, ModificationImpact impact) {
        TestDomain d = find(ref);
        boolean live;
        switch (impact) {
            case LIVE:
                if (!d.isActive()) {
                    throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "domain is not running",
                            d.name);
                }
                live = true;
                break;
            case CONFIG:
                if (!d.isPersistent()) {
                    throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                            "transient domains do not have any persistent config", d.name);
                }
                live = false;
                break;
            default:
                live = d.isActive();
        }
        DomainDefinition def = live ? d.live : d.persistent;
        List<BitSet> pins = new ArrayList<>(def.vcpus());
        for (int i = 0; i < def.vcpus(); i++) {
            if (live) {
                pins.add(affinity(d, i));
            } else {
                BitSet all = new BitSet(spec.cpus());
                all.set(0, spec.cpus());
                pins.add(all);
            }
        }
        return pins;
    }

    synchronized int maxVcpus(DomainRef ref) {
        return find(ref).current().vcpus();
    }

    /**
     * As libvirt's testDomainPinVcpuFlags, which takes no flags: CURRENT only, on a running domain;
     * LIVE and CONFIG are refused with virCheckFlags' words.
     */
    synchronized void pinVcpu(DomainRef ref, int vcpu, BitSet cpus, ModificationImpact impact) {
        TestDomain d = find(ref);
        if (impact != ModificationImpact.CURRENT) {
            throw TestErrors.unsupportedFlags(impact.bit(), "testDomainPinVcpuFlags", d.name);
        }
        if (!d.isActive()) {
            throw TestErrors.operationInvalid("cannot pin vcpus on an inactive domain", d.name);
        }
        if (vcpu >= d.live.currentVcpus()) {
            throw TestErrors.invalidArg("requested vcpu '" + vcpu + "' is not present in the domain", d.name);
        }
        if (cpus.length() > spec.cpus()) {
            throw TestErrors.invalidArg("CPU map names CPU " + (cpus.length() - 1) + " but the host has "
                    + spec.cpus(), d.name);
        }
        if (d.pins == null || d.pins.length < d.live.vcpus()) {
            BitSet[] grown = new BitSet[d.live.vcpus()];
            if (d.pins != null) {
                System.arraycopy(d.pins, 0, grown, 0, d.pins.length);
            }
            d.pins = grown;
        }
        d.pins[vcpu] = (BitSet) cpus.clone();
    }

    synchronized boolean autostart(DomainRef ref) {
        return find(ref).autostart;
    }

    synchronized void setAutostart(DomainRef ref, boolean autostart) {
        TestDomain d = find(ref);
        if (!d.isPersistent()) {
            throw TestErrors.operationInvalid("cannot set autostart for transient domain", d.name);
        }
        d.autostart = autostart;
    }

    /** Adds the device to the running domain or the persistent definition, as {@code impact} selects. */
    synchronized void attachDevice(DomainRef ref, Device device, ModificationImpact impact) {
        TestDomain d = find(ref);
        if (affectsLive(d, impact)) {
            d.live = TestDefaults.withDevice(d.live, device, d.name);
        } else {
            d.persistent = TestDefaults.withDevice(d.persistent, device, d.name);
        }
    }

    /** Removes the device from the running domain or the persistent definition, as {@code impact} selects. */
    synchronized void detachDevice(DomainRef ref, Device device, ModificationImpact impact) {
        TestDomain d = find(ref);
        if (affectsLive(d, impact)) {
            d.live = TestDefaults.withoutDevice(d.live, device, d.name);
        } else {
            d.persistent = TestDefaults.withoutDevice(d.persistent, device, d.name);
        }
    }

    synchronized String schedulerType(DomainRef ref) {
        find(ref);
        return SCHEDULER;
    }

    /**
     * The test hypervisor's one weight per domain, in force for its running state and its definition
     * alike; the impact is checked as libvirt checks it (LIVE needs a running domain, CONFIG a
     * persistent one).
     */
    synchronized List<TypedParameter> schedulerParameters(DomainRef ref, ModificationImpact impact) {
        TestDomain d = find(ref);
        affectsLive(d, impact);
        return List.of(new TypedParameter(WEIGHT, d.schedulerWeight));
    }

    synchronized void setSchedulerParameters(DomainRef ref, List<TypedParameter> parameters, ModificationImpact impact) {
        TestDomain d = find(ref);
        affectsLive(d, impact);
        Integer weight = null;
        for (TypedParameter p : parameters) {
            if (!WEIGHT.equals(p.name())) {
                throw TestErrors.error(ErrorCode.ARGUMENT_UNSUPPORTED, "parameter '" + p.name() + "' not supported", d.name);
            }
            if (!(p.value() instanceof Integer w) || w < 0) {
                throw TestErrors.invalidArg("invalid type for parameter '" + WEIGHT + "', expected a non-negative int",
                        d.name);
            }
            weight = w;
        }
        if (weight != null) {
            d.schedulerWeight = weight;
        }
    }

    synchronized BlockStats blockStats(DomainRef ref, String disk) {
        TestDomain d = findActive(ref);
        if (disk.isEmpty()) {
            throw TestErrors.error(ErrorCode.OPERATION_UNSUPPORTED, "summary statistics are not supported yet", d.name);
        }
        if (!TestDefaults.hasDisk(d.live, disk)) {
            throw TestErrors.invalidArg("invalid path: " + disk, d.name);
        }
        // libvirt's test driver derives its counters from the clock.
        long micros = System.currentTimeMillis() * 1000L;
        long seconds = micros / 1_000_000L;
        return new BlockStats(micros / 10, micros / 20, micros / 30, micros / 40, seconds / 2);
    }

    synchronized InterfaceStats interfaceStats(DomainRef ref, String device) {
        TestDomain d = findActive(ref);
        if (!TestDefaults.hasInterface(d.live, device)) {
            throw TestErrors.invalidArg("'" + device + "' is not a known interface", d.name);
        }
        long micros = System.currentTimeMillis() * 1000L;
        long seconds = micros / 1_000_000L;
        return new InterfaceStats(micros / 10, micros / 100, seconds, seconds / 2,
                micros / 20, micros / 110, seconds / 3, seconds / 4);
    }

    byte[] blockPeek(DomainRef ref, String disk, long offset, int size) {
        if (size > PEEK_LIMIT) {
            throw TestErrors.invalidArg("block peek of " + size + " bytes exceeds the limit of " + PEEK_LIMIT, ref.name());
        }
        String source;
        synchronized (this) {
            TestDomain d = find(ref);
            source = TestDefaults.diskSource(d.current(), disk);
            if (source == null) {
                throw TestErrors.invalidArg("invalid disk or path '" + disk + "'", d.name);
            }
        }
        return DiskPeek.read(Path.of(source), offset, size, ref.name());
    }

    /** As libvirt's testDomainMemoryPeek: one address space must be named, and a test guest's memory is zeroes. */
    synchronized byte[] memoryPeek(DomainRef ref, long start, int size, Set<MemoryPeekFlag> flags) {
        if (flags.isEmpty()) {
            throw TestErrors.invalidArg("flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL", ref.name());
        }
        TestDomain d = findActive(ref);
        if (size > PEEK_LIMIT) {
            throw TestErrors.invalidArg("memory peek of " + size + " bytes exceeds the limit of " + PEEK_LIMIT, d.name);
        }
        long limit = d.live.currentMemoryKiB() * 1024L;
        if (start + size > limit || start + size < 0) {
            throw TestErrors.invalidArg("memory peek of " + size + " bytes at " + start + " is beyond the domain's "
                    + d.live.currentMemoryKiB() + " KiB", d.name);
        }
        // A test guest's memory is all zeroes.
        return new byte[size];
    }

    // ---- networks -----------------------------------------------------------------------------

    synchronized List<String> networkNames(boolean active) {
        List<String> names = new ArrayList<>();
        for (TestNetwork n : networks.values()) {
            if (n.active == active && (active || n.persistent)) {
                names.add(n.ref.name());
            }
        }
        names.sort(null);
        return names;
    }

    synchronized List<NetworkRef> listAllNetworks(Set<NetworkListFilter> filters) {
        List<NetworkRef> refs = new ArrayList<>();
        for (TestNetwork n : networks.values()) {
            if (NetworkListFilters.matches(filters, n.active, n.persistent, n.autostart)) {
                refs.add(n.ref);
            }
        }
        return refs;
    }

    synchronized NetworkRef networkByName(String name) {
        TestNetwork n = networks.get(name);
        if (n == null) {
            throw TestErrors.noNetwork("no network with matching name '" + name + "'", name);
        }
        return n.ref;
    }

    synchronized NetworkRef networkByUuid(UUID uuid) {
        for (TestNetwork n : networks.values()) {
            if (n.ref.uuid().equals(uuid)) {
                return n.ref;
            }
        }
        throw TestErrors.noNetwork("no network with matching uuid '" + uuid + "'", uuid.toString());
    }

    String networkXml(NetworkRef ref) {
        NetworkDefinition def;
        synchronized (this) {
            def = findNetwork(ref).definition;
        }
        return NetworkXml.format(def);
    }

    synchronized String bridgeName(NetworkRef ref) {
        TestNetwork n = findNetwork(ref);
        String bridge = TestDefaults.bridge(n.definition);
        if (bridge == null) {
            throw TestErrors.internal("network '" + n.ref.name() + "' does not have a bridge name.", n.ref.name());
        }
        return bridge;
    }

    synchronized boolean networkActive(NetworkRef ref) {
        return findNetwork(ref).active;
    }

    synchronized boolean networkPersistent(NetworkRef ref) {
        return findNetwork(ref).persistent;
    }

    synchronized NetworkRef createNetwork(NetworkDefinition definition) {
        NetworkDefinition def = TestDefaults.complete(definition);
        TestNetwork existing = networkFor(def);
        if (existing != null && existing.active) {
            throw TestErrors.operationInvalid("network '" + existing.ref.name() + "' is already active", def.name());
        }
        if (existing != null) {
            existing.definition = def;
            existing.active = true;
            return existing.ref;
        }
        TestNetwork n = new TestNetwork(def, true, false);
        networks.put(def.name(), n);
        return n.ref;
    }

    synchronized NetworkRef defineNetwork(NetworkDefinition definition) {
        NetworkDefinition def = TestDefaults.complete(definition);
        TestNetwork existing = networkFor(def);
        if (existing != null) {
            existing.definition = def;
            existing.persistent = true;
            return existing.ref;
        }
        TestNetwork n = new TestNetwork(def, false, true);
        networks.put(def.name(), n);
        return n.ref;
    }

    synchronized void undefineNetwork(NetworkRef ref) {
        TestNetwork n = findNetwork(ref);
        // libvirt's test driver refuses to undefine a running network, persistent or not.
        if (n.active) {
            throw TestErrors.operationInvalid("Network '" + n.ref.name() + "' is still running", n.ref.name());
        }
        networks.remove(n.ref.name());
    }

    synchronized void startNetwork(NetworkRef ref) {
        TestNetwork n = findNetwork(ref);
        if (n.active) {
            throw TestErrors.operationInvalid("Network '" + n.ref.name() + "' is already running", n.ref.name());
        }
        n.active = true;
    }

    synchronized void destroyNetwork(NetworkRef ref) {
        TestNetwork n = findNetwork(ref);
        if (!n.active) {
            throw TestErrors.operationInvalid("network '" + n.ref.name() + "' is not active", n.ref.name());
        }
        n.active = false;
        if (!n.persistent) {
            networks.remove(n.ref.name());
        }
    }

    synchronized boolean networkAutostart(NetworkRef ref) {
        return findNetwork(ref).autostart;
    }

    synchronized void setNetworkAutostart(NetworkRef ref, boolean autostart) {
        TestNetwork n = findNetwork(ref);
        if (!n.persistent) {
            throw TestErrors.operationInvalid("cannot set autostart for transient network", n.ref.name());
        }
        n.autostart = autostart;
    }

    // ---- internals (callers hold the monitor) -------------------------------------------------

    private TestDomain find(DomainRef ref) {
        TestDomain d = byUuid.get(ref.uuid());
        if (d == null) {
            throw TestErrors.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")",
                    ref.name());
        }
        return d;
    }

    private TestDomain findActive(DomainRef ref) {
        TestDomain d = find(ref);
        if (!d.isActive()) {
            throw TestErrors.notRunning(d.name);
        }
        return d;
    }

    private TestNetwork findNetwork(NetworkRef ref) {
        TestNetwork n = networks.get(ref.name());
        if (n == null || !n.ref.uuid().equals(ref.uuid())) {
            throw TestErrors.noNetwork("no network with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")",
                    ref.name());
        }
        return n;
    }

    /** The domain {@code def} redefines, if any; a clash of name or UUID with another domain is an error. */
    private TestDomain existingFor(DomainDefinition def) {
        TestDomain sameName = byName.get(def.name());
        TestDomain sameUuid = byUuid.get(def.uuid());
        if (sameName != null && sameName != sameUuid) {
            throw TestErrors.error(ErrorCode.OPERATION_FAILED, "domain '" + def.name() + "' already exists with uuid "
                    + sameName.uuid, def.name());
        }
        if (sameUuid != null && sameName == null) {
            throw TestErrors.error(ErrorCode.OPERATION_FAILED, "domain '" + sameUuid.name
                    + "' is already defined with uuid " + def.uuid(), def.name());
        }
        return sameName;
    }

    private TestNetwork networkFor(NetworkDefinition def) {
        TestNetwork sameName = networks.get(def.name());
        for (TestNetwork n : networks.values()) {
            if (n.ref.uuid().equals(def.uuid()) && n != sameName) {
                throw TestErrors.error(ErrorCode.OPERATION_FAILED, "network '" + n.ref.name()
                        + "' is already defined with uuid " + def.uuid(), def.name());
            }
        }
        if (sameName != null && !sameName.ref.uuid().equals(def.uuid())) {
            throw TestErrors.error(ErrorCode.OPERATION_FAILED, "network '" + def.name() + "' already exists with uuid "
                    + sameName.ref.uuid(), def.name());
        }
        return sameName;
    }

    private void checkNameAndUuidFree(DomainDefinition def) {
        if (byName.containsKey(def.name()) || byUuid.containsKey(def.uuid())) {
            throw TestErrors.error(ErrorCode.OPERATION_FAILED, "domain '" + def.name() + "' already exists", def.name());
        }
    }

    private boolean affectsLive(TestDomain d, ModificationImpact impact) {
        switch (impact) {
            case LIVE:
                if (!d.isActive()) {
                    throw TestErrors.notRunning(d.name);
                }
                return true;
            case CONFIG:
                if (!d.isPersistent()) {
                    throw TestErrors.operationInvalid("transient domains do not have any persistent config", d.name);
                }
                return false;
            default:
                return d.isActive();
        }
    }

    private BitSet affinity(TestDomain d, int vcpu) {
        if (d.pins != null && vcpu < d.pins.length && d.pins[vcpu] != null) {
            return (BitSet) d.pins[vcpu].clone();
        }
        BitSet all = new BitSet(spec.cpus());
        all.set(0, spec.cpus());
        return all;
    }

    private void register(TestDomain dom) {
        byName.put(dom.name, dom);
        byUuid.put(dom.uuid, dom);
    }

    private void unregister(TestDomain dom) {
        byName.remove(dom.name);
        byUuid.remove(dom.uuid);
        if (dom.id >= 0) {
            byId.remove(dom.id);
        }
    }

    private void startLocked(TestDomain d, DomainDefinition def, DomainStateReason reason, DomainEventDetail detail) {
        d.live = def;
        d.id = nextId++;
        d.state = reason;
        d.pins = null;
        byId.put(d.id, d);
        emit(d.ref(), detail);
    }

    private void stopLocked(TestDomain d, DomainStateReason reason, DomainEventDetail detail) {
        byId.remove(d.id);
        DomainRef before = d.ref();
        d.live = null;
        d.id = -1;
        d.state = reason;
        d.pins = null;
        // as libvirt's test driver: a persistent domain is back on its inactive definition (id -1) when
        // STOPPED is raised, a transient one still carries its last id in the event
        emit(d.isPersistent() ? d.ref() : before, detail);
        if (!d.isPersistent()) {
            unregister(d);
        }
    }

    private void emit(DomainRef ref, DomainEventDetail detail) {
        for (DomainEventSink sink : sinks) {
            sink.emit(ref, detail);
        }
    }

    /** How many domains exist, active or not. */
    synchronized int domainCount() {
        return byName.size();
    }
}
