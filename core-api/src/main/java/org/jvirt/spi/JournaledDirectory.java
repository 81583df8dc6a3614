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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A directory of small files (domain definitions) whose every change is durable when the call returns,
 * for the price of one synchronous append to a journal instead of {@link AtomicFiles}' two flushes (the
 * file's and the directory's). The change is journaled first; the file is then written in place, unflushed
 * (a torn file after a crash is mended by the replay, which writes every live record's file whole and
 * atomically); a checkpoint in the background flushes the files changed since the last one and retires the
 * journal's records. After a crash of the machine, {@link #open} replays the records of the journal onto the
 * directory, so every write and delete that returned is there. A change that could not be journaled, or a file
 * too large for the journal, is written atomically (temporary file and rename) and flushed at once.
 *
 * <p>The journal is two preallocated segments, {@code .journal-0} and {@code .journal-1} in the
 * directory: records go to the active one; a checkpoint switches to the other, flushes, and retires the
 * old. Each activation has a larger epoch than any before it, and a record counts only in the segment
 * and epoch it was written in, so stale records left behind are never replayed.
 *
 * <p>Thread-safe: writes and deletes are serialised (a file's content and its record are in the same
 * order); a checkpoint flushes without blocking them. Names are plain file names of the directory, not
 * beginning with {@code .journal}. A file larger than a segment is written with {@link AtomicFiles}'
 * flushes instead, after a checkpoint. Only one process may use a directory at a time (the drivers
 * hold their state directory's lock).
 *
 * @since 1.0
 */
public final class JournaledDirectory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JournaledDirectory.class.getName());
    private static final Set<OpenOption> IN_PLACE = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    /**
     * How long records wait for a checkpoint when the active segment is less than half full: the system
     * property {@code jvirt.journal.checkpointDelayMillis}, 1000 when unset. Longer means fewer flushes
     * of a file changed often, and more to replay after a crash.
     */
    private static final long CHECKPOINT_DELAY_MS = Long.getLong("jvirt.journal.checkpointDelayMillis", 1000);
    /** One daemon thread for the checkpoints of every directory of the process. */
    private static final ScheduledExecutorService CHECKPOINTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jvirt-journal-checkpoint");
        t.setDaemon(true);
        return t;
    });

    private final Path dir;
    private final JournalSegment[] segments;
    private final Scheduler scheduler;
    /** Serialises checkpoints; taken before this object's monitor, never after. */
    private final Object checkpointLock = new Object();
    /** Set at open: the empty file a new name is renamed from. */
    private JournalSpare spare;
    private JournalSegment active;
    private long lastEpoch;
    /** Files changed since the active segment was activated: the next checkpoint flushes them. */
    private Set<String> dirty = new HashSet<>();
    private boolean scheduled;
    private boolean closed;

    /** When checkpoints run: in the background after a delay, or (tests) only when asked. */
    interface Scheduler {
        void schedule(Runnable checkpoint, long delayMs);
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
     * delete that returned left it.
     *
     * @throws IOException when the directory cannot be created, or a replayed file cannot be written
     */
    public static JournaledDirectory open(Path dir) throws IOException {
        return open(dir, (task, delayMs) -> CHECKPOINTS.schedule(task, delayMs, TimeUnit.MILLISECONDS),
                JournalSpare.MAKER);
    }

    /** With checkpoints when {@code scheduler} runs them and spares made by {@code spareMaker}. */
    static JournaledDirectory open(Path dir, Scheduler scheduler, Executor spareMaker) throws IOException {
        JournaledDirectory d = new JournaledDirectory(dir.toAbsolutePath(), scheduler);
        Files.createDirectories(d.dir);
        d.spare = JournalSpare.open(d.dir, spareMaker);
        d.replay();
        return d;
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Replaces the file {@code name} of the directory with {@code content}, durably.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain file name of the directory
     * @throws IOException when the record cannot be written and the fallback flush fails too (the file may then
     *     hold the new content, not yet durable), or when the journaled change cannot reach the file (its record
     *     stays, and the next open applies it)
     */
    public void write(String name, byte[] content) throws IOException {
        change(name, content);
    }

    /**
     * Removes the file {@code name} of the directory, durably; absent already, it is a no-op.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain file name of the directory
     * @throws IOException when the file cannot be removed or its record written
     */
    public void delete(String name) throws IOException {
        change(name, null);
    }

    private void change(String name, byte[] content) throws IOException {
        checkName(name);
        boolean flushNow = false;
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("the journal of " + dir + " is closed");
                }
                int size = JournalSegment.recordSize(name, content);
                if (size > JournalSegment.capacity()) {
                    // Too large for any segment: written now and flushed by the checkpoint below.
                    apply(name, content, false);
                    dirty.add(name);
                    flushNow = true;
                } else if (active == null || active.fits(size)) {
                    try {
                        activeSegment().append(name, content);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot journal the change of {0} in {1} ({2});"
                                + " flushing the directory instead", name, dir, e.getMessage());
                        apply(name, content, false);
                        dirty.add(name);
                        flushNow = true;
                    }
                    if (!flushNow) {
                        // Journaled, so durable: the file itself is brought up to date as cheaply as can be.
                        dirty.add(name);
                        applyJournaled(name, content);
                        scheduleCheckpoint();
                        return;
                    }
                }
            }
            // The active segment is full (or a change must be flushed at once): a checkpoint empties it.
            checkpoint();
            if (flushNow) {
                return;
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

    private void scheduleCheckpoint() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        scheduler.schedule(this::backgroundCheckpoint, active.isHalfFull() ? 0 : CHECKPOINT_DELAY_MS);
    }

    private void backgroundCheckpoint() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            // The records stay in the journal, so nothing is lost; a full segment retries in the foreground.
            LOG.log(System.Logger.Level.WARNING, "checkpoint of " + dir + " failed", e);
        }
    }

    /**
     * Flushes every file changed since the last checkpoint and the directory, then retires the journal's
     * records. Runs in the background on its own; callers need it only to bound the work of a replay.
     *
     * @throws IOException when a file, the directory or a segment's header cannot be flushed or written;
     *     the records then stay in the journal
     */
    public void checkpoint() throws IOException {
        synchronized (checkpointLock) {
            JournalSegment old;
            Set<String> names;
            synchronized (this) {
                scheduled = false;
                if (closed) {
                    // What a write left after the closing checkpoint stays in the journal for the next open.
                    return;
                }
                old = active != null && !active.isEmpty() ? active : null;
                if (old == null && dirty.isEmpty()) {
                    return;
                }
                if (old != null) {
                    JournalSegment next = segments[old == segments[0] ? 1 : 0];
                    lastEpoch++;
                    next.activate(lastEpoch);
                    active = next;
                }
                names = dirty;
                dirty = new HashSet<>();
            }
            for (String name : names) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                }
            }
            AtomicFiles.syncDirectory(dir);
            if (old != null) {
                old.retire();
            }
        }
    }

    /** Checkpoints and closes the segments; later writes fail. A second close does nothing. */
    @Override
    public void close() throws IOException {
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
                    if (active != null && active.isEmpty()) {
                        // Nothing to replay: said so, the next open need not look.
                        active.retire();
                    }
                } finally {
                    try {
                        for (JournalSegment s : segments) {
                            s.close();
                        }
                    } finally {
                        spare.close();
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
                apply(r.name(), r.content(), true);
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
     * Brings the file of a journaled change up to date. A deletion removes it; new content is written over
     * the file in place rather than renamed onto it: a replacing rename makes ext4 start writing the data out
     * at once (its auto_da_alloc), which costs a define more than the journal's own flush, and the journal
     * record, not the file, is what survives a crash — replayed whole, it mends a file torn mid-write. A new
     * name is the {@link JournalSpare} renamed, when one is ready, rather than a file created here. A link
     * where the file should be is not followed: the content is then renamed into place.
     */
    private void applyJournaled(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        if (content == null) {
            Files.deleteIfExists(file);
            return;
        }
        // File.exists rather than Files.exists, which on this JDK throws (and fills in a stack) for every new
        // name; it follows a link, but so does nothing after it: a link is replaced either way.
        FileChannel fresh = file.toFile().exists() ? null : spare.moveTo(file);
        try (FileChannel ch = fresh != null ? fresh : FileChannel.open(file, IN_PLACE, AtomicFiles.OWNER_ONLY)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b, b.position());
            }
            ch.truncate(content.length);
        } catch (IOException e) {
            // A link, or a file that cannot be opened for writing: the atomic way, which replaces either.
            AtomicFiles.writeUnflushed(file, content);
        }
    }

    private void apply(String name, byte[] content, boolean flush) throws IOException {
        Path file = dir.resolve(name);
        if (content == null) {
            Files.deleteIfExists(file);
        } else if (flush) {
            AtomicFiles.write(file, content);
        } else {
            AtomicFiles.writeUnflushed(file, content);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.startsWith(".journal")) {
            throw new IllegalArgumentException("not a file name of a journaled directory: '" + name + "'");
        }
    }

    /** Never checkpoints on its own: tests call {@link #checkpoint()}, or leave records to replay. */
    static Scheduler onlyWhenAsked() {
        return (task, delayMs) -> {
        };
    }
}
