package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.command.DomainDefaults;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.command.QemuRules;
import org.jvirt.driver.qemu.probe.EmulatorCatalog;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.probe.KvmProbe;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpEvent;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.qmp.QmpListener;
import org.jvirt.driver.qemu.state.DomainStatus;
import org.jvirt.driver.qemu.state.LogStamp;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.driver.qemu.state.StateLock;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.model.PostParse;
import org.jvirt.spi.AtomicFiles;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainListFilters;
import org.jvirt.spi.DomainRef;

/**
 * The domains of one state directory, shared by every connection of this JVM to it, and the
 * QEMU processes that run them. Holds the directory's lock while open.
 *
 * <p>Locking: a domain's job lock (long operations) is taken first; then this node's monitor,
 * then the domain's monitor; monitors are held only for in-memory work and event emission.
 * QMP events arrive on each monitor's reader thread and process exits on the JDK's reaper
 * threads; both take only the domain's monitor.
 */
final class QemuNode {
    static final Duration TERM_GRACE = Duration.ofSeconds(3);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** How long a caller whose monitor just broke waits for QEMU's exit to be noticed, when QEMU is dying. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final int MAX_XML_BYTES = 4 << 20;
    /** What an operator needs to follow QEMU processes: starts, ends, kills, reconnects, monitor errors. */
    private static final System.Logger LOG = System.getLogger(QemuNode.class.getName());
    /** How many of a QEMU log's last lines an exit is logged with. */
    private static final int LOG_TAIL_LINES = 5;

    final StateLayout layout;
    final EmulatorCatalog catalog;
    /** How this node reads definitions: libvirt's QEMU driver's post-parse rules, on its emulators. */
    final QemuRules rules = new QemuRules(this::emulatorFor);
    final long jobWaitMillis;
    private final StateLock lock;
    private final Map<UUID, QemuDomain> byUuid = new HashMap<>();
    private final Map<String, QemuDomain> byName = new HashMap<>();
    private final Map<Integer, QemuDomain> byId = new HashMap<>();
    private final List<DomainEventSink> sinks = new CopyOnWriteArrayList<>();
    final ExecutorService background;
    private int nextId = 1;
    private volatile boolean closed;

