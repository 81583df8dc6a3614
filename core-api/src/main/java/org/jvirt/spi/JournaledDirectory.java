package org.jvirt.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A directory of small files (domain definitions) whose every change costs its caller one write to a
 * journal, in the page cache: no flush, and no file of the directory touched. At once, in the background,
 * the journal is flushed (one {@code fdatasync} for every change since the last) and the changed files
 * are written in place, unflushed; a checkpoint a second later flushes those files and retires the
 * journal's records. After a crash, {@link #open} replays the records of the journal onto the directory.
 *
 * <p>What survives what: a change that returned survives a crash of the process (the journal's page cache
 * outlives it). After a crash of the machine every file is whole, as some change left it, never torn, and
 * every change the background had flushed is there: those that returned within one flush of the disk
 * before the crash may be missing, whole. {@link #sync} waits for that flush. (libvirt's own define
 * flushes the new file but not the directory it renames it into, so a definition it wrote within ext4's
 * commit interval, 5 s, may be missing after such a crash.) A flush on the caller's path cost this project's
 * build machine 0.1–0.6 ms at the median and 2–6 ms at the 99th percentile, a define's whole budget.
 *
 * <p>The journal is two preallocated segments, {@code .journal-0} and {@code .journal-1} in the
 * directory: records go to the active one; a checkpoint switches to the other, flushes, and retires the
 * old. Each activation has a larger epoch than any before it, and a record counts only in the segment
 * and epoch it was written in, so stale records left behind are never replayed. A file too large for a
 * segment, or a change the journal cannot take, is written with {@link AtomicFiles}' flushes instead,
 * after a checkpoint.
 *
 * <p>Thread-safe: writes and deletes are serialised (a file's content and its record are in the same
 * order; changes of one name are expected from one caller at a time, as the drivers hold the domain's
 * lock); the background's flushes do not block them. Names are plain file names of the directory, not
 * beginning with {@code .journal}. Only one process may use a directory at a time (the drivers hold
 * their state directory's lock).
 *
 * @since 1.0
 */
public final class JournaledDirectory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JournaledDirectory.class.getName());
    private static final Set<OpenOption> IN_PLACE = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    /** In {@link #pending}: the name was deleted. Compared by identity. */
    private static final byte[] DELETED = new byte[0];
    /**
     * How long records wait for a checkpoint when the active segment is less than half full: the system
     * property {@code jvirt.journal.checkpointDelayMillis}, 1000 when unset. Longer means fewer flushes
     * of a file changed often, and more to replay after a crash.
     */
    private static final long CHECKPOINT_DELAY_MS = Long.getLong("jvirt.journal.checkpointDelayMillis", 1000);
    /** One daemon thread for the flushes and checkpoints of every directory of the process. */
    private static final ScheduledExecutorService BACKGROUND = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jvirt-journal");
        t.setDaemon(true);
        return t;
    });

    private final Path dir;
    private final JournalSegment[] segments;
    private final Scheduler scheduler;
    /** Serialises the background's work (flushes, checkpoints); taken before this object's monitor, never after. */
    private final Object backgroundLock = new Object();
    private JournalSegment active;
    /** A segment whose checkpoint failed: its records count until a checkpoint succeeds, so it is not reused. */
    private JournalSegment unretired;
    private long lastEpoch;
    /** Changes journaled and not yet on their files, in order; {@link #DELETED} for a delete. */
    private Map<String, byte[]> pending = new LinkedHashMap<>();
    /** Files changed since the active segment was activated: the next checkpoint flushes them. */
    private Set<String> dirty = new HashSet<>();
    private boolean flushScheduled;
    private boolean checkpointScheduled;
    private boolean closed;

    /** When the background's work runs: after a delay, or (tests) only when asked. */
    interface Scheduler {
        void schedule(Runnable work, long delayMs);
    }

    private JournaledDirectory(Path dir, Scheduler scheduler) {
        this.dir = dir;
        this.scheduler = scheduler;
        this.segments = new JournalSegment[] {new JournalSegment(dir.resolve(".journal-0")),
            new JournalSegment(dir.resolve(".journal-1"))};
    }

    /**
     * Opens {@code dir} (created when missing), first replaying onto it whatever the journal holds from
     * a previous run that did not checkpoint (a crash): afterwards every file is as the last write or
     * delete the journal kept left it.
     *
     * @throws IOException when the directory cannot be created, or a replayed file cannot be written
     */
    public static JournaledDirectory open(Path dir) throws IOException {
        return open(dir, (work, delayMs) -> BACKGROUND.schedule(work, delayMs, TimeUnit.MILLISECONDS));
    }

    /** With the background's work run when {@code scheduler} runs it. */
    static JournaledDirectory open(Path dir, Scheduler scheduler) throws IOException {
        JournaledDirectory d = new JournaledDirectory(dir.toAbsolutePath(), scheduler);
        Files.createDirectories(d.dir);
        d.replay();
        return d;
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Replaces the file {@code name} of the directory with {@code content}; the file follows within a flush
     * of the disk (see the class comment for what survives a crash).
     *
     * @throws IllegalArgumentException when {@code name} is not a plain file name of the directory
     * @throws IOException when the directory is closed, or the change cannot be journaled and writing the file
     *     with flushes fails too (the file may then hold the new content, not yet durable)
     */
    public void write(String name, byte[] content) throws IOException {
        change(name, content);
    }

    /**
     * Removes the file {@code name} of the directory, as {@link #write} replaces one; absent already, it
     * is a no-op.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain file name of the directory
     * @throws IOException when the directory is closed, or the change cannot be journaled and removing the file
     *     fails too
     */
    public void delete(String name) throws IOException {
        change(name, null);
    }

    private void change(String name, byte[] content) throws IOException {
        checkName(name);
        int size = JournalSegment.recordSize(name, content);
        if (size > JournalSegment.capacity()) {
            changeUnjournaled(name, content);
            return;
        }
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("the journal of " + dir + " is closed");
                }
                JournalSegment s = activeSegment();
                if (s.fits(size)) {
                    try {
                        s.append(name, content);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot journal the change of {0} in {1} ({2});"
                                + " writing the file with flushes instead", name, dir, e.getMessage());
                        break;
                    }
                    pending.put(name, content == null ? DELETED : content);
                    dirty.add(name);
                    scheduleFlush();
                    scheduleCheckpoint();
                    return;
                }
            }
            // The active segment is full: a checkpoint empties it.
            checkpoint();
        }
        changeUnjournaled(name, content);
    }

    /**
     * A change without a record (too large for a segment, or the journal failed): the changes journaled
     * before it reach their files and are retired first, so that none of them is applied over it later;
     * then it is made with flushes.
     */
    private void changeUnjournaled(String name, byte[] content) throws IOException {
        checkpoint();
        synchronized (this) {
            if (closed) {
                throw new IOException("the journal of " + dir + " is closed");
            }
            pending.remove(name);
            Path file = dir.resolve(name);
            if (content == null) {
                Files.deleteIfExists(file);
                AtomicFiles.syncDirectory(dir);
            } else {
                AtomicFiles.write(file, content);
            }
        }
    }

    /** The active segment, activated with a new epoch when there is none. The caller holds the monitor. */
    private JournalSegment activeSegment() throws IOException {
        if (active == null) {
            lastEpoch++;
            segments[0].activate(lastEpoch);
            active = segments[0];
        }
        return active;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            scheduler.schedule(() -> inBackground("flush", this::sync), 0);
        }
    }

    private void scheduleCheckpoint() {
        if (!checkpointScheduled) {
            checkpointScheduled = true;
            scheduler.schedule(() -> inBackground("checkpoint", this::checkpoint),
                    active.isHalfFull() ? 0 : CHECKPOINT_DELAY_MS);
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private void inBackground(String what, Work work) {
        try {
            work.run();
        } catch (IOException | RuntimeException e) {
            // The records stay in the journal, so nothing is lost; a full segment retries in the foreground.
            LOG.log(System.Logger.Level.WARNING, what + " of " + dir + " failed", e);
        }
    }

    /**
     * Waits until every change that returned before this call is durable and on its file: flushes the
     * journal, then writes the changed files in place. The background does the same at once after every
     * change; callers need it only when they must know.
     *
     * @throws IOException when the journal cannot be flushed or a file cannot be written; the changes then
     *     stay in the journal, and the next checkpoint tries their files again
     */
    public void sync() throws IOException {
        synchronized (backgroundLock) {
            Map<String, byte[]> batch;
            List<JournalSegment> holding = new ArrayList<>(2);
            synchronized (this) {
                flushScheduled = false;
                if (pending.isEmpty() || closed) {
                    // Closed: what a write left after the closing checkpoint stays in the journal for the next open.
                    return;
                }
                batch = takePending(holding);
            }
            try {
                force(holding);
                apply(batch);
            } catch (IOException | RuntimeException e) {
                restorePending(batch, Set.of());
                throw e;
            }
        }
    }

    /**
     * Flushes every file changed since the last checkpoint and the directory, then retires the journal's
     * records. Runs in the background on its own; callers need it only to bound the work of a replay.
     *
     * @throws IOException when a file, the directory or a segment cannot be flushed or written; the records
     *     then stay in the journal, and the next checkpoint tries again
     */
    public void checkpoint() throws IOException {
        synchronized (backgroundLock) {
            JournalSegment old;
            JournalSegment next = null;
            Set<String> names;
            Map<String, byte[]> batch;
            List<JournalSegment> holding = new ArrayList<>(2);
            synchronized (this) {
                checkpointScheduled = false;
                if (closed) {
                    // What a write left after the closing checkpoint stays in the journal for the next open.
                    return;
                }
                if (unretired != null) {
                    // A failed checkpoint's records: retired before the active segment may switch again.
                    old = unretired;
                } else {
                    old = active != null && !active.isEmpty() ? active : null;
                    if (old == null && dirty.isEmpty() && pending.isEmpty()) {
                        return;
                    }
                    if (old != null) {
                        next = segments[old == segments[0] ? 1 : 0];
                    }
                }
            }
            if (next != null) {
                // Made ready outside the monitor, so that its header's flush does not hold up writers: no one
                // else uses the inactive segment, and only checkpoints (one at a time) change the epoch while
                // a segment is active.
                next.activate(lastEpoch + 1);
            }
            synchronized (this) {
                names = dirty;
                dirty = new HashSet<>();
                // Before the switch: the pending changes' records are in the segment that is active until then.
                batch = takePending(holding);
                if (next != null) {
                    lastEpoch++;
                    active = next;
                }
                if (old != null && !holding.contains(old)) {
                    holding.add(old);
                }
            }
            try {
                force(holding);
                apply(batch);
                for (String name : names) {
                    Path file = dir.resolve(name);
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                            ch.force(true);
                        }
                    }
                }
                AtomicFiles.syncDirectory(dir);
                if (old != null) {
                    old.retire();
                }
                synchronized (this) {
                    unretired = null;
                }
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    unretired = old;
                }
                restorePending(batch, names);
                throw e;
            }
        }
    }

    /**
     * Takes the pending changes, and adds to {@code holding} the segments whose records they are: the active
     * one, and a failed checkpoint's. The caller holds the monitor.
     */
    private Map<String, byte[]> takePending(List<JournalSegment> holding) {
        Map<String, byte[]> batch = pending;
        pending = new LinkedHashMap<>();
        if (!batch.isEmpty()) {
            if (active != null) {
                holding.add(active);
            }
            if (unretired != null && unretired != active) {
                holding.add(unretired);
            }
        }
        return batch;
    }

    /** Puts back what could not reach the files, behind any newer change of the same name. */
    private synchronized void restorePending(Map<String, byte[]> batch, Set<String> names) {
        batch.forEach(pending::putIfAbsent);
        dirty.addAll(names);
        dirty.addAll(batch.keySet());
    }

    private static void force(List<JournalSegment> holding) throws IOException {
        for (JournalSegment s : holding) {
            s.force();
        }
    }

    /** Checkpoints and closes the segments; later writes fail. A second close does nothing. */
    @Override
    public void close() throws IOException {
        synchronized (backgroundLock) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                checkpoint();
            } finally {
                synchronized (this) {
                    closed = true;
                    try {
                        if (active != null && active.isEmpty() && unretired == null) {
                            // Nothing to replay: said so, the next open need not look.
                            active.retire();
                        }
                    } finally {
                        for (JournalSegment s : segments) {
                            s.close();
                        }
                    }
                }
            }
        }
    }

    /** Replays the segments' live records, oldest epoch first, flushes what they wrote, and retires them. */
    private void replay() throws IOException {
        List<JournalSegment> live = new ArrayList<>();
        for (JournalSegment s : segments) {
            lastEpoch = Math.max(lastEpoch, s.load());
            if (s.isActive()) {
                live.add(s);
            }
        }
        live.sort(Comparator.comparingLong(JournalSegment::epoch));
        int count = 0;
        for (JournalSegment s : live) {
            for (JournalSegment.Record r : s.records()) {
                Path file = dir.resolve(r.name());
                if (r.content() == null) {
                    Files.deleteIfExists(file);
                } else {
                    AtomicFiles.write(file, r.content());
                }
                count++;
            }
        }
        if (!live.isEmpty()) {
            AtomicFiles.syncDirectory(dir);
            for (JournalSegment s : live) {
                s.retire();
            }
            if (count > 0) {
                LOG.log(System.Logger.Level.INFO, "replayed {0} journal records onto {1}", count, dir);
            }
        }
    }

    /**
     * Brings the files of journaled, flushed changes up to date. A deletion removes the file; new content is
     * written over the file in place rather than renamed onto it: a replacing rename makes ext4 write the
     * data out at once (its auto_da_alloc), and the journal record, not the file, is what survives a crash
     * — replayed whole, it mends a file torn mid-write. A link where the file should be is not followed:
     * the content is then renamed into place.
     */
    private void apply(Map<String, byte[]> batch) throws IOException {
        for (Map.Entry<String, byte[]> e : batch.entrySet()) {
            Path file = dir.resolve(e.getKey());
            byte[] content = e.getValue();
            if (content == DELETED) {
                Files.deleteIfExists(file);
                continue;
            }
            try (FileChannel ch = FileChannel.open(file, IN_PLACE, AtomicFiles.OWNER_ONLY)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b, b.position());
                }
                ch.truncate(content.length);
            } catch (IOException ex) {
                // A link, or a file that cannot be opened for writing: the atomic way, which replaces either.
                AtomicFiles.writeUnflushed(file, content);
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.startsWith(".journal")) {
            throw new IllegalArgumentException("not a file name of a journaled directory: '" + name + "'");
        }
    }

    /** Never runs the background's work on its own: tests call {@link #sync()} and {@link #checkpoint()}. */
    static Scheduler onlyWhenAsked() {
        return (work, delayMs) -> {
        };
    }
}
