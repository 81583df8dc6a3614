package org.jvirt.driver.qemu.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running QEMU: either a child this JVM launched (reaped by the JDK as soon as it exits, with
 * its exit status) or a process found again after a restart or launched detached (known by pid
 * and start time, so that a later process reusing the pid is never mistaken for it). Thread-safe.
 */
public final class QemuProcess {
    private final long pid;
    private final long startTicks;
    private final Process child;
    private final ProcessHandle handle;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private QemuProcess(long pid, long startTicks, Process child, ProcessHandle handle) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.child = child;
        this.handle = handle;
    }

    /** Wraps a child just started. */
    public static QemuProcess ofChild(Process child) {
        ProcStat st = ProcStat.of(child.pid());
        QemuProcess p = new QemuProcess(child.pid(), st == null ? -1 : st.startTicks(), child, child.toHandle());
        child.onExit().whenComplete((proc, err) -> p.exit.complete(proc == null ? -1 : proc.exitValue()));
        return p;
    }

    /**
     * Finds a process again by pid and start time; empty when no such process is alive any more
     * (it exited, or the pid now belongs to another process).
     */
    public static Optional<QemuProcess> adopt(long pid, long startTicks) {
        ProcStat st = ProcStat.of(pid);
        if (st == null || st.isZombie() || st.startTicks() != startTicks) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        QemuProcess p = new QemuProcess(pid, startTicks, null, h.get());
        // Not our child: the JDK polls for its end; a zombie awaiting its parent counts as ended.
        h.get().onExit().whenComplete((ph, err) -> p.exit.complete(-1));
        Thread watcher = new Thread(() -> p.watchZombie(), "qemu-watch " + pid);
        watcher.setDaemon(true);
        watcher.start();
        return Optional.of(p);
    }

    /**
     * A process this JVM started but left to init ({@link QemuLauncher#launch} when detaching):
     * watched as an adopted one. It may have ended already (QEMU refusing its command line ends at
     * once); it then counts as exited, with no status known.
     */
    public static QemuProcess detached(long pid) {
        ProcStat st = ProcStat.of(pid);
        Optional<QemuProcess> alive = st == null ? Optional.empty() : adopt(pid, st.startTicks());
        return alive.orElseGet(() -> {
            QemuProcess gone = new QemuProcess(pid, st == null ? -1 : st.startTicks(), null, null);
            gone.exit.complete(-1);
            return gone;
        });
    }

    private void watchZombie() {
        while (!exit.isDone()) {
            ProcStat st = ProcStat.of(pid);
            if (st == null || st.isZombie() || st.startTicks() != startTicks) {
                exit.complete(-1);
                return;
            }
            try {
                exit.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return;
            }
        }
    }

    public long pid() {
        return pid;
    }

    /** The start time in clock ticks after boot, as {@code /proc/PID/stat} has it; -1 when unknown. */
    public long startTicks() {
        return startTicks;
    }

    /** Whether this JVM launched it (and so reaps it and knows its exit status). */
    public boolean isChild() {
        return child != null;
    }

    /** Completes with the exit status (-1 when not known) once the process has ended and been reaped. */
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    public boolean isAlive() {
        return !exit.isDone() && handle.isAlive();
    }

    /** The process's CPU time (all threads), in nanoseconds; 0 once it is gone. */
    public long cpuTimeNanos() {
        ProcStat st = ProcStat.of(pid);
        return st == null || st.startTicks() != startTicks ? 0 : st.cpuTimeNanos();
    }

    /**
     * Stops it: SIGTERM, then SIGKILL if it is still alive after {@code grace}; returns once it
     * has exited (and, for a child, been reaped), or after {@code grace} plus {@code killWait}.
     * With a null {@code killWait} it never sends SIGKILL (libvirt's graceful destroy).
     *
     * @return true when the process is gone
     */
    public boolean terminate(Duration grace, Duration killWait) {
        if (exit.isDone()) {
            return true;
        }
        handle.destroy();
        if (await(grace)) {
            return true;
        }
        if (killWait == null) {
            return false;
        }
        handle.destroyForcibly();
        return await(killWait);
    }

    /** Sends SIGKILL at once and waits at most {@code wait} for the end. */
    public boolean kill(Duration wait) {
        if (exit.isDone()) {
            return true;
        }
        handle.destroyForcibly();
        return await(wait);
    }

    /**
     * How the process ended, for messages: "killed by signal 9", "exit status 1", or null when
     * that is not known (not a child, or still running).
     */
    public String exitDescription() {
        Integer status = exit.getNow(null);
        if (status == null || status < 0 || child == null) {
            return null;
        }
        // The JDK reports a child ended by signal N as 128 + N.
        return status > 128 ? "killed by signal " + (status - 128) : "exit status " + status;
    }

    /** Waits at most {@code wait} for the process to end. */
    public boolean await(Duration wait) {
        try {
            exit.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exit.isDone();
        } catch (ExecutionException e) {
            return true;
        }
    }
}
