package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Fields of {@code /proc/PID/stat} and {@code /proc/PID/task/TID/stat}: the process state,
 * start time (to tell a process from a later one reusing its pid), CPU time, and the CPU it
 * last ran on.
 *
 * @param state the state letter ({@code R}, {@code S}, {@code Z}...)
 * @param startTicks when the process started, in clock ticks after boot
 * @param cpuTimeNanos user plus system CPU time, in nanoseconds
 * @param lastCpu the host CPU it last ran on
 */
public record ProcStat(char state, long startTicks, long cpuTimeNanos, int lastCpu) {
    /** Linux's USER_HZ, the unit of the times in stat files; 100 on every architecture QEMU runs on. */
    public static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final int MAX_STAT_BYTES = 4096;

    /** The stat of a process, or null when there is no such process. */
    public static ProcStat of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The stat of one thread of a process, or null when there is no such thread. */
    public static ProcStat ofThread(long pid, long tid) {
        return read(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
    }

    static ProcStat read(Path file) {
        try {
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_STAT_BYTES);
            }
            return parse(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses a stat line; the command name may hold spaces and parentheses, so fields count from the last ')'. */
    static ProcStat parse(String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a stat line");
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); field n is f[n - 3].
        char state = f[0].charAt(0);
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        long start = Long.parseLong(f[22 - 3]);
        int cpu = f.length > 39 - 3 ? Integer.parseInt(f[39 - 3]) : -1;
        return new ProcStat(state, start, (utime + stime) * NANOS_PER_TICK, cpu);
    }

    /** Whether the process has exited but not been reaped yet (or already gone). */
    public boolean isZombie() {
        return state == 'Z' || state == 'X';
    }
}
