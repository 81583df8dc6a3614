package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.driver.qemu.domain.QemuRules;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.driver.qemu.probe.EmulatorCatalog;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.driver.qemu.state.StateLock;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.PostParse;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainRef;

/**
 * The QEMU driver's state for one state directory, shared by every connection of this JVM to it, as
 * libvirt's {@code virQEMUDriver}: the directory's lock (held while open), its emulators, its domains,
 * the connections' event sinks, and one object per concern, which the connections' {@link QemuDriver}s
 * call. Opening loads the definitions and reconnects to the QEMU processes a previous driver left.
 *
 * <p>Locking: a domain's job lock (long operations) is taken first; then the domain list's monitor,
 * then the domain's monitor; monitors are held only for in-memory work and event emission. QMP events
 * arrive on each monitor's reader thread and process exits on the JDK's reaper threads.
 */
final class QemuNode {
    final StateLayout layout;
    final EmulatorCatalog catalog;
    /** How this node reads definitions: libvirt's QEMU driver's post-parse rules, on its emulators. */
    final QemuRules rules;
    /** How long an operation waits for another's job on the same domain. */
    final long jobWaitMillis;
    /** Work that must not run on a monitor's reader thread (finishing a reboot, a late unplug). */
    final ExecutorService background;
    final QemuDomainList domains = new QemuDomainList();
    final QemuLog log;
    final QemuProcesses processes;
    final QemuDefinitions definitions;
    final QemuLifecycle lifecycle;
    final QemuFileMigration fileMigration;
    final QemuSaveRestore saves;
    final QemuCoreDump dumps;
    final QemuJobs jobs;
    final QemuMemory memory;
    final QemuStats stats;
    final QemuHotplug hotplug;
    private final StateLock lock;
    private final List<DomainEventSink> sinks = new CopyOnWriteArrayList<>();
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
        this.rules = new QemuRules(this::emulatorFor, DomainDefaults::randomMac, QemuRules.kvmRuns(catalog));
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qemu-driver " + layout.root());
            t.setDaemon(true);
            return t;
        });
        this.log = new QemuLog(layout);
        this.processes = new QemuProcesses(this);
        this.definitions = new QemuDefinitions(this);
        this.lifecycle = new QemuLifecycle(this);
        this.fileMigration = new QemuFileMigration(this);
        this.saves = new QemuSaveRestore(this);
        this.dumps = new QemuCoreDump(this);
        this.jobs = new QemuJobs(this);
        this.memory = new QemuMemory(this);
        this.stats = new QemuStats(this);
        this.hotplug = new QemuHotplug(this);
        try {
            definitions.loadAll();
            new QemuReconnect(this).all();
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

    /** Tells every connection's sink. */
    void emit(DomainRef ref, DomainEventDetail detail) {
        for (DomainEventSink s : sinks) {
            s.emit(ref, detail);
        }
    }

    /** Lets go of everything but the domains' processes, which run on and are found again next time. */
    void close() {
        closed = true;
        List<QemuMonitor> monitors = new ArrayList<>();
        for (QemuDomain d : domains.all()) {
            synchronized (d) {
                if (d.run != null && d.run.monitor != null) {
                    monitors.add(d.run.monitor);
                }
            }
        }
        monitors.forEach(QemuMonitor::close);
        background.shutdownNow();
        definitions.close();
        lock.close();
    }

    boolean isClosed() {
        return closed;
    }

    /** Starts the domains marked autostart that are not running. */
    void autostart() {
        for (QemuDomain d : domains.all()) {
            boolean due;
            synchronized (d) {
                due = d.autostart && !d.isActive() && d.isPersistent();
            }
            if (due) {
                try {
                    lifecycle.start(d.ref(), false);
                } catch (VirtException e) {
                    log.note(d.name, "autostart failed: " + e.getMessage() + "\n");
                }
            }
        }
    }

    // ---- emulators and definitions ------------------------------------------------------------------

    /** The emulator that runs {@code def}: its {@code <emulator>}, else the binary for its architecture. */
    EmulatorInfo emulatorFor(DomainDefinition def) {
        if (def.emulator() == null) {
            String arch = DomainDefaults.arch(def);
            Path binary = catalog.binaryForArch(arch);
            if (binary == null) {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "no QEMU emulator for architecture '" + arch
                        + "' is installed (found: " + String.join(", ", catalog.binaries().keySet()) + ")",
                        def.name());
            }
            return catalog.info(binary);
        }
        Path binary = Path.of(def.emulator());
        // One look at the file answers all three questions (is it there, may it run, has it changed).
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(binary, PosixFileAttributes.class);
        } catch (IOException e) {
            // virQEMUCapsCacheLookup's words for a binary that is not there
            throw QemuErrors.system("Cannot check QEMU binary " + def.emulator() + ": No such file or directory",
                    def.name(), null);
        }
        if (!binary.isAbsolute() || !attrs.isRegularFile() || !executable(attrs.permissions())) {
            throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "emulator '" + def.emulator()
                    + "' is not an executable absolute path", def.name());
        }
        return catalog.info(binary.normalize(), attrs);
    }

    private static boolean executable(Set<PosixFilePermission> p) {
        return p.contains(PosixFilePermission.OWNER_EXECUTE) || p.contains(PosixFilePermission.GROUP_EXECUTE)
                || p.contains(PosixFilePermission.OTHERS_EXECUTE);
    }

    /** A definition with libvirt's QEMU defaults filled in, checked enough to be worth keeping. */
    DomainDefinition complete(DomainDefinition def) {
        return PostParse.apply(def, rules);
    }
}
