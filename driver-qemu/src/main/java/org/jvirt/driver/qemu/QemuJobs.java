package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.BlockStats;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.DomainDefaults;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.process.ProcStat;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.state.SaveImage;
import org.jvirt.model.Device;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;
import org.jvirt.spi.AtomicFiles;
import org.jvirt.spi.DomainRef;

/**
 * The QEMU driver's longer jobs and resource operations: save and restore (migration to and from
 * a file whose header carries the domain XML), core dumps, memory through the balloon, vCPU
 * information, block and interface statistics, and hot-plugging disks and interfaces.
 */
final class QemuJobs {
    /** How long a detach waits for the guest to release the device, as libvirt's 5 s. */
    static final Duration UNPLUG_WAIT = Duration.ofSeconds(5);
    private static final Duration LONG = Duration.ofMinutes(30);
    private static final System.Logger LOG = System.getLogger(QemuJobs.class.getName());

    private final QemuNode node;

    QemuJobs(QemuNode node) {
        this.node = node;
    }

    // ---- save and restore -------------------------------------------------------------------------

    /** Saves; {@code flags} (RUNNING or PAUSED) overrides the state the image restores into. */
    void save(DomainRef ref, Path file, Set<SaveFlag> flags) {
        QemuDomain d = node.find(ref);
        try (QemuDomain.Job job = d.beginJob("save", node.jobWaitMillis)) {
            QemuRun run = node.activeRun(d);
            DomainDefinition live;
            int id;
            boolean wasRunning;
            synchronized (d) {
                live = d.live;
                id = d.id;
                wasRunning = d.state.state() == DomainState.RUNNING;
            }
            Path target = file.toAbsolutePath();
            Path dir = target.getParent();
            Path tmp;
            try {
                tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            } catch (IOException e) {
                throw QemuErrors.system("cannot create a file in '" + dir + "' to save domain '" + d.name + "': "
                        + e.getMessage(), d.name, e);
            }
            DomainStateReason before;
            synchronized (d) {
                before = d.state;
            }
            run.internalPauses++;
            boolean done = false;
            try {
                if (wasRunning) {
                    node.command(d, run, "stop", null);
                    synchronized (d) {
                        d.state = DomainStateReason.PAUSED_SAVE;
                    }
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    boolean runOnRestore = flags.contains(SaveFlag.RUNNING)
                            || wasRunning && !flags.contains(SaveFlag.PAUSED);
                    ByteBuffer b = ByteBuffer.wrap(SaveImage.header(DomainXml.format(live, id, true), runOnRestore));
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                } catch (IOException e) {
                    throw QemuErrors.system("cannot write the header of '" + target + "' for domain '" + d.name
                            + "': " + e.getMessage(), d.name, e);
                }
                migrateToFile(d, run, tmp, QemuDomain.BackgroundJob.Kind.SAVE);
                // The stream is complete: only now does the header stop saying "incomplete".
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                    SaveImage.markComplete(ch);
                }
                SaveImage.read(tmp); // what restore will read back
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                syncDirectory(dir);
                done = true;
            } catch (IOException e) {
                throw QemuErrors.system("cannot save domain '" + d.name + "' to '" + target + "': " + e.getMessage(),
                        d.name, e);
            } catch (VirtException e) {
                if (run.phase == QemuRun.Phase.GONE && run.stopIntent == null) {
                    // QEMU died under the save (killed, crashed): its end is recorded, the state is lost.
                    throw QemuErrors.failed("cannot save domain '" + d.name + "': " + QemuNode.qemuExited(run)
                            + " during the save; the guest's state is lost, the domain is shut off (crashed) and '"
                            + target + "' was not written", d.name, e);
                }
                throw e;
            } finally {
                if (!done) {
                    deleteQuietly(tmp);
                    run.internalPauses--;
                    if (wasRunning) {
                        resume(d, run, DomainStateReason.RUNNING_SAVE_CANCELED, before);
                    }
                }
            }
            // The state is in the file: the domain shuts off, saved.
            run.stopIntent = DomainStateReason.SHUTOFF_SAVED;
            run.phase = QemuRun.Phase.STOPPING;
            run.process.terminate(QemuNode.TERM_GRACE, QemuNode.KILL_WAIT);
            node.exited(d, run);
        }
    }

    /** Restores, running or paused as {@code flags} say, else as the image says. */
    DomainRef restore(Path file, Set<SaveFlag> flags) {
        SaveImage image;
        try {
            image = SaveImage.read(file);
        } catch (SaveImage.FormatException e) {
            throw QemuErrors.error(ErrorCode.OPERATION_FAILED, "cannot restore from '" + file + "': "
                    + e.getMessage(), file.toString(), e);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : e.getMessage();
            throw QemuErrors.system("Failed to open domain image file '" + file + "': " + why, file.toString(), e);
        }
        DomainDefinition def = node.complete(DomainXml.parse(image.xml()));
        QemuDomain d = node.domainFor(def);
        boolean fresh = d.isFreshlyCreated;
        try (QemuDomain.Job job = d.beginJob("restore", node.jobWaitMillis)) {
            synchronized (d) {
                if (d.isActive()) {
                    throw QemuErrors.operationInvalid("domain '" + d.name + "' is already active", d.name);
                }
            }
            String uri = "exec:tail -c +" + (image.dataOffset() + 1) + " " + shellQuote(file.toAbsolutePath().toString());
            boolean paused = flags.contains(SaveFlag.PAUSED) || !image.wasRunning() && !flags.contains(SaveFlag.RUNNING);
            node.launch(d, def, paused, uri, DomainStateReason.RUNNING_RESTORED,
                    DomainEventDetail.STARTED_RESTORED);
        } catch (RuntimeException e) {
            if (fresh) {
                node.forgetIfUnused(d);
            }
            throw e;
        } finally {
            d.isFreshlyCreated = false;
        }
        synchronized (d) {
            return d.ref();
        }
    }

    // ---- core dump --------------------------------------------------------------------------------------

    /**
     * A core dump as libvirt's: by default the guest's whole state in QEMU's migration format, the
     * guest paused meanwhile (unless {@link CoreDumpFlag#LIVE}) and resumed after ("unpaused"), abortable;
     * with {@link CoreDumpFlag#MEMORY_ONLY} an ELF core of the memory (dump-guest-memory), which QEMU
     * cannot abort. Either way into a temporary file renamed over {@code file} once complete.
     */
    void coreDump(DomainRef ref, Path file, Set<CoreDumpFlag> flags) {
        QemuDomain d = node.find(ref);
        try (QemuDomain.Job job = d.beginJob("dump", node.jobWaitMillis)) {
            QemuRun run = node.activeRun(d);
            Path target = file.toAbsolutePath();
            Path tmp;
            try {
                tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
            } catch (IOException e) {
                throw QemuErrors.system("cannot create a file in '" + target.getParent() + "' for the core dump of"
                        + " domain '" + d.name + "': " + e.getMessage(), d.name, e);
            }
            boolean wasRunning;
            DomainStateReason before;
            synchronized (d) {
                before = d.state;
                wasRunning = before.state() == DomainState.RUNNING;
            }
            boolean memoryOnly = flags.contains(CoreDumpFlag.MEMORY_ONLY);
            // A live dump lets the guest run on while QEMU writes it, as libvirt's with VIR_DUMP_LIVE.
            boolean pause = wasRunning && !memoryOnly && !flags.contains(CoreDumpFlag.LIVE);
            run.internalPauses++;
            boolean done = false;
            try {
                if (memoryOnly) {
                    dumpMemory(d, run, tmp);
                } else {
                    if (pause) {
                        node.command(d, run, "stop", null);
                        synchronized (d) {
                            d.state = DomainStateReason.PAUSED_DUMP;
                        }
                    }
                    migrateToFile(d, run, tmp, QemuDomain.BackgroundJob.Kind.DUMP);
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(target.getParent());
                done = true;
            } catch (IOException e) {
                throw QemuErrors.system("core dump of domain '" + d.name + "' to '" + target + "' failed: "
                        + e.getMessage(), d.name, e);
            } finally {
                run.internalPauses--;
                if (!done) {
                    deleteQuietly(tmp);
                }
                if (pause) {
                    resume(d, run, DomainStateReason.RUNNING_UNPAUSED, before);
                }
            }
        }
    }

    /**
     * Lets the guest run again after a job paused it, if QEMU still runs it: the state becomes
     * {@code resumed}, or stays {@code before} when QEMU refuses.
     */
    private static void resume(QemuDomain d, QemuRun run, DomainStateReason resumed, DomainStateReason before) {
        if (run.phase != QemuRun.Phase.RUNNING) {
            return;
        }
        try {
            run.qmp.execute("cont");
            synchronized (d) {
                d.state = resumed;
            }
        } catch (QmpException | RuntimeException e) {
            synchronized (d) {
                d.state = before;
            }
        }
    }

    /** The ELF core of the guest's memory, detached so that the monitor stays free for query-dump. */
    private void dumpMemory(QemuDomain d, QemuRun run, Path tmp) {
        run.dump = new CompletableFuture<>();
        d.background = new QemuDomain.BackgroundJob(QemuDomain.BackgroundJob.Kind.MEMORY_DUMP, run);
        try {
            run.qmp.execute("dump-guest-memory", Json.object("paging", false, "protocol", "file:" + tmp,
                    "detach", true));
            awaitDump(d, run);
        } catch (QmpException e) {
            throw node.monitorError(d, run, "dump-guest-memory", e);
        } finally {
            d.background = null;
        }
    }

    /**
     * Appends the guest's state, as QEMU migrates it, to {@code tmp} ({@code exec:cat >>}) and waits
     * for the stream to end: the background job jobInfo reports and abortJob cancels, which fails
     * this call with libvirt's "operation aborted: KIND: canceled by client".
     */
    private void migrateToFile(QemuDomain d, QemuRun run, Path tmp, QemuDomain.BackgroundJob.Kind kind) {
        run.migration = new CompletableFuture<>();
        QemuDomain.BackgroundJob background = new QemuDomain.BackgroundJob(kind, run);
        d.background = background;
        try {
            node.command(d, run, "migrate", Json.object("uri", "exec:cat >> " + shellQuote(tmp.toString())));
            node.awaitMigration(d, run, LONG, kind == QemuDomain.BackgroundJob.Kind.SAVE ? "save" : "core dump");
        } catch (VirtException e) {
            throw background.abortRequested && run.phase == QemuRun.Phase.RUNNING ? aborted(d, background, e) : e;
        } finally {
            d.background = null;
        }
    }

    /** Waits for the detached dump of {@code run} to end; OPERATION_FAILED unless it succeeded. */
    private void awaitDump(QemuDomain d, QemuRun run) {
        String failure = QemuNode.awaitEnd(d, run.dump, LONG, "core dump");
        if ("closed".equals(failure) && node.endedDuring(d, run)) {
            throw QemuErrors.failed(QemuNode.qemuExited(run) + " during the core dump of domain '" + d.name + "'",
                    d.name, null);
        }
        if (failure != null) {
            throw QemuErrors.failed("core dump of domain '" + d.name + "' failed: " + failure, d.name, null);
        }
    }

    // ---- background jobs ----------------------------------------------------------------------------

    /**
     * The running save's or core dump's progress, as libvirt's virDomainGetJobInfo reports it: an
     * unbounded job whose data are the guest's RAM (save and dump: QEMU's query-migrate) or the
     * memory-only dump's bytes (query-dump); {@link JobInfo#NONE} when none runs.
     */
    JobInfo jobInfo(DomainRef ref) {
        QemuDomain d = node.find(ref);
        QemuDomain.BackgroundJob job = d.background;
        if (job == null) {
            return JobInfo.NONE;
        }
        boolean migration = job.kind != QemuDomain.BackgroundJob.Kind.MEMORY_DUMP;
        String query = migration ? "query-migrate" : "query-dump";
        Map<String, Object> answer;
        try {
            answer = job.run.qmp.executeObject(query, null);
        } catch (QmpException e) {
            throw node.monitorError(d, job.run, query, e);
        }
        long total;
        long processed;
        long remaining;
        if (migration) {
            Map<?, ?> ram = answer.get("ram") instanceof Map<?, ?> m ? m : Map.of();
            total = number(ram.get("total"));
            remaining = number(ram.get("remaining"));
            processed = number(ram.get("transferred"));
        } else {
            total = number(answer.get("total"));
            processed = number(answer.get("completed"));
            remaining = Math.max(0, total - processed);
        }
        return new JobInfo(JobType.UNBOUNDED, job.elapsedMillis(), total, processed, remaining);
    }

    /**
     * Aborts the running save or core dump, as libvirt's virDomainAbortJob: QEMU cancels the
     * migration, the job fails with "operation aborted", its partial file is removed and the guest
     * runs on. A memory-only dump (dump-guest-memory) QEMU cannot cancel: OPERATION_INVALID, as libvirt.
     */
    void abortJob(DomainRef ref) {
        QemuDomain d = node.find(ref);
        QemuDomain.BackgroundJob job = d.background;
        if (job == null) {
            throw QemuErrors.operationInvalid("no job is active on the domain", d.name);
        }
        if (job.kind == QemuDomain.BackgroundJob.Kind.MEMORY_DUMP) {
            throw QemuErrors.operationInvalid("cannot abort memory-only dump", d.name);
        }
        job.abortRequested = true;
        LOG.log(System.Logger.Level.INFO, "domain ''{0}'': aborting its {1} at the client''s request", d.name,
                job.kind.label);
        try {
            job.run.qmp.execute("migrate_cancel");
        } catch (QmpException e) {
            throw node.monitorError(d, job.run, "migrate_cancel", e);
        }
    }

    private static VirtException aborted(QemuDomain d, QemuDomain.BackgroundJob job, VirtException cause) {
        return QemuErrors.error(ErrorCode.OPERATION_ABORTED, job.kind.label + ": canceled by client", d.name, cause);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    // ---- memory -----------------------------------------------------------------------------------------

    void setMemory(DomainRef ref, long kib, ModificationImpact impact) {
        QemuDomain d = node.find(ref);
        try (QemuDomain.Job job = d.beginJob("setmem", node.jobWaitMillis)) {
            boolean live = affectsLive(d, impact);
            DomainDefinition def;
            synchronized (d) {
                def = live ? d.live : d.persistent;
            }
            if (kib > def.memoryKiB()) {
                throw QemuErrors.invalidArg("cannot set memory higher than max memory", d.name);
            }
            if (live) {
                QemuRun run = node.activeRun(d);
                boolean balloon = def.devices(MemballoonDevice.class).stream()
                        .anyMatch(b -> b.model() == null || b.model().equals("virtio"));
                if (!balloon) {
                    throw QemuErrors.operationInvalid("Unable to change memory of active domain without a balloon"
                            + " device", d.name);
                }
                node.command(d, run, "balloon", Json.object("value", kib * 1024));
                synchronized (d) {
                    d.live = d.live.toBuilder().currentMemoryKiB(kib).build();
                    node.writeStatus(d, run);
                }
            } else {
                DomainDefinition changed = def.toBuilder().currentMemoryKiB(kib).build();
                synchronized (d) {
                    node.persist(d, changed);
                }
            }
        }
    }

    void setMaxMemory(DomainRef ref, long kib, ModificationImpact impact) {
        QemuDomain d = node.find(ref);
        try (QemuDomain.Job job = d.beginJob("setmaxmem", node.jobWaitMillis)) {
            if (affectsLive(d, impact)) {
                throw QemuErrors.operationInvalid("cannot resize the maximum memory on an active domain", d.name);
            }
            synchronized (d) {
                DomainDefinition def = d.persistent;
                node.persist(d, def.toBuilder().memoryKiB(kib).currentMemoryKiB(Math.min(kib, def.currentMemoryKiB()))
                        .build());
            }
        }
    }

    private boolean affectsLive(QemuDomain d, ModificationImpact impact) {
        synchronized (d) {
            switch (impact) {
                case LIVE:
                    if (!d.isActive()) {
                        throw QemuErrors.notRunning(d.name);
                    }
                    return true;
                case CONFIG:
                    if (!d.isPersistent()) {
                        throw QemuErrors.operationInvalid("transient domains do not have any persistent config", d.name);
                    }
                    return false;
                default:
                    return d.isActive();
            }
        }
    }

    // ---- vCPUs --------------------------------------------------------------------------------------------

    List<VcpuInfo> vcpuInfo(DomainRef ref) {
        QemuDomain d = node.find(ref);
        QemuRun run;
        synchronized (d) {
            run = d.run;
            if (run == null) {
                throw QemuErrors.operationInvalid("cannot list vcpus for an inactive domain", d.name);
            }
        }
        long pid = run.process.pid();
        List<VcpuInfo> out = new ArrayList<>();
        List<Long> threads = run.vcpuThreads;
        for (int i = 0; i < threads.size(); i++) {
            long tid = threads.get(i);
            ProcStat st = tid > 0 ? ProcStat.ofThread(pid, tid) : null;
            BitSet affinity = affinity(pid, tid);
            out.add(new VcpuInfo(i, 1, st == null ? 0 : st.cpuTimeNanos(), st == null ? -1 : st.lastCpu(), affinity));
        }
        return out;
    }

    private static BitSet affinity(long pid, long tid) {
        BitSet set = new BitSet();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid),
                    "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String part : line.substring(18).trim().split(",")) {
                        String[] r = part.split("-");
                        int from = Integer.parseInt(r[0].trim());
                        int to = r.length > 1 ? Integer.parseInt(r[1].trim()) : from;
                        set.set(from, to + 1);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            set.set(0, Runtime.getRuntime().availableProcessors());
        }
        return set;
    }

    // ---- statistics ---------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    BlockStats blockStats(DomainRef ref, String disk) {
        QemuDomain d = node.find(ref);
        QemuRun run = node.activeRun(d);
        DomainDefinition live;
        synchronized (d) {
            live = d.live;
        }
        DiskDevice found = null;
        for (DiskDevice dd : live.devices(DiskDevice.class)) {
            if (dd.targetDev().equals(disk) || disk.equals(dd.source())) {
                found = dd;
            }
        }
        QemuCommand.DiskIds ids = found == null ? null : run.disks.get(found.targetDev());
        if (ids == null) {
            throw QemuErrors.invalidArg("invalid path: " + disk, d.name);
        }
        List<Object> all;
        try {
            all = run.qmp.executeList("query-blockstats", null);
        } catch (QmpException e) {
            throw node.monitorError(d, run, "query-blockstats", e);
        }
        for (Object o : all) {
            Map<String, Object> entry = (Map<String, Object>) o;
            String qdev = (String) entry.get("qdev");
            String nodeName = (String) entry.get("node-name");
            boolean mine = ids.node() != null && ids.node().equals(nodeName)
                    || qdev != null && (qdev.equals(ids.device()) || qdev.contains("/" + ids.device() + "/")
                    || qdev.endsWith("/" + ids.device()));
            if (mine) {
                Map<String, Object> s = (Map<String, Object>) entry.get("stats");
                return new BlockStats(num(s, "rd_operations"), num(s, "rd_bytes"), num(s, "wr_operations"),
                        num(s, "wr_bytes"), -1);
            }
        }
        throw QemuErrors.internal("QEMU reports no statistics for disk '" + disk + "' of domain '" + d.name + "'",
                d.name, null);
    }

    private static long num(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Number n ? n.longValue() : -1;
    }

    InterfaceStats interfaceStats(DomainRef ref, String device) {
        QemuDomain d = node.find(ref);
        QemuRun run = node.activeRun(d);
        DomainDefinition live;
        synchronized (d) {
            live = d.live;
        }
        InterfaceDevice nic = null;
        for (InterfaceDevice n : live.devices(InterfaceDevice.class)) {
            if (device.equals(n.targetDev()) || device.equalsIgnoreCase(n.mac())) {
                nic = n;
            }
        }
        if (nic == null) {
            throw QemuErrors.invalidArg("invalid path, '" + device + "' is not a known interface", d.name);
        }
        if (nic.type().equals("user")) {
            throw QemuErrors.error(ErrorCode.OPERATION_UNSUPPORTED, "interface statistics are not available for"
                    + " user-mode networking (interface " + nic.mac() + "): QEMU keeps no counters for it", d.name);
        }
        String ifname = nic.targetDev();
        if (ifname == null) {
            throw QemuErrors.internal("the host device of interface " + nic.mac() + " is not known", d.name, null);
        }
        Path stats = Path.of("/sys/class/net", ifname, "statistics");
        // The host sees the tap from the other side: its rx is the guest's tx.
        return new InterfaceStats(sys(stats, "tx_bytes"), sys(stats, "tx_packets"), sys(stats, "tx_errors"),
                sys(stats, "tx_dropped"), sys(stats, "rx_bytes"), sys(stats, "rx_packets"), sys(stats, "rx_errors"),
                sys(stats, "rx_dropped"));
    }

    private static long sys(Path dir, String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    // ---- devices ----------------------------------------------------------------------------------------------

    /**
     * Adds a device: to the persistent definition (CONFIG, or CURRENT on an inactive domain), which
     * is written at once; or to the running guest over QMP (LIVE, or CURRENT on an active domain).
     */
    void attach(DomainRef ref, Device device, ModificationImpact impact) {
        QemuDomain d = node.find(ref);
        try (QemuDomain.Job job = d.beginJob("attach", node.jobWaitMillis)) {
            if (!affectsLive(d, impact)) {
                synchronized (d) {
                    DomainDefinition changed = withDevice(d.persistent, device, d.name);
                    node.persist(d, node.complete(changed));
                }
                return;
            }
            QemuRun run = node.activeRun(d);
            DomainDefinition live;
            synchronized (d) {
                live = d.live;
            }
            Device added;
            if (device instanceof DiskDevice disk) {
                added = attachDisk(d, run, live, disk);
            } else if (device instanceof InterfaceDevice nic) {
                added = attachNic(d, run, live, nic);
            } else {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "live attach of device <" + device.elementName()
                        + "> is not supported by the QEMU driver, only disks and interfaces", d.name);
            }
            synchronized (d) {
                d.live = d.live.toBuilder().addDevice(added).build();
                node.writeStatus(d, run);
            }
        }
    }

    private Device attachDisk(QemuDomain d, QemuRun run, DomainDefinition live, DiskDevice disk) {
        for (DiskDevice existing : live.devices(DiskDevice.class)) {
            if (existing.targetDev().equals(disk.targetDev())) {
                throw QemuErrors.operationInvalid("target " + disk.targetDev() + " already exists", d.name);
            }
        }
        int index = 0;
        while (idTaken(run, "virtio-disk" + index)) {
            index++;
        }
        QemuCommandBuilder.DiskPlan plan = QemuCommandBuilder.planDisk(d.name, disk, live.os().machine(), isPcie(live),
                index);
        List<String> rollback = new ArrayList<>();
        try {
            if (disk.targetBus().equals("scsi") && !run.scsiController) {
                Map<String, Object> ctl = Json.object("driver", "virtio-scsi-pci", "id", "scsi0");
                placeOnRootPort(run, live, "scsi0", ctl);
                node.command(d, run, "device_add", ctl);
                run.scsiController = true;
            }
            if (plan.blockdevFile() != null) {
                node.command(d, run, "blockdev-add", plan.blockdevFile());
                rollback.add(plan.ids().fileNode());
                node.command(d, run, "blockdev-add", plan.blockdevFormat());
                rollback.add(0, plan.ids().node());
            }
            Map<String, Object> dev = new LinkedHashMap<>();
            dev.put("driver", plan.deviceDriver());
            if (plan.ids().node() != null) {
                dev.put("drive", plan.ids().node());
            }
            dev.putAll(props(plan.busProps()));
            dev.put("id", plan.ids().device());
            if (disk.serial() != null) {
                dev.put("serial", disk.serial());
            }
            plan.writeCache().ifPresent(wc -> dev.put("write-cache", wc));
            if (plan.deviceDriver().equals("virtio-blk-pci")) {
                placeOnRootPort(run, live, plan.ids().device(), dev);
            }
            node.command(d, run, "device_add", dev);
        } catch (VirtException e) {
            for (String n : rollback) {
                try {
                    run.qmp.execute("blockdev-del", Json.object("node-name", n));
                } catch (QmpException | RuntimeException ignored) {
                    // best effort
                }
            }
            run.rootPorts.remove(plan.ids().device());
            throw e;
        }
        run.disks.put(disk.targetDev(), plan.ids());
        return disk;
    }

    private static boolean idTaken(QemuRun run, String id) {
        for (QemuCommand.DiskIds ids : run.disks.values()) {
            if (ids.device().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private Device attachNic(QemuDomain d, QemuRun run, DomainDefinition live, InterfaceDevice nic) {
        if (nic.mac() == null) {
            nic = nic.toBuilder().mac(DomainDefaults.randomMac()).build();
        }
        if (run.nics.containsKey(nic.mac())) {
            throw QemuErrors.operationInvalid("an interface with MAC address " + nic.mac() + " already exists", d.name);
        }
        int index = 0;
        while (nicIndexTaken(run, index)) {
            index++;
        }
        QemuCommandBuilder.NicPlan plan = QemuCommandBuilder.planInterface(d.name, nic, index, live.os().arch(),
                Set0.EMPTY, isPcie(live));
        Map<String, Object> netdev = new LinkedHashMap<>();
        Map<String, String> np = props("," + plan.netdev());
        netdev.put("type", np.remove("@driver"));
        netdev.putAll(np);
        node.command(d, run, "netdev_add", netdev);
        try {
            Map<String, Object> dev = new LinkedHashMap<>(props("," + plan.device()));
            dev.put("driver", dev.remove("@driver"));
            if (!plan.needsUsb()) {
                placeOnRootPort(run, live, plan.ids().device(), dev);
            }
            node.command(d, run, "device_add", dev);
        } catch (VirtException e) {
            try {
                run.qmp.execute("netdev_del", Json.object("id", plan.ids().netdev()));
            } catch (QmpException | RuntimeException ignored) {
                // best effort
            }
            run.rootPorts.remove(plan.ids().device());
            throw e;
        }
        run.nics.put(nic.mac(), plan.ids());
        return nic;
    }

    private static boolean nicIndexTaken(QemuRun run, int index) {
        for (QemuCommand.NicIds ids : run.nics.values()) {
            if (ids.device().equals("net" + index)) {
                return true;
            }
        }
        return false;
    }

    /** On PCIe machines a hot-plugged PCI device needs a free root port of its own. */
    private void placeOnRootPort(QemuRun run, DomainDefinition live, String id, Map<String, Object> dev) {
        if (!isPcie(live)) {
            return;
        }
        for (int i = 1; i <= QemuCommandBuilder.SPARE_ROOT_PORTS; i++) {
            String port = "pci." + i;
            if (!run.rootPorts.containsValue(port)) {
                run.rootPorts.put(id, port);
                dev.put("bus", port);
                return;
            }
        }
        throw QemuErrors.operationInvalid("no free PCIe root port to hot-plug '" + id + "' into (there are "
                + QemuCommandBuilder.SPARE_ROOT_PORTS + ")", null);
    }

    private static boolean isPcie(DomainDefinition live) {
        String m = live.os().machine();
        return m.equals("q35") || m.startsWith("pc-q35") || m.equals("virt") || m.startsWith("virt-");
    }

    /** {@code ,drv,a=b,c=d} (with QEMU's doubled commas) as a map; the first bare word under {@code @driver}. */
    static Map<String, String> props(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                if (i + 1 < s.length() && s.charAt(i + 1) == ',') {
                    cur.append(',');
                    i++;
                } else {
                    parts.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                m.put("@driver", p);
            } else {
                m.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return m;
    }

    /** Removes a device from the definitions {@code impact} selects, as {@link #attach} adds one. */
    void detach(DomainRef ref, Device device, ModificationImpact impact) {
        QemuDomain d = node.find(ref);
        try (QemuDomain.Job job = d.beginJob("detach", node.jobWaitMillis)) {
            if (!affectsLive(d, impact)) {
                synchronized (d) {
                    node.persist(d, withoutDevice(d.persistent, device, d.name));
                }
                return;
            }
            QemuRun run = node.activeRun(d);
            DomainDefinition live;
            synchronized (d) {
                live = d.live;
            }
            Device target = matching(live, device, d.name);
            String devId;
            Runnable cleanup;
            if (target instanceof DiskDevice disk) {
                QemuCommand.DiskIds ids = run.disks.get(disk.targetDev());
                devId = ids.device();
                cleanup = () -> {
                    for (String n : new String[] {ids.node(), ids.fileNode()}) {
                        if (n != null) {
                            try {
                                run.qmp.execute("blockdev-del", Json.object("node-name", n));
                            } catch (QmpException | RuntimeException ignored) {
                                // the node may be gone with the device
                            }
                        }
                    }
                    run.disks.remove(disk.targetDev());
                };
            } else if (target instanceof InterfaceDevice nic) {
                QemuCommand.NicIds ids = run.nics.get(nic.mac());
                devId = ids.device();
                cleanup = () -> {
                    try {
                        run.qmp.execute("netdev_del", Json.object("id", ids.netdev()));
                    } catch (QmpException | RuntimeException ignored) {
                        // best effort
                    }
                    run.nics.remove(nic.mac());
                };
            } else {
                throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "live detach of device <" + device.elementName()
                        + "> is not supported by the QEMU driver, only disks and interfaces", d.name);
            }
            CompletableFuture<Void> gone = new CompletableFuture<>();
            run.unplugs.put(devId, gone);
            node.command(d, run, "device_del", Json.object("id", devId));
            Runnable finish = () -> {
                run.unplugs.remove(devId);
                run.rootPorts.remove(devId);
                cleanup.run();
                synchronized (d) {
                    if (d.run == run) {
                        d.live = withoutDevice(d.live, target, d.name);
                        node.writeStatus(d, run);
                    }
                }
            };
            try {
                gone.get(UNPLUG_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                finish.run();
            } catch (java.util.concurrent.TimeoutException e) {
                // As libvirt: the request stands; the guest finishes it when it releases the device.
                gone.thenRunAsync(finish, node.background);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                finish.run();
            }
        }
    }

    private static Device matching(DomainDefinition def, Device device, String domain) {
        for (Device dev : def.devices()) {
            if (device instanceof DiskDevice want && dev instanceof DiskDevice have
                    && have.targetDev().equals(want.targetDev())) {
                return dev;
            }
            if (device instanceof InterfaceDevice want && dev instanceof InterfaceDevice have
                    && (want.mac() == null || want.mac().equals(have.mac()))) {
                return dev;
            }
        }
        throw QemuErrors.error(ErrorCode.DEVICE_MISSING, "matching device not found: " + device.elementName()
                + (device instanceof DiskDevice dd ? " " + dd.targetDev()
                : device instanceof InterfaceDevice nic && nic.mac() != null ? " " + nic.mac() : ""), domain);
    }

    private static DomainDefinition withDevice(DomainDefinition def, Device device, String domain) {
        if (device instanceof DiskDevice disk) {
            for (DiskDevice existing : def.devices(DiskDevice.class)) {
                if (existing.targetDev().equals(disk.targetDev())) {
                    throw QemuErrors.operationInvalid("target " + disk.targetDev() + " already exists", domain);
                }
            }
        } else if (!(device instanceof InterfaceDevice)) {
            throw QemuErrors.error(ErrorCode.CONFIG_UNSUPPORTED, "attaching device <" + device.elementName()
                    + "> is not supported by the QEMU driver, only disks and interfaces", domain);
        }
        return def.toBuilder().addDevice(device).build();
    }

    private static DomainDefinition withoutDevice(DomainDefinition def, Device device, String domain) {
        Device target = matching(def, device, domain);
        List<Device> rest = new ArrayList<>(def.devices());
        rest.remove(target);
        return def.toBuilder().devices(rest).build();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Quotes a word for {@code /bin/sh}, which QEMU's {@code exec:} migration runs. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync directories; the rename is atomic anyway
        }
    }

    /** An empty type set: hot-plug trusts QEMU to refuse a model it lacks, with its own message. */
    private static final class Set0 {
        static final java.util.Set<String> EMPTY = java.util.Set.of();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void write(Path file, String s) throws IOException {
        AtomicFiles.write(file, utf8(s));
    }
}
