package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.command.ChannelPaths;
import org.jvirt.driver.qemu.command.GraphicsSockets;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.command.ThreadPinning;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.probe.KvmProbe;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.state.DomainStatus;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CharSource;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.GraphicsDevice;
import org.jvirt.spi.AtomicFiles;
import org.jvirt.spi.DomainRef;

/**
 * QEMU processes, as libvirt's {@code qemu_process.c}: starting one for a domain and waiting for its
 * monitor, the status files a restarted driver reconnects from, noticing its end (exit, kill, crash)
 * and shutting the domain off with the reason, and turning monitor failures into errors that say
 * whether QEMU is gone. Reconnecting lives in {@link QemuReconnect}, QMP events in
 * {@link QemuMonitorEvents}.
 *
 * <p>Callers of {@link #launch} hold the domain's job. QEMU's exit is noticed on the JDK's process
 * reaper threads; {@link #exited} takes the domain list's monitor, then the domain's.
 */
final class QemuProcesses {
    static final Duration TERM_GRACE = Duration.ofSeconds(3);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** How long a caller whose monitor just broke waits for QEMU's exit to be noticed, when QEMU is dying. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    /** What an operator needs to follow QEMU processes: starts, ends, kills, monitor errors. */
    private static final System.Logger LOG = System.getLogger(QemuProcesses.class.getName());

    /** Made on the first start only: seeding a SecureRandom costs a short jvirsh command time it never needs. */
    private static final class MasterKeys {
        static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    }

    private final QemuNode node;
    private final StateLayout layout;
    private final QemuDomainList domains;
    private final QemuLog log;

    QemuProcesses(QemuNode node) {
        this.node = node;
        this.layout = node.layout;
        this.domains = node.domains;
        this.log = node.log;
    }

    // ---- start ----------------------------------------------------------------------------------------

