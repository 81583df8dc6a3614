package org.jvirt.cli;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.api.Domain;
import org.jvirt.api.JobInfo;
import org.jvirt.api.VirtException;

/**
 * Runs a long domain job (save, dump; restore and migrate later) as virsh's {@code virshWatchJob}:
 * the job runs on its own thread while this one polls its progress every half second and, with
 * {@code --verbose}, shows it; Ctrl-C asks the hypervisor to abort the job (when the connection can),
 * and the job then fails with the driver's "operation aborted" error, leaving the domain as the
 * driver leaves an aborted job.
 *
 * <p>On a terminal the progress is a live bar ({@link ProgressDisplay}); otherwise it is written as
 * virsh writes it, byte for byte: {@code \rSave: [ 45 %]} records on stderr, ending with
 * {@code \rSave: [100 %]} once the job succeeded. A driver that cannot report progress shows only
 * that last record, as virsh on such a driver.
 */
final class JobWatcher {
    /** virsh polls job information every 500 ms. */
    static final long POLL_MILLIS = 500;

    /** How far a job is: bytes (or other units) in all and still to go, as virDomainJobInfo's dataTotal/dataRemaining. */
    record Progress(long total, long remaining) {
        /** virsh's percentage: 100 only when nothing remains, otherwise at most 99. */
        int percent() {
            if (remaining == 0) {
                return 100;
            }
            if (total <= 0) {
                return 0;
            }
            int p = (int) (100.0 - remaining * 100.0 / total);
            return Math.max(0, Math.min(p, 99));
        }
    }

    /** What the connection offers about a running job. */
    interface Control {
        /** The job's progress now, or empty when the driver cannot tell. */
        Optional<Progress> progress();

        /** Whether {@link #abort()} can work (the driver declares job abort). */
        boolean canAbort();

        /** Asks the hypervisor to abort the job. */
        void abort();

        /**
         * A domain's job through jvirt's API: progress from {@code Domain.jobInfo()} when
         * {@code canReport} (as virsh, only while the job knows its total; a failed poll shows
         * nothing), abort through {@code Domain.abortJob()} when {@code canAbort}.
         */
        static Control of(Domain domain, boolean canReport, boolean canAbort) {
            if (!canReport && !canAbort) {
                return NONE;
            }
            return new Control() {
                @Override
                public Optional<Progress> progress() {
                    if (!canReport) {
                        return Optional.empty();
                    }
                    try {
                        JobInfo info = domain.jobInfo();
                        return info.dataTotal() > 0
                                ? Optional.of(new Progress(info.dataTotal(), info.dataRemaining()))
                                : Optional.empty();
                    } catch (VirtException e) {
                        return Optional.empty();
                    }
                }

                @Override
                public boolean canAbort() {
                    return canAbort;
                }

                @Override
                public void abort() {
                    if (!canAbort) {
                        throw new IllegalStateException("cannot abort");
                    }
                    domain.abortJob();
                }
            };
        }

        /** A job the connection can neither report nor abort. */
        Control NONE = new Control() {
            @Override
            public Optional<Progress> progress() {
                return Optional.empty();
            }

            @Override
            public boolean canAbort() {
                return false;
            }

            @Override
            public void abort() {
                throw new IllegalStateException("cannot abort");
            }
        };
    }

    /** Where Ctrl-C is heard: the JVM's SIGINT, or a test's hand. */
    interface Interrupts {
        /** Calls {@code onInterrupt} on each Ctrl-C until the returned handle is closed. */
        Handle install(Runnable onInterrupt);
    }

    /** An installed Ctrl-C handler; closing it restores the previous one. */
    @FunctionalInterface
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    private final Output output;
    private final boolean terminal;
    private final Interrupts interrupts;

    /**
     * @param terminal whether stderr is a terminal (live bar) or not (virsh's records)
     */
    JobWatcher(Output output, boolean terminal, Interrupts interrupts) {
        this.output = output;
        this.terminal = terminal;
        this.interrupts = interrupts;
    }

    /**
     * Runs {@code job}, watching it; returns when it has finished.
     *
     * @param label virsh's label: {@code Save}, {@code Dump}, {@code Migration}
     * @throws VirtException or {@link RuntimeException}: the job's own failure, as it was thrown
     */
    void run(String label, boolean verbose, Control control, Runnable job) {
        FutureTask<Void> task = new FutureTask<>(job, null);
        Thread worker = new Thread(task, "jvirsh-" + label.toLowerCase(java.util.Locale.ROOT));
        worker.setDaemon(true);
        AtomicBoolean interrupted = new AtomicBoolean();
        ProgressDisplay display = verbose ? ProgressDisplay.create(label, output, terminal) : null;
        boolean aborted = false;
        Handle handler = control.canAbort() ? interrupts.install(() -> interrupted.set(true)) : () -> { };
        try {
            worker.start();
            while (true) {
                try {
                    task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // still running
                } catch (ExecutionException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (interrupted.getAndSet(false) && !aborted) {
                    aborted = true;
                    try {
                        control.abort();
                    } catch (VirtException e) {
                        output.error(e.getMessage());
                    }
                }
                if (display != null) {
                    control.progress().ifPresent(display::show);
                }
            }
        } finally {
            handler.close();
        }
        Throwable failure = null;
        try {
            task.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (display != null) {
            display.finish(failure == null);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** SIGINT through {@code sun.misc.Signal}, the previous handler restored when closed. */
    static Interrupts sigint() {
        return onInterrupt -> {
            sun.misc.Signal signal = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> onInterrupt.run());
            return () -> sun.misc.Signal.handle(signal, previous);
        };
    }
}
