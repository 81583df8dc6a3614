package org.jvirt.driver.qemu;

import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.model.DomainDefinition;
import org.jvirt.spi.DomainRef;

/**
 * The lifecycle entry points, as libvirt's {@code qemu_driver.c} has them: create, start, suspend,
 * resume, shutdown, reboot and destroy. Each takes the domain's job (destroy excepted: it must work
 * while another job hangs) and leaves processes to {@link QemuProcesses}.
 */
final class QemuLifecycle {
    private final QemuNode node;
    private final QemuDomainList domains;
    private final QemuProcesses processes;

    QemuLifecycle(QemuNode node) {
        this.node = node;
        this.domains = node.domains;
        this.processes = node.processes;
    }

    /** Creates and starts {@code def}, which the core completed with the node's rules. */
    DomainRef createTransient(DomainDefinition def, boolean paused) {
        QemuDomain d;
        boolean fresh;
        synchronized (domains) {
            d = domains.existingFor(def);
            fresh = d == null;
            if (fresh) {
                d = new QemuDomain(def.name(), def.uuid(), DomainStateReason.SHUTOFF_UNKNOWN);
                domains.register(d);
            }
        }
        try (QemuDomain.Job job = d.beginJob("create", node.jobWaitMillis)) {
            synchronized (d) {
                if (d.isActive()) {
                    throw QemuErrors.operationInvalid("domain '" + d.name + "' is already active", d.name);
                }
            }
            processes.launch(d, def, paused, null, DomainStateReason.RUNNING_BOOTED, DomainEventDetail.STARTED_BOOTED);
        } catch (RuntimeException e) {
            if (fresh) {
                domains.forgetIfUnused(d);
            }
            throw e;
        }
        synchronized (d) {
            return d.ref();
        }
    }

    void start(DomainRef ref, boolean paused) {
        QemuDomain d = domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("start", node.jobWaitMillis)) {
            DomainDefinition def;
            synchronized (d) {
                if (d.isActive()) {
                    throw QemuErrors.operationInvalid("domain is already running", d.name);
                }
                def = d.persistent;
            }
            processes.launch(d, def, paused, null, DomainStateReason.RUNNING_BOOTED, DomainEventDetail.STARTED_BOOTED);
        }
    }

    void suspend(DomainRef ref) {
        QemuDomain d = domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("suspend", node.jobWaitMillis)) {
            QemuRun run = processes.activeRun(d);
            synchronized (d) {
                if (d.state.state() == DomainState.PAUSED) {
                    return;
                }
            }
            run.expectedPause = DomainStateReason.PAUSED_USER;
            run.monitor.stop();
            processes.paused(d, run, DomainStateReason.PAUSED_USER);
        }
    }

    void resume(DomainRef ref) {
        QemuDomain d = domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("resume", node.jobWaitMillis)) {
            QemuRun run = processes.activeRun(d);
            synchronized (d) {
                if (d.state.state() != DomainState.PAUSED) {
                    return;
                }
            }
            run.monitor.cont();
            processes.resumed(d, run);
        }
    }

    void shutdown(DomainRef ref) {
        QemuDomain d = domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("shutdown", node.jobWaitMillis)) {
            processes.activeRun(d).monitor.systemPowerdown();
        }
    }

    void reboot(DomainRef ref) {
        QemuDomain d = domains.find(ref);
        try (QemuDomain.Job job = d.beginJob("reboot", node.jobWaitMillis)) {
            QemuRun run = processes.activeRun(d);
            // libvirt's ACPI reboot: the guest powers down, and QEMU is told to reset instead of exiting.
            DomainDefinition live;
            synchronized (d) {
                live = d.live;
            }
            if (!live.hasFeature("acpi")) {
                throw QemuErrors.operationInvalid("cannot reboot domain '" + d.name
                        + "' without ACPI: its definition has no <acpi/> feature", d.name);
            }
            run.monitor.setShutdownAction("pause");
            run.rebooting = true;
            run.monitor.systemPowerdown();
        }
    }

    /**
     * Stops the domain's QEMU: SIGTERM, then SIGKILL unless {@code graceful}, when a QEMU that does
     * not exit on SIGTERM fails the call (as libvirt's) and keeps running.
     */
    void destroy(DomainRef ref, boolean graceful) {
        QemuDomain d = domains.find(ref);
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
        if (!processes.terminate(d, run, graceful)) {
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
    }
}
