package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.state.SaveImage;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainRef;

/**
 * Save and restore, as libvirt's {@code qemuDomainSave} / {@code qemuDomainRestore} with
 * {@code qemu_saveimage.c}: the guest's state migrated into a file whose {@link SaveImage} header carries
 * the domain XML and whether it ran, written beside the target and renamed over it only once complete,
 * so that a failed or aborted save never leaves a file restore would accept.
 */
final class QemuSaveRestore {
    private final QemuNode node;

    QemuSaveRestore(QemuNode node) {
        this.node = node;
    }

    /** Saves; {@code flags} (RUNNING or PAUSED) overrides the state the image restores into. */
    void save(DomainRef ref, Path file, Set<SaveFlag> flags) {
        QemuDomain d = node.domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("save", node.jobWaitMillis)) {
            QemuRun run = node.processes.activeRun(d);
            DomainDefinition live;
            int id;
            DomainStateReason before;
            synchronized (d) {
                live = d.live;
                id = d.id;
                before = d.state;
            }
            boolean wasRunning = before.state() == DomainState.RUNNING;
            Path target = file.toAbsolutePath();
            Path dir = target.getParent();
            Path tmp = QemuFileMigration.partFileBeside(d, target, "the save of");
            run.internalPauses++;
            boolean done = false;
            try {
                if (wasRunning) {
                    run.monitor.stop();
                    synchronized (d) {
                        d.state = DomainStateReason.PAUSED_SAVE;
                    }
                }
                boolean runOnRestore = flags.contains(SaveFlag.RUNNING)
                        || wasRunning && !flags.contains(SaveFlag.PAUSED);
                writeHeader(d, tmp, target, SaveImage.header(DomainXml.format(live, id, true), runOnRestore));
                node.fileMigration.migrateToFile(d, run, tmp, QemuDomain.BackgroundJob.Kind.SAVE);
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
                QemuFileMigration.syncDirectory(dir);
                done = true;
            } catch (IOException e) {
                throw QemuErrors.system("cannot save domain '" + d.name + "' to '" + target + "': " + e.getMessage(),
                        d.name, e);
            } catch (VirtException e) {
                if (run.phase == QemuRun.Phase.GONE && run.stopIntent == null) {
                    // QEMU died under the save (killed, crashed): its end is recorded, the state is lost.
                    throw QemuErrors.failed("cannot save domain '" + d.name + "': " + QemuProcesses.qemuExited(run)
                            + " during the save; the guest's state is lost, the domain is shut off (crashed) and '"
                            + target + "' was not written", d.name, e);
                }
                throw e;
            } finally {
                if (!done) {
                    QemuProcesses.deleteQuietly(tmp);
                    run.internalPauses--;
                    if (wasRunning) {
                        QemuFileMigration.resumeAfterJob(d, run, DomainStateReason.RUNNING_SAVE_CANCELED, before);
                    }
                }
            }
            // The state is in the file: the domain shuts off, saved.
            run.stopIntent = DomainStateReason.SHUTOFF_SAVED;
            run.phase = QemuRun.Phase.STOPPING;
            run.process.terminate(QemuProcesses.TERM_GRACE, QemuProcesses.KILL_WAIT);
            node.processes.exited(d, run);
        }
    }

    private static void writeHeader(QemuDomain d, Path tmp, Path target, byte[] header) {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (IOException e) {
            throw QemuErrors.system("cannot write the header of '" + target + "' for domain '" + d.name
                    + "': " + e.getMessage(), d.name, e);
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
            String why = e instanceof NoSuchFileException ? "No such file or directory"
                    : e instanceof AccessDeniedException ? "Permission denied" : e.getMessage();
            throw QemuErrors.system("Failed to open domain image file '" + file + "': " + why, file.toString(), e);
        }
        DomainDefinition def = node.complete(DomainXml.parse(image.xml()));
        QemuDomain d = node.domains.domainFor(def);
        boolean fresh = d.isFreshlyCreated;
        try (QemuDomain.Job job = d.beginJob("restore", node.jobWaitMillis)) {
            synchronized (d) {
                if (d.isActive()) {
                    throw QemuErrors.operationInvalid("domain '" + d.name + "' is already active", d.name);
                }
            }
            QemuProcesses.SavedStream stream = new QemuProcesses.SavedStream(file.toAbsolutePath(), image.dataOffset());
            boolean paused = flags.contains(SaveFlag.PAUSED) || !image.wasRunning() && !flags.contains(SaveFlag.RUNNING);
            node.processes.launch(d, def, paused, stream, DomainStateReason.RUNNING_RESTORED,
                    DomainEventDetail.STARTED_RESTORED);
        } catch (RuntimeException e) {
            if (fresh) {
                node.domains.forgetIfUnused(d);
            }
            throw e;
        } finally {
            d.isFreshlyCreated = false;
        }
        synchronized (d) {
            return d.ref();
        }
    }
}
