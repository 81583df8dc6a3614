package org.jvirt.driver.qemu;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ModificationImpact;
import org.jvirt.model.DomainDefinition;
import org.jvirt.spi.DomainRef;

/**
 * One domain of a {@link QemuNode}. State fields are guarded by this object's monitor, held only
 * for in-memory work; long operations (anything talking to QEMU) hold the domain's job lock,
 * libvirt's per-domain job, so that two of them never interleave.
 */
final class QemuDomain {
    final String name;
    final UUID uuid;
    DomainDefinition persistent;
    DomainDefinition live;
    DomainStateReason state;
    int id = -1;
    boolean autostart;
    QemuRun run;
    /** Registered by an operation that may have to forget it again if it fails (restore). */
    boolean isFreshlyCreated;
    private DomainRef ref;

    /** Not reentrant: a thread holding the job that asks for it again waits like anyone else. */
    private final Semaphore job = new Semaphore(1);
    private volatile String jobName;
    private volatile long jobSince;
    /** The save or core dump running now, which jobInfo and abortJob see without taking the job lock; or null. */
    volatile BackgroundJob background;

    QemuDomain(String name, UUID uuid, DomainStateReason state) {
        this.name = name;
        this.uuid = uuid;
        this.state = state;
    }

    boolean isActive() {
        return live != null;
    }

    boolean isPersistent() {
        return persistent != null;
    }

    DomainDefinition current() {
        return live != null ? live : persistent;
    }

    /**
     * Whether a change with {@code impact} goes to the running guest (LIVE, or CURRENT on an active
     * domain) rather than to the persistent definition.
     *
     * @throws org.jvirt.api.VirtException OPERATION_INVALID for LIVE on an inactive domain or CONFIG on a
     *         transient one
     */
    synchronized boolean affectsLive(ModificationImpact impact) {
        switch (impact) {
            case LIVE:
                if (!isActive()) {
                    throw QemuErrors.notRunning(name);
                }
                return true;
            case CONFIG:
                if (!isPersistent()) {
                    throw QemuErrors.operationInvalid("transient domains do not have any persistent config", name);
                }
                return false;
            default:
                return isActive();
        }
    }

    DomainRef ref() {
        DomainRef r = ref;
        if (r == null || r.id() != id) {
            r = new DomainRef(name, uuid, id);
            ref = r;
        }
        return r;
    }

    /**
     * Takes the job lock, waiting at most {@code waitMillis}.
     *
     * @throws org.jvirt.api.VirtException OPERATION_INVALID naming the job in progress when it stays busy
     */
    Job beginJob(String operation, long waitMillis) {
        boolean got;
        try {
            got = job.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            String holder = jobName;
            long since = (System.nanoTime() - jobSince) / 1_000_000;
            throw QemuErrors.operationInvalid("cannot " + operation + " domain '" + name
                    + "': another operation is in progress (" + (holder == null ? "unknown" : holder) + ", for "
                    + since + " ms); cannot acquire state change lock", name);
        }
        jobName = operation;
        jobSince = System.nanoTime();
        return new Job();
    }

    /** Whether an operation is waiting for this domain's job (for tests that order two operations). */
    boolean hasJobWaiters() {
        return job.hasQueuedThreads();
    }

    /** The job lock, released by {@link #close()}. */
    final class Job implements AutoCloseable {
        private boolean released;

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                jobName = null;
                job.release();
            }
        }
    }

    /**
     * A long job QEMU runs in the background (the migration of a save or a core dump, a detached
     * memory-only dump), as
     * libvirt's async jobs: what it is, in which QEMU run, since when, and whether an abort was asked.
     */
    static final class BackgroundJob {
        /** The kinds, with libvirt's names for them in messages. */
        enum Kind {
            SAVE("domain save job"), DUMP("domain core dump job"), MEMORY_DUMP("domain core dump job");

            final String label;

            Kind(String label) {
                this.label = label;
            }
        }

        final Kind kind;
        final QemuRun run;
        final long startNanos = System.nanoTime();
        volatile boolean abortRequested;

        BackgroundJob(Kind kind, QemuRun run) {
            this.kind = kind;
            this.run = run;
        }

        long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }
}
