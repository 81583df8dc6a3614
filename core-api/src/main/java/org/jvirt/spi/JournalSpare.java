package org.jvirt.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An empty file a {@link JournaledDirectory} keeps ready ({@code .journal-spare-RANDOM}), made in the background, so
 * that writing a new name renames it into place instead of creating a file. Creating a file costs ext4 an
 * inode, which is cheap in most block groups but takes 100–300 µs of kernel time in some (measured on the
 * project's build machine, where the group a fresh state directory lands in decides it): as much as the
 * journal's synchronous append, and on the caller's path. A rename costs 10 µs anywhere.
 *
 * <p>Durability is the journal's, as before: the record is appended first, and replay writes the file
 * whole whatever the spare left. Spares left by a crash are removed at open; each opening names its own
 * (a crash test opens a directory again while the first object lives, and one must never rename the
 * other's). Thread-safe.
 */
final class JournalSpare {
    private static final System.Logger LOG = System.getLogger(JournalSpare.class.getName());
    /** Where spares' names begin; {@link JournaledDirectory} refuses every name beginning with {@code .journal}. */
    static final String PREFIX = ".journal-spare-";
    /** One daemon thread makes the spares of every directory of the process, apart from the checkpoints' long flushes. */
    static final ExecutorService MAKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jvirt-journal-spare");
        t.setDaemon(true);
        return t;
    });

    private static final Set<OpenOption> MAKE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private final Path path;
    private final Executor maker;
    /** The spare, open for writing, or null when none is ready. */
    private FileChannel ready;
    private boolean making;
    private boolean closed;

    private JournalSpare(Path path, Executor maker) {
        this.path = path;
        this.maker = maker;
    }

    /**
     * Removes the spares earlier runs left in {@code dir} (a crash); this one's is made by {@code maker} when
     * first needed ({@link #MAKER}; tests make it at once, so that none appears after they end).
     */
    static JournalSpare open(Path dir, Executor maker) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : left) {
                Files.deleteIfExists(p);
            }
        }
        return new JournalSpare(dir.resolve(PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)),
                maker);
    }

    /**
     * Renames the spare to {@code file}, which the caller has just found absent, and returns it open for
     * writing; null when no spare is ready (one is then made for the next call). The caller writes the file
     * and closes the channel.
     */
    synchronized FileChannel moveTo(Path file) {
        FileChannel ch = ready;
        ready = null;
        try {
            if (ch == null) {
                return null;
            }
            // rename(2): the spare is ours and empty; a file made at the name since the caller looked is
            // replaced, as writing over it would have.
            Files.move(path, file, StandardCopyOption.ATOMIC_MOVE);
            return ch;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            LOG.log(System.Logger.Level.DEBUG, "cannot rename the spare {0} to {1}: {2}", path, file, e.getMessage());
            return null;
        } finally {
            // Only once the spare has left its name: the next one is made under the same.
            makeNext();
        }
    }

    /**
     * Closes a ready spare and removes it, after a spare being made, if any; later calls find none. Nothing
     * of this object's is in the directory when it returns (whoever closed it may remove the directory).
     */
    synchronized void close() throws IOException {
        closed = true;
        while (making) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the spare " + path + " was made", e);
            }
        }
        if (ready != null) {
            closeQuietly(ready);
            ready = null;
            Files.deleteIfExists(path);
        }
    }

    /** Asks the background thread for a spare, unless one is on its way. The caller holds the monitor. */
    private void makeNext() {
        if (making || closed) {
            return;
        }
        making = true;
        maker.execute(this::make);
    }

    private void make() {
        synchronized (this) {
            if (closed) {
                making = false;
                notifyAll();
                return;
            }
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, MAKE, AtomicFiles.OWNER_ONLY);
        } catch (IOException | RuntimeException e) {
            // Without a spare, a new name is created where it is written, as it was before spares.
            LOG.log(System.Logger.Level.DEBUG, "cannot make the spare {0}: {1}", path, e.getMessage());
        }
        synchronized (this) {
            try {
                if (ch != null && closed) {
                    closeQuietly(ch);
                    Files.deleteIfExists(path);
                } else if (ch != null) {
                    ready = ch;
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove the spare {0}: {1}", path, e.getMessage());
            } finally {
                making = false;
                notifyAll();
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // an empty file's descriptor: nothing of it was written
        }
    }
}
