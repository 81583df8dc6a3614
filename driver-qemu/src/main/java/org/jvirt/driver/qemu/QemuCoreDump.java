package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.spi.DomainRef;

/**
 * Core dumps, as libvirt's {@code qemuDomainCoreDumpWithFormat}: by default the guest's whole state in
 * QEMU's migration format, the guest paused meanwhile (unless {@link CoreDumpFlag#LIVE}) and resumed
 * after ("unpaused"), abortable; with {@link CoreDumpFlag#MEMORY_ONLY} an ELF core of the memory
 * (dump-guest-memory), which QEMU cannot abort. Either way into a temporary file renamed over the
 * target once complete.
 */
final class QemuCoreDump {
    private final QemuNode node;

    QemuCoreDump(QemuNode node) {
        this.node = node;
    }

    void coreDump(DomainRef ref, Path file, Set<CoreDumpFlag> flags) {
        QemuDomain d = node.domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("dump", node.jobWaitMillis)) {
            QemuRun run = node.processes.activeRun(d);
            Path target = file.toAbsolutePath();
            Path tmp = QemuFileMigration.partFileBeside(d, target, "the core dump of");
            DomainStateReason before;
            synchronized (d) {
                before = d.state;
            }
            boolean memoryOnly = flags.contains(CoreDumpFlag.MEMORY_ONLY);
            // A live dump lets the guest run on while QEMU writes it, as libvirt's with VIR_DUMP_LIVE.
            boolean pause = before.state() == DomainState.RUNNING && !memoryOnly && !flags.contains(CoreDumpFlag.LIVE);
            run.internalPauses++;
            boolean done = false;
            try {
                if (memoryOnly) {
                    dumpMemory(d, run, tmp);
                } else {
                    if (pause) {
                        run.monitor.stop();
                        synchronized (d) {
                            d.state = DomainStateReason.PAUSED_DUMP;
                        }
                    }
                    node.fileMigration.migrateToFile(d, run, tmp, QemuDomain.BackgroundJob.Kind.DUMP);
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                QemuFileMigration.syncDirectory(target.getParent());
                done = true;
            } catch (IOException e) {
                throw QemuErrors.system("core dump of domain '" + d.name + "' to '" + target + "' failed: "
                        + e.getMessage(), d.name, e);
            } finally {
                run.internalPauses--;
                if (!done) {
                    QemuProcesses.deleteQuietly(tmp);
                }
                if (pause) {
                    QemuFileMigration.resumeAfterJob(d, run, DomainStateReason.RUNNING_UNPAUSED, before);
                }
            }
        }
    }

    /** The ELF core of the guest's memory, detached so that the monitor stays free for query-dump. */
    private void dumpMemory(QemuDomain d, QemuRun run, Path tmp) {
        run.dump = new CompletableFuture<>();
        d.background = new QemuDomain.BackgroundJob(QemuDomain.BackgroundJob.Kind.MEMORY_DUMP, run);
        try {
            run.monitor.dumpGuestMemory(tmp);
            awaitDump(d, run);
        } finally {
            d.background = null;
        }
    }

    /** Waits for the detached dump of {@code run} to end; OPERATION_FAILED unless it succeeded. */
    private void awaitDump(QemuDomain d, QemuRun run) {
        String failure = QemuFileMigration.awaitEnd(d, run.dump, QemuFileMigration.LONG, "core dump");
        if ("closed".equals(failure) && node.processes.endedDuring(d, run)) {
            throw QemuErrors.failed(QemuProcesses.qemuExited(run) + " during the core dump of domain '" + d.name
                    + "'", d.name, null);
        }
        if (failure != null) {
            throw QemuErrors.failed("core dump of domain '" + d.name + "' failed: " + failure, d.name, null);
        }
    }
}
