package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.qmp.QmpClient;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.state.DomainStatus;
import org.jvirt.driver.qemu.state.StateLayout;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;

/**
 * Finding the QEMU processes a previous driver left running, as libvirt's {@code qemuProcessReconnect}:
 * each status file names a process (pid and start time, so that a reused pid is not mistaken for it)
 * and its monitor; a QEMU still there is adopted and watched again, one that died meanwhile leaves its
 * domain shut off (crashed), and a start that never finished (pid file without status) is killed.
 */
final class QemuReconnect {
    private static final System.Logger LOG = System.getLogger(QemuReconnect.class.getName());
    /** How long a reconnect waits for a monitor that is there but slow. */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    private final QemuNode node;
    private final StateLayout layout;
    private final QemuDomainList domains;

    QemuReconnect(QemuNode node) {
        this.node = node;
        this.layout = node.layout;
        this.domains = node.domains;
    }

    /** Reconnects to every domain with a status file, then kills the QEMU of every unfinished start. */
    void all() {
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
            LOG.log(System.Logger.Level.WARNING, "cannot look for unfinished starts in {0}: {1}", layout.runDir(),
                    e.getMessage());
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
            LOG.log(System.Logger.Level.WARNING, "cannot read the pid file {0} of an unfinished start: {1}", pidFile,
                    e.getMessage());
        }
    }

    private void reconnect(String name) {
        DomainStatus st;
        DomainDefinition live;
        try {
            st = DomainStatus.read(layout.statusFile(name));
            live = DomainXml.parse(QemuDefinitions.readLimited(layout.liveXml(name)));
        } catch (IOException | VirtException e) {
            node.log.note(name, "cannot reconnect, damaged status: " + e.getMessage() + "\n");
            LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': cannot reconnect, damaged status: {1}", name,
                    e.getMessage());
            return;
        }
        QemuDomain d;
        synchronized (domains) {
            d = domains.get(live.uuid());
            if (d == null) {
                d = new QemuDomain(live.name(), live.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
                if (!domains.registerIfFree(d)) {
                    return;
                }
            }
        }
        Optional<QemuProcess> proc = QemuProcess.adopt(st.pid(), st.startTicks());
        if (proc.isPresent() && adopt(d, proc.get(), st, live)) {
            return;
        }
        // QEMU died while nobody watched: the domain crashed.
        synchronized (domains) {
            synchronized (d) {
                node.processes.cleanupFiles(name, st.monitor());
                QemuProcesses.deleteQuietly(layout.pidFile(name));
                d.state = DomainStateReason.SHUTOFF_CRASHED;
                node.log.note(name, "QEMU (pid " + st.pid() + ") ended while jvirt was away\n");
                if (!d.isPersistent()) {
                    domains.unregister(d);
                }
            }
        }
    }

    /** Connects to a QEMU still running and makes it the domain's run; false (QEMU stopped) when its monitor is lost. */
    private boolean adopt(QemuDomain d, QemuProcess process, DomainStatus st, DomainDefinition live) {
        QemuCommand cmd;
        try {
            cmd = QemuCommandBuilder.build(live, node.emulatorFor(live), live.type().equals("kvm") ? "kvm" : "tcg",
                    st.monitor().getParent(), false);
        } catch (VirtException e) {
            // The device ids a hot-plug or statistics need are unknown, but the guest runs on.
            cmd = new QemuCommand(List.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), false);
        }
        QemuRun run = new QemuRun(process, st.monitor(), cmd);
        List<Long> threads = new ArrayList<>();
        for (String t : st.vcpuThreads().split(",")) {
            if (!t.isBlank()) {
                threads.add(Long.parseLong(t.trim()));
            }
        }
        run.vcpuThreads = List.copyOf(threads);
        run.balloonKiB = st.balloonKiB();
        try {
            QemuMonitor monitor = node.processes.connectMonitor(d, run,
                    QmpClient.Options.DEFAULT.withConnectTimeout(CONNECT_WAIT));
            boolean running = monitor.isRunning();
            DomainStateReason saved = parseReason(st.state());
            DomainStateReason state = running
                    ? (saved.state() == DomainState.RUNNING ? saved : DomainStateReason.RUNNING_UNPAUSED)
                    : (saved.state() == DomainState.PAUSED ? saved : DomainStateReason.PAUSED_USER);
            synchronized (domains) {
                synchronized (d) {
                    d.live = live;
                    d.id = st.id();
                    d.run = run;
                    d.state = state;
                    run.phase = QemuRun.Phase.RUNNING;
                    domains.activate(d, st.id());
                }
            }
            LOG.log(System.Logger.Level.INFO, "domain ''{0}'': reconnected to QEMU pid {1}", d.name,
                    String.valueOf(process.pid()));
            node.processes.watchExit(d, run);
            return true;
        } catch (QmpException | VirtException e) {
            LOG.log(System.Logger.Level.WARNING, "domain ''{0}'': cannot reconnect to the monitor, given up: {1}",
                    d.name, e.getMessage());
            node.log.note(d.name, "cannot reconnect to the monitor: " + e.getMessage()
                    + "; stopping QEMU\n");
            process.terminate(QemuProcesses.TERM_GRACE, QemuProcesses.KILL_WAIT);
            return false;
        }
    }

    private static DomainStateReason parseReason(String s) {
        try {
            return DomainStateReason.valueOf(s);
        } catch (IllegalArgumentException e) {
            return DomainStateReason.RUNNING_UNKNOWN;
        }
    }
}
