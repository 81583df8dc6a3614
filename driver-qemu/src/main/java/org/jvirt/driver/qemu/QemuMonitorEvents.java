package org.jvirt.driver.qemu;

import java.util.Map;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.driver.qemu.qmp.QmpEvent;
import org.jvirt.driver.qemu.qmp.QmpException;
import org.jvirt.driver.qemu.qmp.QmpListener;

/**
 * One run's QMP events turned into state changes and lifecycle events, as the event handlers of
 * libvirt's {@code qemu_process.c}: pauses and resumes, guest shutdowns and reboots, panics, the
 * balloon, unplugged devices, and the ends of migrations and dumps that jobs wait for.
 *
 * <p>Called on the monitor's reader thread, in QEMU's order; takes only the domain's monitor, and
 * hands anything that talks to QEMU (finishing a reboot) to the node's background threads.
 */
final class QemuMonitorEvents implements QmpListener {
    private final QemuNode node;
    private final QemuDomain d;
    private final QemuRun run;

    QemuMonitorEvents(QemuNode node, QemuDomain d, QemuRun run) {
        this.node = node;
        this.d = d;
        this.run = run;
    }

    @Override
    public void onEvent(QmpEvent e) {
        switch (e.name()) {
            case "STOP" -> stopped();
            case "RESUME" -> {
                if (run.internalPauses == 0) {
                    node.processes.resumed(d, run);
                }
            }
            case "SHUTDOWN" -> {
                boolean guest = e.bool("guest", false);
                run.shutdownByGuest = guest;
                if (run.stopIntent == null && !run.rebooting) {
                    synchronized (d) {
                        if (d.run == run) {
                            node.emit(d.ref(), guest ? DomainEventDetail.SHUTDOWN_GUEST
                                    : DomainEventDetail.SHUTDOWN_HOST);
                        }
                    }
                }
            }
            case "GUEST_PANICKED" -> {
                synchronized (d) {
                    if (d.run == run) {
                        d.state = DomainStateReason.CRASHED_PANICKED;
                        node.emit(d.ref(), DomainEventDetail.CRASHED_PANICKED);
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

    /** STOP: the user's or the guest's pause, or the power-down half of a reboot. */
    private void stopped() {
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
            node.background.execute(this::finishReboot);
            return;
        }
        node.processes.paused(d, run, why);
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

    /** After the guest powered down for a reboot (QEMU paused instead of exiting): reset and run again. */
    private void finishReboot() {
        QemuMonitor monitor = run.monitor;
        try {
            monitor.systemReset();
            monitor.setShutdownAction("poweroff");
            monitor.cont();
        } catch (VirtException e) {
            node.log.note(d.name, "reboot failed: " + e.getMessage() + "\n");
        }
    }
}
