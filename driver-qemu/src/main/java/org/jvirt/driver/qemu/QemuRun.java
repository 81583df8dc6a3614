package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.api.DomainStateReason;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.monitor.QemuMonitor;

/**
 * One run of a domain: its QEMU process and monitor, from start to exit. Fields other than the
 * final ones are guarded by the owning {@link QemuDomain}'s monitor unless they are volatile.
 */
final class QemuRun {
    enum Phase { STARTING, RUNNING, STOPPING, GONE }

    final QemuProcess process;
    /** The unix socket QEMU's monitor listens on. */
    final Path monitorSocket;
    final QemuCommand command;
    /** The monitor, once connected; null before. */
    volatile QemuMonitor monitor;
    volatile Phase phase = Phase.STARTING;
    /** Why this run is ending, when the driver ends it (destroy, save); null otherwise. */
    volatile DomainStateReason stopIntent;
    /** QEMU announced a shutdown (SHUTDOWN event); whether the guest asked for it. */
    volatile Boolean shutdownByGuest;
    /** The guest's memory as the balloon last reported it, in KiB; -1 when not reported. */
    volatile long balloonKiB = -1;
    /** Operations that pause the guest for themselves (save, dump): their STOP and RESUME are not the user's. */
    volatile int internalPauses;
    /** The pause reason the next STOP event is given, when the driver asked for it. */
    volatile DomainStateReason expectedPause;
    /** The vCPU thread ids, by vCPU index. */
    volatile List<Long> vcpuThreads = List.of();
    /** A reboot is under way: the next guest power-down resets the guest instead of ending QEMU. */
    volatile boolean rebooting;
    /** Whether the domain migrated out (its state went elsewhere). */
    volatile boolean migratedOut;
    /** Why the monitor broke, when it did while QEMU lived on. */
    volatile String monitorProblem;
    /** Device ids being unplugged, completed by DEVICE_DELETED. */
    final Map<String, CompletableFuture<Void>> unplugs = new ConcurrentHashMap<>();
    /** Completed with the final status of a migration (save or restore). */
    volatile CompletableFuture<String> migration = new CompletableFuture<>();
    /**
     * Completed by DUMP_COMPLETED with null when a detached core dump succeeded, or with why it
     * failed ("closed" when the monitor went away first).
     */
    volatile CompletableFuture<String> dump = new CompletableFuture<>();

    /** The disks QEMU has now, by target name (those of the command line, then hot-plugged ones). */
    final Map<String, QemuCommand.DiskIds> disks = new ConcurrentHashMap<>();
    /** The interfaces QEMU has now, by MAC address. */
    final Map<String, QemuCommand.NicIds> nics = new ConcurrentHashMap<>();

    QemuRun(QemuProcess process, Path monitorSocket, QemuCommand command) {
        this.process = process;
        this.monitorSocket = monitorSocket;
        this.command = command;
        disks.putAll(command.disks());
        nics.putAll(command.interfaces());
    }
}