    /**
     * Starts QEMU for {@code definition} and waits until its monitor answers; the caller holds the
     * job. With {@code incoming}, QEMU first takes the guest's state from that saved stream.
     */
    void launch(QemuDomain d, DomainDefinition definition, boolean paused, SavedStream incoming,
                DomainStateReason reason, DomainEventDetail detail) {
        EmulatorInfo emu = node.emulatorFor(definition);
        int id = domains.allocateId();
        Path privateDir = privateDir(definition, id);
        // the live definition shows the sockets libvirt would name (the command line has the same)
        DomainDefinition live = QemuCommandBuilder.prepare(definition, privateDir);
        Path monitorSocket = QemuCommandBuilder.monitorSocket(privateDir);
        QemuCommand cmd = QemuCommandBuilder.build(live, emu, accelFor(live), privateDir, incoming != null);
        Path logFile = layout.logFile(d.name);
        long logOffset = log.note(d.name, "starting up\n" + cmd.toShellString());
        cleanupFiles(d.name, monitorSocket);
        QemuProcess process;
        try {
            writeMasterKey(privateDir);
            // where QEMU keeps file-backed guest memory (owner only), and makes the channels' sockets, as
            // libvirt's qemuProcessMakeDir of its memory backing and channel target directories
            Files.createDirectories(QemuCommandBuilder.memoryBackingDir(privateDir), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(ChannelPaths.channelDir(privateDir));
            process = QemuLauncher.launch(cmd.argv(), cmd.cpuset(), cmd.environment(), logFile);
        } catch (IOException e) {
            throw QemuErrors.failed("cannot start QEMU for domain '" + d.name + "': " + e.getMessage(), d.name, e);
        }
        QemuRun run = new QemuRun(process, monitorSocket, cmd);
        LOG.log(System.Logger.Level.INFO,
                "domain ''{0}'': QEMU started, pid {1}; its command line and output are in {2}", d.name,
                String.valueOf(process.pid()), logFile);
        try {
            AtomicFiles.write(layout.pidFile(d.name), (process.pid() + "\n").getBytes(StandardCharsets.UTF_8));
            QemuMonitor monitor = connectMonitor(d, run, QmpClient.Options.DEFAULT);
            monitor.enableMigrationEvents();
            monitor.setActions(QemuCommandBuilder.lifecycleActions(live));
            for (DiskDevice disk : live.devices(DiskDevice.class)) {
                QemuCommand.DiskIds ids = cmd.disks().get(disk.targetDev());
                if (ids != null) {
                    QemuCommandBuilder.diskThrottle(disk, ids.device()).ifPresent(monitor::blockSetIoThrottle);
                }
            }
            if (QemuCommandBuilder.hasHotpluggedVcpus(live)) {
                for (Map<String, Object> vcpu : QemuCommandBuilder.hotpluggedVcpus(live, monitor.hotpluggableCpus())) {
                    monitor.deviceAdd(vcpu);
                }
            }
            run.vcpuThreads = monitor.vcpuThreadIds();
            pinThreads(live, process.pid(), monitor);
            live = withRuntimeDetails(live, monitor, cmd);
            if (incoming == null && live.currentMemoryKiB() < live.memoryKiB() && QemuCommandBuilder.hasBalloon(live)) {
                monitor.setBalloon(live.currentMemoryKiB() * 1024);
            }
            java.util.OptionalInt statsPeriod = QemuCommandBuilder.balloonStatsPeriod(live);
            if (statsPeriod.isPresent() && QemuCommandBuilder.hasBalloon(live)) {
                monitor.setBalloonStatsPeriod(statsPeriod.getAsInt());
            }
            if (incoming != null) {
                monitor.migrateIncoming(MigrationPipe.uri(privateDir));
                try (MigrationPipe pipe = MigrationPipe.fromFile(privateDir, incoming.file(), incoming.offset(), d.name)) {
                    node.fileMigration.awaitMigration(d, run, Duration.ofMinutes(10), "restore");
                    pipe.await(Duration.ofMinutes(1));
                }
            }
            if (!paused) {
                monitor.cont();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': start failed ({1}); killing QEMU pid {2}", d.name,
                    e.getMessage(), String.valueOf(process.pid()));
            process.kill(KILL_WAIT);
            cleanupFiles(d.name, monitorSocket);
            deleteQuietly(layout.pidFile(d.name));
            process.await(Duration.ofMillis(200));
            String qemuSaid = QemuLauncher.logTail(logFile, logOffset, 4000);
            if (e instanceof VirtException ve && qemuSaid.isEmpty()) {
                throw ve;
            }
            throw QemuErrors.failed("QEMU failed to start domain '" + d.name + "': "
                    + (qemuSaid.isEmpty() ? e.getMessage() : qemuSaid), d.name, e);
        }
        synchronized (domains) {
            synchronized (d) {
                d.live = live;
                d.id = id;
                d.run = run;
                d.state = paused ? DomainStateReason.PAUSED_USER : reason;
                run.phase = QemuRun.Phase.RUNNING;
                domains.activate(d, id);
                writeStatus(d, run);
                node.emit(d.ref(), detail);
                if (paused) {
                    node.emit(d.ref(), DomainEventDetail.SUSPENDED_PAUSED);
                }
            }
        }
        watchExit(d, run);
    }

    /**
     * Connects to the monitor of {@code run}, with its events going to {@link QemuMonitorEvents}
     * and its failures through {@link #monitorError}; sets {@code run.monitor}.
     *
     * @throws QmpException when QEMU's monitor does not come up
     */
    QemuMonitor connectMonitor(QemuDomain d, QemuRun run, QmpClient.Options options) throws QmpException {
        QmpClient client = QmpClient.connect(run.monitorSocket, options, new QemuMonitorEvents(node, d, run),
                run.process::isAlive);
        QemuMonitor monitor = new QemuMonitor(client, (command, e) -> monitorError(d, run, command, e));
        run.monitor = monitor;
        return monitor;
    }

    String accelFor(DomainDefinition def) {
        if (def.type().equals("kvm")) {
            KvmProbe.Status kvm = KvmProbe.status(node.catalog);
            if (!kvm.usable()) {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "domain type 'kvm' cannot run on this host: "
                        + kvm.reason() + "; use <domain type='qemu'> for TCG emulation", def.name());
            }
            return "kvm";
        }
        return "tcg";
    }

    /**
     * A guest's state saved in a file, from {@code offset} on, as a restore hands it to QEMU.
     *
     * @param file the save image
     * @param offset where the migration stream starts in it (after the image's header)
     */
    record SavedStream(Path file, long offset) {
    }