    QemuNode(StateLayout layout, long jobWaitMillis) {
        this.layout = layout;
        this.jobWaitMillis = jobWaitMillis;
        try {
            for (Path d : List.of(layout.configDir(), layout.autostartDir(), layout.runDir(), layout.libDir(),
                    layout.cacheDir(), layout.logDir())) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw QemuErrors.system("cannot create the state directories under " + layout.root() + ": "
                    + e.getMessage(), layout.root().toString(), e);
        }
        this.lock = StateLock.acquire(layout.lockFile(), "QEMU state directory " + layout.runDir());
        this.catalog = EmulatorCatalog.system(layout.cacheDir());
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qemu-driver " + layout.root());
            t.setDaemon(true);
            return t;
        });
        try {
            loadDefinitions();
            reconnectAll();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    // ---- connections ------------------------------------------------------------------------------

    void addSink(DomainEventSink sink) {
        sinks.add(sink);
    }

    void removeSink(DomainEventSink sink) {
        sinks.remove(sink);
    }

    /** Lets go of everything but the domains' processes, which run on and are found again next time. */
    void close() {
        closed = true;
        List<QemuRun> runs = new ArrayList<>();
        synchronized (this) {
            for (QemuDomain d : byUuid.values()) {
                synchronized (d) {
                    if (d.run != null) {
                        runs.add(d.run);
                    }
                }
            }
        }
        for (QemuRun r : runs) {
            QmpClient q = r.qmp;
            if (q != null) {
                q.close();
            }
        }
        background.shutdownNow();
        lock.close();
    }

    boolean isClosed() {
        return closed;
    }

    /** Starts the domains marked autostart that are not running. */
    void autostart() {
        List<QemuDomain> todo = new ArrayList<>();
        synchronized (this) {
            for (QemuDomain d : byName.values()) {
                synchronized (d) {
                    if (d.autostart && !d.isActive() && d.isPersistent()) {
                        todo.add(d);
                    }
                }
            }
        }
        for (QemuDomain d : todo) {
            try {
                start(d.ref(), false);
            } catch (VirtException e) {
                appendLog(d.name, "autostart failed: " + e.getMessage());
            }
        }
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
        QemuDomain d = find(ref);
        synchronized (d) {
            return d.state;
        }
    }

    DomainDefinition current(DomainRef ref) {
        QemuDomain d = find(ref);
        synchronized (d) {
            return d.current();
        }
    }

    int id(DomainRef ref) {
        QemuDomain d = find(ref);
        synchronized (d) {
            return d.id;
        }
    }

    boolean isPersistent(DomainRef ref) {
        QemuDomain d = find(ref);
        synchronized (d) {
            return d.isPersistent();
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

    // ---- definitions ------------------------------------------------------------------------------

    /** The emulator that runs {@code def}: its {@code <emulator>}, else the binary for its architecture. */
    EmulatorInfo emulatorFor(DomainDefinition def) {
        Path binary;
        if (def.emulator() != null) {
            binary = Path.of(def.emulator());
            if (!binary.isAbsolute() || !Files.isExecutable(binary)) {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "emulator '" + def.emulator()
                        + "' is not an executable absolute path", def.name());
            }
        } else {
            String arch = DomainDefaults.arch(def);
            binary = catalog.binaryForArch(arch);
            if (binary == null) {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "no QEMU emulator for architecture '" + arch
                        + "' is installed (found: " + String.join(", ", catalog.binaries().keySet()) + ")",
                        def.name());
            }
        }
        return catalog.info(binary);
    }

    /** A definition with libvirt's QEMU defaults filled in, checked enough to be worth keeping. */
    DomainDefinition complete(DomainDefinition def) {
        return PostParse.apply(def, rules);
    }

    /** Defines {@code def}, which the core completed with {@link #rules}. */
    DomainRef define(DomainDefinition def) {
        def.requireModelled("qemu", "define");
        DomainRef ref;
        DomainEventDetail detail;
        synchronized (this) {
            QemuDomain d = existingFor(def);
            if (d == null) {
                d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
            }
            synchronized (d) {
                writeDefinition(def);
                detail = d.isPersistent() ? DomainEventDetail.DEFINED_UPDATED : DomainEventDetail.DEFINED_ADDED;
                d.persistent = def;
                register(d);
                ref = d.ref();
                emit(ref, detail);
            }
        }
        return ref;
    }

    void undefine(DomainRef ref) {
        QemuDomain d = find(ref);
        synchronized (this) {
            synchronized (d) {
                if (!d.isPersistent()) {
                    throw QemuErrors.operationInvalid("cannot undefine transient domain", d.name);
                }
                try {
                    Files.deleteIfExists(layout.autostartLink(d.name));
                    Files.deleteIfExists(layout.definition(d.name));
                } catch (IOException e) {
                    throw QemuErrors.system("cannot remove the definition of domain '" + d.name + "': "
                            + e.getMessage(), d.name, e);
                }
                d.persistent = null;
                d.autostart = false;
                emit(d.ref(), DomainEventDetail.UNDEFINED_REMOVED);
                if (!d.isActive()) {
                    unregister(d);
                }
            }
        }
    }

    boolean autostart(DomainRef ref) {
        QemuDomain d = find(ref);
        synchronized (d) {
            return d.autostart;
        }
    }

    void setAutostart(DomainRef ref, boolean on) {
        QemuDomain d = find(ref);
        synchronized (d) {
            if (!d.isPersistent()) {
                throw QemuErrors.operationInvalid("cannot set autostart for transient domain", d.name);
            }
            Path link = layout.autostartLink(d.name);
            try {
                if (on) {
                    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, layout.definition(d.name));
                    }
                } else {
                    Files.deleteIfExists(link);
                }
            } catch (IOException e) {
                throw QemuErrors.system("cannot " + (on ? "create" : "remove") + " autostart link " + link + ": "
                        + e.getMessage(), d.name, e);
            }
            d.autostart = on;
        }
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
    void forgetIfUnused(QemuDomain d) {
        synchronized (this) {
            synchronized (d) {
                if (!d.isActive() && !d.isPersistent() && byUuid.get(d.uuid) == d) {
                    unregister(d);
                }
            }
        }
    }

    /** Replaces a domain's persistent definition, on disk first; the caller holds the domain's monitor. */
    void persist(QemuDomain d, DomainDefinition def) {
        if (!d.isPersistent()) {
            throw QemuErrors.operationInvalid("transient domains do not have any persistent config", d.name);
        }
        writeDefinition(def);
        d.persistent = def;
    }

    private void writeDefinition(DomainDefinition def) {
        Path file = layout.definition(def.name());
        try {
            AtomicFiles.write(file, DomainXml.format(def, -1, true).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw QemuErrors.system("cannot write the definition of domain '" + def.name() + "' to " + file + ": "
                    + e.getMessage(), def.name(), e);
        }
    }

    /** The domain {@code def} redefines, if any; a clash of name or UUID with another domain is an error. */
    private QemuDomain existingFor(DomainDefinition def) {
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

    private void loadDefinitions() {
        if (!Files.isDirectory(layout.configDir())) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.configDir(), "*.xml")) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                name = name.substring(0, name.length() - 4);
                try {
                    DomainDefinition def = DomainXml.parse(readLimited(f));
                    if (!def.name().equals(name) || def.uuid() == null) {
                        continue;
                    }
                    QemuDomain d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
                    d.persistent = def;
                    d.autostart = Files.exists(layout.autostartLink(name), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    synchronized (this) {
                        if (!byName.containsKey(def.name()) && !byUuid.containsKey(def.uuid())) {
                            register(d);
                        }
                    }
                } catch (IOException | VirtException e) {
                    // A damaged definition is skipped, never overwritten.
                }
            }
        } catch (IOException e) {
            throw QemuErrors.system("cannot read " + layout.configDir() + ": " + e.getMessage(), null, e);
        }
    }

    static String readLimited(Path f) throws IOException {
        if (Files.size(f) > MAX_XML_BYTES) {
            throw new IOException(f + " is larger than " + MAX_XML_BYTES + " bytes");
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    // ---- lifecycle ----------------------------------------------------------------------------------

    /** Creates and starts {@code def}, which the core completed with {@link #rules}. */
    DomainRef createTransient(DomainDefinition def, boolean paused) {
        QemuDomain d;
        boolean fresh;
        synchronized (this) {
            d = existingFor(def);
            fresh = d == null;
            if (fresh) {
                d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
                register(d);
            }
        }
        try (QemuDomain.Job job = d.beginJob("create", jobWaitMillis)) {
            synchronized (d) {
                if (d.isActive()) {
                    throw QemuErrors.operationInvalid("domain '" + d.name + "' is already active", d.name);
                }
            }
            launch(d, def, paused, null, DomainStateReason.RUNNING_BOOTED, DomainEventDetail.STARTED_BOOTED);
        } catch (RuntimeException e) {
            if (fresh) {
                synchronized (this) {
                    synchronized (d) {
                        if (!d.isActive() && !d.isPersistent()) {
                            unregister(d);
                        }
                    }
                }
            }
            throw e;
        }
        synchronized (d) {
            return d.ref();
        }
    }

    void start(DomainRef ref, boolean paused) {
        QemuDomain d = find(ref);
        try (QemuDomain.Job job = d.beginJob("start", jobWaitMillis)) {
            DomainDefinition def;
            synchronized (d) {
                if (d.isActive()) {
                    throw QemuErrors.operationInvalid("domain is already running", d.name);
                }
                def = d.persistent;
            }
            launch(d, def, paused, null, DomainStateReason.RUNNING_BOOTED, DomainEventDetail.STARTED_BOOTED);
        }
    }

    /**
     * Starts QEMU for {@code definition} and waits until its monitor answers; the caller holds the
     * job. With {@code incoming}, QEMU first takes the guest's state from that migration URI.
     */
    void launch(QemuDomain d, DomainDefinition definition, boolean paused, String incoming,
                DomainStateReason reason, DomainEventDetail detail) {
        EmulatorInfo emu = emulatorFor(definition);
        DomainDefinition live = definition;
        String accel = accelFor(live);
        Path monitor = monitorPath(live);
        QemuCommand cmd = QemuCommandBuilder.build(live, emu, accel, monitor, incoming != null);
        int id;
        synchronized (this) {
            id = nextId++;
        }
        Path log = layout.logFile(d.name);
        long logOffset = appendLog(d.name, LogStamp.now() + ": starting up\n" + cmd.toShellString());
        cleanupFiles(d.name, monitor);
        QemuProcess process;
        try {
            process = QemuLauncher.launch(cmd.argv(), cmd.cpuset(), cmd.environment(), log);
        } catch (IOException e) {
            throw QemuErrors.failed("cannot start QEMU for domain '" + d.name + "': " + e.getMessage(), d.name, e);
        }
        QemuRun run = new QemuRun(process, monitor, cmd);
        LOG.log(System.Logger.Level.INFO,
                "domain ''{0}'': QEMU started, pid {1}; its command line and output are in {2}", d.name,
                String.valueOf(process.pid()), log);
        try {
            writeString(layout.pidFile(d.name), process.pid() + "\n");
            run.qmp = QmpClient.connect(monitor, QmpClient.Options.DEFAULT, new Listener(d, run), process::isAlive);
            QmpClient qmp = run.qmp;
            qmp.execute("migrate-set-capabilities", Json.object("capabilities",
                    List.of(Json.object("capability", "events", "state", true))));
            run.vcpuThreads = vcpuThreads(qmp);
            live = withRuntimeDetails(live, qmp, cmd);
            if (incoming == null && live.currentMemoryKiB() < live.memoryKiB() && hasBalloon(cmd)) {
                qmp.execute("balloon", Json.object("value", live.currentMemoryKiB() * 1024));
            }
            if (incoming != null) {
                qmp.execute("migrate-incoming", Json.object("uri", incoming));
                awaitMigration(d, run, Duration.ofMinutes(10), "restore");
            }
            if (!paused) {
                qmp.execute("cont");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': start failed ({1}); killing QEMU pid {2}", d.name,
                    e.getMessage(), String.valueOf(process.pid()));
            process.kill(KILL_WAIT);
            cleanupFiles(d.name, monitor);
            try {
                Files.deleteIfExists(layout.pidFile(d.name));
            } catch (IOException ignored) {
                // best effort
            }
            process.await(Duration.ofMillis(200));
            String qemuSaid = QemuLauncher.logTail(log, logOffset, 4000);
            if (e instanceof VirtException ve && qemuSaid.isEmpty()) {
                throw ve;
            }
            throw QemuErrors.failed("QEMU failed to start domain '" + d.name + "': "
                    + (qemuSaid.isEmpty() ? e.getMessage() : qemuSaid), d.name, e);
        }
        synchronized (this) {
            synchronized (d) {
                d.live = live;
                d.id = id;
                d.run = run;
                d.state = paused ? DomainStateReason.PAUSED_USER : reason;
                run.phase = QemuRun.Phase.RUNNING;
                byId.put(id, d);
                writeStatus(d, run);
                emit(d.ref(), detail);
                if (paused) {
                    emit(d.ref(), DomainEventDetail.SUSPENDED_PAUSED);
                }
            }
        }
        watchExit(d, run);
    }

    private static boolean hasBalloon(QemuCommand cmd) {
        return cmd.argv().stream().anyMatch(a -> a.startsWith("virtio-balloon"));
    }

    String accelFor(DomainDefinition def) {
        if (def.type().equals("kvm")) {
            KvmProbe.Status kvm = KvmProbe.status(catalog);
            if (!kvm.usable()) {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "domain type 'kvm' cannot run on this host: "
                        + kvm.reason() + "; use <domain type='qemu'> for TCG emulation", def.name());
            }
            return "kvm";
        }
        return "tcg";
    }

    /** The monitor socket: {@code run/NAME.qmp}, or {@code run/UUID.qmp} when the name makes it too long. */
    Path monitorPath(DomainDefinition def) {
        Path p = layout.runDir().resolve(def.name() + ".qmp");
        if (p.toString().getBytes(StandardCharsets.UTF_8).length > 100) {
            p = layout.runDir().resolve(def.uuid() + ".qmp");
        }
        if (p.toString().getBytes(StandardCharsets.UTF_8).length > 100) {
            throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "the state directory " + layout.runDir()
                    + " is too deep for a unix socket path (108 bytes at most)", def.name());
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> vcpuThreads(QmpClient qmp) throws QmpException {
        List<Object> cpus = qmp.executeList("query-cpus-fast", null);
        Long[] threads = new Long[cpus.size()];
        for (Object o : cpus) {
            Map<String, Object> c = (Map<String, Object>) o;
            int index = ((Number) c.get("cpu-index")).intValue();
            if (index >= 0 && index < threads.length) {
                threads[index] = ((Number) c.get("thread-id")).longValue();
            }
        }
        List<Long> out = new ArrayList<>();
        for (Long t : threads) {
            out.add(t == null ? -1L : t);
        }
        return List.copyOf(out);
    }

    /** The live definition with what QEMU chose: pty paths, the VNC port. */
    @SuppressWarnings("unchecked")
    private static DomainDefinition withRuntimeDetails(DomainDefinition live, QmpClient qmp, QemuCommand cmd)
            throws QmpException {
        Map<String, String> ptys = new HashMap<>();
        boolean anyPty = live.devices(CharDevice.class).stream().anyMatch(c -> c.type().equals("pty"));
        if (anyPty) {
            for (Object o : qmp.executeList("query-chardev", null)) {
                Map<String, Object> c = (Map<String, Object>) o;
                String file = (String) c.get("filename");
                if (file != null && file.startsWith("pty:")) {
                    ptys.put((String) c.get("label"), file.substring(4));
                }
            }
        }
        Integer vncPort = null;
        if (cmd.vncAutoport()) {
            Map<String, Object> vnc = qmp.executeObject("query-vnc", null);
            Object service = vnc.get("service");
            if (service instanceof String s) {
                vncPort = Integer.valueOf(s);
            }
        }
        String password = null;
        List<Device> devices = new ArrayList<>();
        Map<String, Integer> counters = new HashMap<>();
        for (Device dev : live.devices()) {
            if (dev instanceof CharDevice c) {
                int n = counters.merge(c.kind(), 1, Integer::sum) - 1;
                String chardev = cmd.charDevices().get(c.kind() + n);
                String pty = chardev == null ? null : ptys.get(chardev);
                if (pty != null) {
                    dev = c.toBuilder().tty(pty).source(CharSource.path(pty)).build();
                }
            } else if (dev instanceof GraphicsDevice g) {
                if (vncPort != null) {
                    dev = g.toBuilder().port(vncPort).autoport(true).build();
                }
                password = g.passwd();
            }
            devices.add(dev);
        }
        if (password != null) {
            qmp.execute("set_password", Json.object("protocol", "vnc", "password", password));
        }
        return live.toBuilder().devices(devices).build();
    }

    void suspend(DomainRef ref) {
        QemuDomain d = find(ref);
        try (QemuDomain.Job job = d.beginJob("suspend", jobWaitMillis)) {
            QemuRun run = activeRun(d);
            synchronized (d) {
                if (d.state.state() == DomainState.PAUSED) {
                    return;
                }
            }
            run.expectedPause = DomainStateReason.PAUSED_USER;
            command(d, run, "stop", null);
            paused(d, run, DomainStateReason.PAUSED_USER);
        }
    }

    void resume(DomainRef ref) {
        QemuDomain d = find(ref);
        try (QemuDomain.Job job = d.beginJob("resume", jobWaitMillis)) {
            QemuRun run = activeRun(d);
            synchronized (d) {
                if (d.state.state() != DomainState.PAUSED) {
                    return;
                }
            }
            command(d, run, "cont", null);
            resumed(d, run);
        }
    }

    void shutdown(DomainRef ref) {
        QemuDomain d = find(ref);
        try (QemuDomain.Job job = d.beginJob("shutdown", jobWaitMillis)) {
            QemuRun run = activeRun(d);
            command(d, run, "system_powerdown", null);
        }
    }

    void reboot(DomainRef ref) {
        QemuDomain d = find(ref);
        try (QemuDomain.Job job = d.beginJob("reboot", jobWaitMillis)) {
            QemuRun run = activeRun(d);
            // libvirt's ACPI reboot: the guest powers down, and QEMU is told to reset instead of exiting.
            DomainDefinition live;
            synchronized (d) {
                live = d.live;
            }
            if (!live.hasFeature("acpi")) {
                throw QemuErrors.operationInvalid("cannot reboot domain '" + d.name
                        + "' without ACPI: its definition has no <acpi/> feature", d.name);
            }
            command(d, run, "set-action", Json.object("shutdown", "pause"));
            run.rebooting = true;
            command(d, run, "system_powerdown", null);
        }
    }

    /**
     * Stops the domain's QEMU: SIGTERM, then SIGKILL unless {@code graceful}, when a QEMU that does
     * not exit on SIGTERM fails the call (as libvirt's) and keeps running.
     */
    void destroy(DomainRef ref, boolean graceful) {
        QemuDomain d = find(ref);
        QemuRun run;
        QemuRun.Phase phaseBefore;
        DomainStateReason intentBefore;
        synchronized (d) {
            run = d.run;
            if (run == null || run.phase == QemuRun.Phase.GONE) {
                throw QemuErrors.notRunning(d.name);
            }
            phaseBefore = run.phase;
            intentBefore = run.stopIntent;
            if (run.stopIntent == null) {
                run.stopIntent = DomainStateReason.SHUTOFF_DESTROYED;
            }
            run.phase = QemuRun.Phase.STOPPING;
        }
        if (!run.process.terminate(TERM_GRACE, graceful ? null : KILL_WAIT)) {
            if (graceful) {
                synchronized (d) {
                    run.phase = phaseBefore;
                    run.stopIntent = intentBefore;
                }
                throw QemuErrors.system("Failed to terminate process " + run.process.pid()
                        + " with SIGTERM: Device or resource busy", d.name, null);
            }
            throw QemuErrors.failed("QEMU (pid " + run.process.pid() + ") of domain '" + d.name
                    + "' did not exit after SIGTERM and SIGKILL", d.name, null);
        }
        exited(d, run);
    }

    /** The running domain's current run; OPERATION_INVALID when it is not running. */
    QemuRun activeRun(QemuDomain d) {
        synchronized (d) {
            QemuRun run = d.run;
            if (run == null || run.phase != QemuRun.Phase.RUNNING) {
                throw QemuErrors.notRunning(d.name);
            }
            if (run.monitorProblem != null) {
                throw QemuErrors.operationInvalid("the monitor of domain '" + d.name + "' is broken: "
                        + run.monitorProblem, d.name);
            }
            return run;
        }
    }

    /** Runs a QMP command of a domain, turning failures into libvirt's errors. */
    Object command(QemuDomain d, QemuRun run, String cmd, Map<String, Object> args) {
        QmpClient qmp = run.qmp;
        if (qmp == null) {
            throw QemuErrors.operationInvalid("the monitor of domain '" + d.name + "' is not connected", d.name);
        }
        try {
            return qmp.execute(cmd, args);
        } catch (QmpException e) {
            throw monitorError(d, run, cmd, e);
        }
    }

    /**
     * {@link #qmpError}, except that a monitor closed because QEMU ended (killed, crashed) first has
     * that end recorded, so that the domain is already shut off (crashed) when the caller sees the
     * error, which says so.
     */
    VirtException monitorError(QemuDomain d, QemuRun run, String cmd, QmpException e) {
        if (e.kind() == QmpException.Kind.CLOSED && endedDuring(d, run)) {
            return QemuErrors.operationInvalid("domain is not running: " + qemuExited(run) + " during '" + cmd
                    + "'", d.name);
        }
        return qmpError(d.name, cmd, e);
    }

    /**
     * Whether QEMU of {@code run} has ended — waiting at most {@link #EXIT_WAIT} for a QEMU whose
     * monitor just broke to be reaped — and if so, after its end has been recorded: the domain is
     * shut off with the reason its end tells (crashed, unless the driver was ending it).
     */
    boolean endedDuring(QemuDomain d, QemuRun run) {
        if (closed) {
            return run.process.onExit().isDone();
        }
        if (!run.process.await(EXIT_WAIT)) {
            return false;
        }
        exited(d, run);
        return true;
    }

    /** "QEMU exited", with how when that is known ("QEMU exited (killed by signal 9)"). */
    static String qemuExited(QemuRun run) {
        String how = run.process.exitDescription();
        return "QEMU exited" + (how == null ? "" : " (" + how + ")");
    }

    static VirtException qmpError(String domain, String cmd, QmpException e) {
        LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': monitor error ({1}) during ''{2}'': {3}", domain,
                e.kind(), cmd, e.getMessage());
        return switch (e.kind()) {
            case COMMAND_ERROR -> QemuErrors.failed("QEMU refused '" + cmd + "' for domain '" + domain + "': "
                    + e.getMessage(), domain, e);
            case TIMEOUT -> QemuErrors.error(ErrorCode.OPERATION_TIMEOUT, e.getMessage(), domain, e);
            case CLOSED -> QemuErrors.operationInvalid("domain is not running (monitor closed during '" + cmd
                    + "': " + e.getMessage() + ")", domain);
            case PROTOCOL -> QemuErrors.internal("monitor error during '" + cmd + "': " + e.getMessage(), domain, e);
        };
    }

    // ---- state changes, from the API and from QEMU -------------------------------------------------

    void paused(QemuDomain d, QemuRun run, DomainStateReason reason) {
        synchronized (d) {
            if (d.run != run || run.phase != QemuRun.Phase.RUNNING || d.state.state() != DomainState.RUNNING) {
                return;
            }
            d.state = reason;
            run.expectedPause = null;
            emit(d.ref(), switch (reason) {
                case PAUSED_IOERROR -> DomainEventDetail.SUSPENDED_IOERROR;
                case PAUSED_WATCHDOG -> DomainEventDetail.SUSPENDED_WATCHDOG;
                case PAUSED_MIGRATION -> DomainEventDetail.SUSPENDED_MIGRATED;
                default -> DomainEventDetail.SUSPENDED_PAUSED;
            });
        }
    }

    void resumed(QemuDomain d, QemuRun run) {
        synchronized (d) {
            if (d.run != run || run.phase != QemuRun.Phase.RUNNING || d.state.state() != DomainState.PAUSED) {
                return;
            }
            d.state = DomainStateReason.RUNNING_UNPAUSED;
            emit(d.ref(), DomainEventDetail.RESUMED_UNPAUSED);
        }
    }

    private void watchExit(QemuDomain d, QemuRun run) {
        run.process.onExit().whenComplete((status, err) -> exited(d, run));
    }

    /** QEMU of {@code run} has exited: the domain shuts off, with the reason its end tells. Idempotent. */
    void exited(QemuDomain d, QemuRun run) {
        if (closed) {
            return;
        }
        synchronized (this) {
            synchronized (d) {
                if (d.run != run) {
                    return;
                }
                DomainStateReason reason;
                DomainEventDetail detail;
                DomainStateReason intent = run.stopIntent;
                if (intent == DomainStateReason.SHUTOFF_DESTROYED) {
                    reason = intent;
                    detail = DomainEventDetail.STOPPED_DESTROYED;
                } else if (intent == DomainStateReason.SHUTOFF_SAVED) {
                    reason = intent;
                    detail = DomainEventDetail.STOPPED_SAVED;
                } else if (run.migratedOut) {
                    reason = DomainStateReason.SHUTOFF_MIGRATED;
                    detail = DomainEventDetail.STOPPED_MIGRATED;
                } else if (run.shutdownByGuest != null) {
                    reason = DomainStateReason.SHUTOFF_SHUTDOWN;
                    detail = DomainEventDetail.STOPPED_SHUTDOWN;
                } else {
                    reason = DomainStateReason.SHUTOFF_CRASHED;
                    detail = DomainEventDetail.STOPPED_CRASHED;
                }
                LOG.log(reason == DomainStateReason.SHUTOFF_CRASHED ? System.Logger.Level.WARNING
                        : System.Logger.Level.INFO,
                        "domain ''{0}'': QEMU pid {1} exited ({2}), {3}; last lines of {4}:{5}", d.name,
                        String.valueOf(run.process.pid()), String.valueOf(run.process.exitDescription()), reason,
                        layout.logFile(d.name), logTail(d.name));
                stoppedLocked(d, run, reason, detail);
            }
        }
    }

    /** Caller holds this node's and the domain's monitors. */
    private void stoppedLocked(QemuDomain d, QemuRun run, DomainStateReason reason, DomainEventDetail detail) {
        run.phase = QemuRun.Phase.GONE;
        QmpClient q = run.qmp;
        if (q != null) {
            q.close();
        }
        for (var f : run.unplugs.values()) {
            f.complete(null);
        }
        run.migration.complete("closed");
        run.dump.complete("closed");
        cleanupFiles(d.name, run.monitor);
        try {
            Files.deleteIfExists(layout.pidFile(d.name));
        } catch (IOException e) {
            // best effort
        }
        DomainRef before = d.ref();
        byId.remove(d.id);
        d.run = null;
        d.live = null;
        d.id = -1;
        d.state = reason;
        emit(before, detail);
        appendLog(d.name, LogStamp.now() + ": shutting down, reason=" + reason.label() + "\n");
        if (!d.isPersistent()) {
            unregister(d);
        }
    }

    private void cleanupFiles(String name, Path monitor) {
        for (Path p : List.of(monitor, layout.statusFile(name), layout.liveXml(name))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** Writes the live XML and the status of a running domain, so that a restarted driver finds it. */
    void writeStatus(QemuDomain d, QemuRun run) {
        try {
            AtomicFiles.write(layout.liveXml(d.name), DomainXml.format(d.live, d.id, true)
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder threads = new StringBuilder();
            for (Long t : run.vcpuThreads) {
                threads.append(threads.length() == 0 ? "" : ",").append(t);
            }
            new DomainStatus(d.id, run.process.pid(), run.process.startTicks(), run.monitor, d.state.name(),
                    threads.toString(), d.isPersistent(), run.balloonKiB).write(layout.statusFile(d.name));
        } catch (IOException e) {
            throw QemuErrors.system("cannot write the status of domain '" + d.name + "': " + e.getMessage(),
                    d.name, e);
        }
    }

    // ---- reconnecting after a restart -------------------------------------------------------------

    private void reconnectAll() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.runDir(), "*.status")) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                reconnect(name.substring(0, name.length() - ".status".length()));
            }
        } catch (IOException e) {
            throw QemuErrors.system("cannot read " + layout.runDir() + ": " + e.getMessage(), null, e);
        }
        // A pid file without status is a start that never finished: its QEMU is paused at -S.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.runDir(), "*.pid")) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                name = name.substring(0, name.length() - 4);
                if (!Files.exists(layout.statusFile(name))) {
                    killHalfStarted(f);
                }
            }
        } catch (IOException e) {
            // nothing to clean up
        }
    }

    private void killHalfStarted(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                if (h.info().command().map(c -> c.contains("qemu")).orElse(false)) {
                    LOG.log(System.Logger.Level.WARNING, "killing QEMU pid {0}: its start never finished ({1})",
                            String.valueOf(pid), pidFile);
                    h.destroyForcibly();
                }
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // leave it
        }
    }

    private void reconnect(String name) {
        Path statusFile = layout.statusFile(name);
        DomainStatus st;
        DomainDefinition live;
        try {
            st = DomainStatus.read(statusFile);
            live = DomainXml.parse(readLimited(layout.liveXml(name)));
        } catch (IOException | VirtException e) {
            appendLog(name, LogStamp.now() + ": cannot reconnect, damaged status: " + e.getMessage() + "\n");
            LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': cannot reconnect, damaged status: {1}", name,
                    e.getMessage());
            return;
        }
        QemuDomain d;
        synchronized (this) {
            d = byUuid.get(live.uuid());
            if (d == null) {
                if (byName.containsKey(live.name())) {
                    return;
                }
                d = new QemuDomain(live.name(), live.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
                register(d);
            }
        }
        var proc = QemuProcess.adopt(st.pid(), st.startTicks());
        QemuRun run = null;
        if (proc.isPresent()) {
            EmulatorInfo emu;
            QemuCommand cmd;
            try {
                emu = emulatorFor(live);
                cmd = QemuCommandBuilder.build(live, emu, live.type().equals("kvm") ? "kvm" : "tcg", st.monitor(),
                        false);
            } catch (VirtException e) {
                cmd = new QemuCommand(List.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), false);
            }
            run = new QemuRun(proc.get(), st.monitor(), cmd);
            List<Long> threads = new ArrayList<>();
            for (String t : st.vcpuThreads().split(",")) {
                if (!t.isBlank()) {
                    threads.add(Long.parseLong(t.trim()));
                }
            }
            run.vcpuThreads = List.copyOf(threads);
            run.balloonKiB = st.balloonKiB();
            QemuRun r = run;
            try {
                run.qmp = QmpClient.connect(st.monitor(), QmpClient.Options.DEFAULT.withConnectTimeout(
                        Duration.ofSeconds(5)), new Listener(d, run), r.process::isAlive);
                Map<String, Object> status = run.qmp.executeObject("query-status", null);
                boolean running = Boolean.TRUE.equals(status.get("running"));
                DomainStateReason saved = parseReason(st.state());
                DomainStateReason state = running
                        ? (saved.state() == DomainState.RUNNING ? saved : DomainStateReason.RUNNING_UNPAUSED)
                        : (saved.state() == DomainState.PAUSED ? saved : DomainStateReason.PAUSED_USER);
                synchronized (this) {
                    synchronized (d) {
                        d.live = live;
                        d.id = st.id();
                        d.run = run;
                        d.state = state;
                        run.phase = QemuRun.Phase.RUNNING;
                        byId.put(st.id(), d);
                        nextId = Math.max(nextId, st.id() + 1);
                    }
                }
                LOG.log(System.Logger.Level.INFO, "domain ''{0}'': reconnected to QEMU pid {1}", name,
                        String.valueOf(run.process.pid()));
                watchExit(d, run);
                return;
            } catch (QmpException e) {
                LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': cannot reconnect to the monitor, given up: {1}",
                        name, e.getMessage());
                appendLog(name, LogStamp.now() + ": cannot reconnect to the monitor: " + e.getMessage()
                        + "; stopping QEMU\n");
                run.process.terminate(TERM_GRACE, KILL_WAIT);
            }
        }
        // QEMU died while nobody watched: the domain crashed.
        synchronized (this) {
            synchronized (d) {
                cleanupFiles(name, st.monitor());
                try {
                    Files.deleteIfExists(layout.pidFile(name));
                } catch (IOException e) {
                    // best effort
                }
                d.state = DomainStateReason.SHUTOFF_CRASHED;
                appendLog(name, LogStamp.now() + ": QEMU (pid " + st.pid() + ") ended while jvirt was away\n");
                if (!d.isPersistent()) {
                    unregister(d);
                }
            }
        }
    }

    private static DomainStateReason parseReason(String s) {
        try {
            return DomainStateReason.valueOf(s);
        } catch (IllegalArgumentException e) {
            return DomainStateReason.RUNNING_UNKNOWN;
        }
    }

    // ---- QMP events -------------------------------------------------------------------------------------

    /** Turns one run's QMP events into state changes and lifecycle events. */
    private final class Listener implements QmpListener {
        private final QemuDomain d;
        private final QemuRun run;

        Listener(QemuDomain d, QemuRun run) {
            this.d = d;
            this.run = run;
        }

        @Override
        public void onEvent(QmpEvent e) {
            switch (e.name()) {
                case "STOP" -> {
                    if (run.internalPauses > 0) {
                        return;
                    }
                    DomainStateReason why = run.expectedPause;
                    if (why == null) {
                        why = run.shutdownByGuest != null ? DomainStateReason.PAUSED_SHUTTING_DOWN
                                : DomainStateReason.PAUSED_UNKNOWN;
                    }
                    if (run.rebooting && run.shutdownByGuest != null) {
                        run.rebooting = false;
                        run.shutdownByGuest = null;
                        background.execute(() -> finishReboot(d, run));
                        return;
                    }
                    paused(d, run, why);
                }
                case "RESUME" -> {
                    if (run.internalPauses == 0) {
                        resumed(d, run);
                    }
                }
                case "SHUTDOWN" -> {
                    boolean guest = e.bool("guest", false);
                    run.shutdownByGuest = guest;
                    if (run.stopIntent == null && !run.rebooting) {
                        synchronized (d) {
                            if (d.run == run) {
                                emit(d.ref(), guest ? DomainEventDetail.SHUTDOWN_GUEST : DomainEventDetail.SHUTDOWN_HOST);
                            }
                        }
                    }
                }
                case "GUEST_PANICKED" -> {
                    synchronized (d) {
                        if (d.run == run) {
                            d.state = DomainStateReason.CRASHED_PANICKED;
                            emit(d.ref(), DomainEventDetail.CRASHED_PANICKED);
                        }
                    }
                }
                case "BALLOON_CHANGE" -> {
                    long actual = e.number("actual", -1);
                    if (actual > 0) {
                        run.balloonKiB = actual / 1024;
                    }
                }
                case "DEVICE_DELETED" -> {
                    String dev = e.string("device");
                    if (dev != null) {
                        var f = run.unplugs.get(dev);
                        if (f != null) {
                            f.complete(null);
                        }
                    }
                }
                case "MIGRATION" -> {
                    String status = e.string("status");
                    if ("completed".equals(status) || "failed".equals(status) || "cancelled".equals(status)) {
                        run.migration.complete(status);
                    }
                }
                case "DUMP_COMPLETED" -> {
                    String error = e.string("error");
                    boolean failed = error != null
                            || e.data().get("result") instanceof Map<?, ?> r && "failed".equals(r.get("status"));
                    run.dump.complete(!failed ? null : error != null ? error : "QEMU reports that the dump failed");
                }
                default -> { }
            }
        }

        @Override
        public void onClose(QmpException cause) {
            if (cause != null && cause.kind() == QmpException.Kind.PROTOCOL) {
                run.monitorProblem = cause.getMessage();
            }
            // No MIGRATION or DUMP_COMPLETED event can come any more: a job waiting for one stops waiting.
            run.migration.complete("closed");
            run.dump.complete("closed");
        }
    }

    /** After the guest powered down for a reboot (QEMU paused instead of exiting): reset and run again. */
    private void finishReboot(QemuDomain d, QemuRun run) {
        try {
            QmpClient q = run.qmp;
            q.execute("system_reset");
            q.execute("set-action", Json.object("shutdown", "poweroff"));
            q.execute("cont");
        } catch (QmpException e) {
            appendLog(d.name, LogStamp.now() + ": reboot failed: " + e.getMessage() + "\n");
        }
    }

    /**
     * The outcome a QEMU job completes {@code end} with (by its event, or "closed" when the monitor
     * goes); OPERATION_TIMEOUT after {@code limit}.
     *
     * @param job the job, for messages ("migration", "core dump")
     */
    static String awaitEnd(QemuDomain d, java.util.concurrent.CompletableFuture<String> end, Duration limit,
            String job) {
        try {
            return end.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw QemuErrors.error(ErrorCode.OPERATION_TIMEOUT, job + " of domain '" + d.name
                    + "' did not finish within " + limit.toSeconds() + " s", d.name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw QemuErrors.failed("interrupted while waiting for the " + job + " of domain '" + d.name + "'",
                    d.name, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw QemuErrors.failed(job + " of domain '" + d.name + "' failed: " + e.getCause(), d.name, e);
        }
    }

    /**
     * Waits for the migration of {@code run} to end; OPERATION_FAILED unless it completed. Never
     * longer than {@code limit}, and no longer than QEMU and its monitor live: their end completes
     * the wait.
     *
     * @param what the operation, for messages ("save", "restore")
     */
    void awaitMigration(QemuDomain d, QemuRun run, Duration limit, String what) {
        String status = awaitEnd(d, run.migration, limit, "migration");
        if (!"completed".equals(status)) {
            // A migration QEMU itself reports failed leaves QEMU running; a lost monitor may mean it is dying.
            if (("closed".equals(status) || !run.process.isAlive()) && endedDuring(d, run)) {
                throw QemuErrors.failed(qemuExited(run) + " during the " + what + " of domain '" + d.name + "'",
                        d.name, null);
            }
            if ("closed".equals(status)) {
                throw QemuErrors.failed("migration of domain '" + d.name + "' failed: the monitor connection closed"
                        + (run.monitorProblem == null ? "" : " (" + run.monitorProblem + ")"), d.name, null);
            }
            String why = "";
            try {
                Object info = run.qmp.execute("query-migrate");
                if (info instanceof Map<?, ?> m && m.get("error-desc") != null) {
                    why = ": " + m.get("error-desc");
                }
            } catch (QmpException | RuntimeException e) {
                // no more detail
            }
            throw QemuErrors.failed("migration of domain '" + d.name + "' " + status + why, d.name, null);
        }
    }

    // ---- registry and events --------------------------------------------------------------------------

    private void register(QemuDomain d) {
        byName.put(d.name, d);
        byUuid.put(d.uuid, d);
    }

    private void unregister(QemuDomain d) {
        byName.remove(d.name);
        byUuid.remove(d.uuid);
        if (d.id >= 0) {
            byId.remove(d.id);
        }
    }

    void emit(DomainRef ref, DomainEventDetail detail) {
        for (DomainEventSink s : sinks) {
            s.emit(ref, detail);
        }
    }

    /** Appends to a domain's QEMU log; returns the offset the text starts at. */
    /** The last lines of the domain's QEMU log, each on a line of its own; empty when it cannot be read. */
    private String logTail(String name) {
        try (var ch = java.nio.channels.FileChannel.open(layout.logFile(name))) {
            // The end of the file is enough for a few lines; a QEMU log can be long.
            long from = Math.max(0, ch.size() - 4096);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
            ch.read(buf, from);
            String[] lines = new String(buf.array(), StandardCharsets.UTF_8).strip().split("\n");
            int first = Math.max(0, lines.length - LOG_TAIL_LINES);
            return "\n  " + String.join("\n  ", java.util.Arrays.asList(lines).subList(first, lines.length));
        } catch (IOException | RuntimeException e) {
            return " (unreadable: " + e.getMessage() + ")";
        }
    }

    long appendLog(String name, String text) {
        Path log = layout.logFile(name);
        try (var ch = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
            long before = ch.size();
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            return before + text.getBytes(StandardCharsets.UTF_8).length;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void writeString(Path file, String s) throws IOException {
        AtomicFiles.write(file, s.getBytes(StandardCharsets.UTF_8));
    }

    /** The domains as a name-ordered map, for tests and diagnostics. */
    synchronized Map<String, DomainStateReason> snapshot() {
        Map<String, DomainStateReason> m = new LinkedHashMap<>();
        byName.keySet().stream().sorted().forEach(n -> {
            QemuDomain d = byName.get(n);
            synchronized (d) {
                m.put(n, d.state);
            }
        });
        return m;
    }
}