    /**
     * The private directory of a domain running as {@code id} (-1: a command line that will not run),
     * as libvirt names it; its monitor socket must fit a unix socket path.
     */
    Path privateDir(DomainDefinition def, int id) {
        Path dir = layout.privateDir(id, def.name());
        Path socket = QemuCommandBuilder.monitorSocket(dir);
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > 107) {
            throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "the state directory " + layout.libDir()
                    + " is too deep for the monitor socket " + socket + " (108 bytes at most)", def.name());
        }
        return dir;
    }

    /**
     * Sets the CPU affinity of QEMU's threads as {@code <cputune>} pins them, before the guest runs, as
     * libvirt does: the emulator's threads first (all of the process's), then each vCPU and I/O thread —
     * those not pinned themselves where {@code <vcpu cpuset>} says, else on every host CPU.
     */
    private static void pinThreads(DomainDefinition def, long pid, QemuMonitor monitor) throws IOException {
        ThreadPinning pins = ThreadPinning.of(def);
        if (pins.isEmpty()) {
            return;
        }
        String otherwise = def.cpuset() != null ? def.cpuset()
                : "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        if (pins.emulator() != null) {
            QemuLauncher.setAffinity(pid, pins.emulator(), true);
        }
        for (Map.Entry<Integer, Long> vcpu : monitor.vcpuThreadsByIndex().entrySet()) {
            int i = vcpu.getKey();
            if (pins.emulator() != null || pins.vcpus().containsKey(i)) {
                QemuLauncher.setAffinity(vcpu.getValue(), pins.vcpus().getOrDefault(i, otherwise), false);
            }
        }
        Map<String, Long> iothreads = monitor.iothreadThreadIds();
        for (Map.Entry<String, Long> t : iothreads.entrySet()) {
            Integer id = t.getKey().startsWith("iothread") ? Integer.valueOf(t.getKey().substring(8)) : null;
            if (id != null && (pins.emulator() != null || pins.iothreads().containsKey(id))) {
                QemuLauncher.setAffinity(t.getValue(), pins.iothreads().getOrDefault(id, otherwise), false);
            }
        }
    }

    /** A fresh private directory holding a new master key, readable by this user only. */
    private static void writeMasterKey(Path privateDir) throws IOException {
        Files.createDirectories(privateDir.getParent());
        try {
            Files.createDirectory(privateDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-x---")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // left by a QEMU that died with its driver: reused, its key replaced
        }
        byte[] key = new byte[32];
        MasterKeys.RANDOM.nextBytes(key);
        Path file = QemuCommandBuilder.masterKey(privateDir);
        Files.deleteIfExists(file);
        Files.write(file, key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** The live definition with what QEMU chose: pty paths, the VNC port. */
    private static DomainDefinition withRuntimeDetails(DomainDefinition live, QemuMonitor monitor, QemuCommand cmd) {
        boolean anyPty = live.devices(CharDevice.class).stream().anyMatch(c -> c.type().equals("pty"));
        Map<String, String> ptys = anyPty ? monitor.ptyPaths() : Map.of();
        OptionalInt vncPort = cmd.vncAutoport() ? monitor.vncPort() : OptionalInt.empty();
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
            } else if (dev instanceof GraphicsDevice g && g.type().equals("vnc")) {
                if (vncPort.isPresent()) {
                    dev = g.toBuilder().port(vncPort.getAsInt()).autoport(true).build();
                }
                password = g.passwd();
            } else if (dev instanceof GraphicsDevice g && g.passwd() != null) {
                // SPICE's password, as VNC's, is given over QMP rather than on the command line
                monitor.setPassword(g.type(), g.passwd());
            }
            devices.add(dev);
        }
        if (password != null) {
            monitor.setVncPassword(password);
        }
        return live.toBuilder().devices(devices).build();
    }

    // ---- stop -------------------------------------------------------------------------------------------

    /**
     * Ends the QEMU of {@code run} with SIGTERM, then SIGKILL unless {@code graceful}, and records its
     * end; false when it is still running (graceful, or not even SIGKILL ended it).
     */
    boolean terminate(QemuDomain d, QemuRun run, boolean graceful) {
        if (!run.process.terminate(TERM_GRACE, graceful ? null : KILL_WAIT)) {
            return false;
        }
        exited(d, run);
        return true;
    }

    void watchExit(QemuDomain d, QemuRun run) {
        run.process.onExit().whenComplete((status, err) -> exited(d, run));
    }

    /** QEMU of {@code run} has exited: the domain shuts off, with the reason its end tells. Idempotent. */
    void exited(QemuDomain d, QemuRun run) {
        if (node.isClosed()) {
            return;
        }
        synchronized (domains) {
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
                        layout.logFile(d.name), log.tail(d.name));
                stoppedLocked(d, run, reason, detail);
            }
        }
    }

    /** Caller holds the domain list's and the domain's monitors. */
    private void stoppedLocked(QemuDomain d, QemuRun run, DomainStateReason reason, DomainEventDetail detail) {
        run.phase = QemuRun.Phase.GONE;
        QemuMonitor monitor = run.monitor;
        if (monitor != null) {
            monitor.close();
        }
        for (var f : run.unplugs.values()) {
            f.complete(null);
        }
        run.migration.complete("closed");
        run.dump.complete("closed");
        cleanupFiles(d.name, run.monitorSocket);
        deleteQuietly(layout.pidFile(d.name));
        DomainRef before = d.ref();
        domains.deactivate(d);
        d.run = null;
        d.live = null;
        d.id = -1;
        d.state = reason;
        node.emit(before, detail);
        log.note(d.name, "shutting down, reason=" + reason.label() + "\n");
        if (!d.isPersistent()) {
            domains.unregister(d);
        }
    }

    /** Removes what a run leaves in the run directory: its socket, status and live XML. */
    void cleanupFiles(String name, Path monitorSocket) {
        for (Path p : List.of(monitorSocket, layout.statusFile(name), layout.liveXml(name))) {
            deleteQuietly(p);
        }
        Path privateDir = monitorSocket.getParent();
        if (privateDir != null && privateDir.getParent() != null && privateDir.getParent().equals(layout.libDir())) {
            deleteQuietly(QemuCommandBuilder.masterKey(privateDir));
            // a save or restore cut short by QEMU's end may not have closed its pipe yet
            deleteQuietly(privateDir.resolve(MigrationPipe.SOCKET));
            deleteQuietly(GraphicsSockets.socket(privateDir, "vnc"));
            deleteQuietly(GraphicsSockets.socket(privateDir, "spice"));
            deleteQuietly(privateDir);
            deleteTree(QemuCommandBuilder.memoryBackingDir(privateDir));
            deleteTree(ChannelPaths.channelDir(privateDir));
        }
    }

    /** Removes a directory and what it holds (sockets QEMU left), best effort. */
    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(QemuProcesses::deleteQuietly);
        } catch (IOException e) {
            // no directory: nothing to remove
        }
        deleteQuietly(dir);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a leftover file is found and replaced next time
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
            new DomainStatus(d.id, run.process.pid(), run.process.startTicks(), run.monitorSocket, d.state.name(),
                    threads.toString(), d.isPersistent(), run.balloonKiB).write(layout.statusFile(d.name));
        } catch (IOException e) {
            throw QemuErrors.system("cannot write the status of domain '" + d.name + "': " + e.getMessage(),
                    d.name, e);
        }
    }

    // ---- the running domain and its monitor ------------------------------------------------------------

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
            if (run.monitor == null) {
                throw QemuErrors.operationInvalid("the monitor of domain '" + d.name + "' is not connected", d.name);
            }
            return run;
        }
    }

    /**
     * The error of a failed monitor command. A monitor closed because QEMU ended (killed, crashed)
     * first has that end recorded, so that the domain is already shut off (crashed) when the caller
     * sees the error, which says so; during a start, QEMU's end is the start's to handle.
     */
    private VirtException monitorError(QemuDomain d, QemuRun run, String command, QmpException e) {
        if (e.kind() == QmpException.Kind.CLOSED && run.phase != QemuRun.Phase.STARTING && endedDuring(d, run)) {
            return QemuErrors.operationInvalid("domain is not running: " + qemuExited(run) + " during '" + command
                    + "'", d.name);
        }
        LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': monitor error ({1}) during ''{2}'': {3}", d.name,
                e.kind(), command, e.getMessage());
        return switch (e.kind()) {
            case COMMAND_ERROR -> QemuErrors.failed("QEMU refused '" + command + "' for domain '" + d.name + "': "
                    + e.getMessage(), d.name, e);
            case TIMEOUT -> QemuErrors.error(ErrorCode.OPERATION_TIMEOUT, e.getMessage(), d.name, e);
            case CLOSED -> QemuErrors.operationInvalid("domain is not running (monitor closed during '" + command
                    + "': " + e.getMessage() + ")", d.name);
            case PROTOCOL -> QemuErrors.internal("monitor error during '" + command + "': " + e.getMessage(), d.name,
                    e);
        };
    }

    /**
     * Whether QEMU of {@code run} has ended — waiting at most {@link #EXIT_WAIT} for a QEMU whose
     * monitor just broke to be reaped — and if so, after its end has been recorded: the domain is
     * shut off with the reason its end tells (crashed, unless the driver was ending it).
     */
    boolean endedDuring(QemuDomain d, QemuRun run) {
        if (node.isClosed()) {
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

    // ---- state changes, from the API and from QEMU -------------------------------------------------

    void paused(QemuDomain d, QemuRun run, DomainStateReason reason) {
        synchronized (d) {
            if (d.run != run || run.phase != QemuRun.Phase.RUNNING || d.state.state() != DomainState.RUNNING) {
                return;
            }
            d.state = reason;
            run.expectedPause = null;
            node.emit(d.ref(), switch (reason) {
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
            node.emit(d.ref(), DomainEventDetail.RESUMED_UNPAUSED);
        }
    }
}
