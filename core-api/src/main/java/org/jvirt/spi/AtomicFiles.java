package org.jvirt.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash at any point leaves either the old content or the new, never a
 * torn file: temporary file in the same directory, fsync, atomic rename, fsync of the directory.
 * The one way drivers persist definitions and images ({@link JournaledDirectory} builds on it where a
 * change must cost less than two flushes). Thread-safe (each call uses its own temporary file).
 *
 * @since 1.0
 */
public final class AtomicFiles {
    /** Owner read and write: the files it makes, and the ones {@link JournaledDirectory} writes in place. */
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE));
    private static final int MAX_NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}. The temporary file {@code .NAME.RANDOM.tmp}, owner-only,
     * is created exclusively ({@code O_EXCL}, so an existing file or link of that name is never opened:
     * another name is tried) and written through the descriptor that created it. Its name comes from
     * {@link ThreadLocalRandom}, not {@code SecureRandom}, whose first use seeds it from the kernel at a cost
     * of about 15 ms to a short process ({@code jvirsh define}); it need not be unpredictable.
     *
     * @throws IOException when any step fails; the temporary file is removed and {@code target} is unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Replaces {@code target} atomically, as {@link #write}, but flushes neither the file nor the directory:
     * after a crash of the machine either content may be there. For {@link JournaledDirectory}, whose
     * journal makes the change durable.
     */
    static void writeUnflushed(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    private static void write(Path target, byte[] content, boolean flush) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            FileChannel ch;
            try {
                ch = posix ? FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        OWNER_ONLY) : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= MAX_NAME_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            replace(target, content, dir, tmp, ch, flush);
            return;
        }
    }

    /** Writes {@code content} through {@code ch} (open on {@code tmp}), syncs it if asked, renames it to {@code target}. */
    private static void replace(Path target, byte[] content, Path dir, Path tmp, FileChannel ch, boolean flush)
            throws IOException {
        try {
            try (ch) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (flush) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (flush) {
                syncDirectory(dir);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Flushes {@code dir}'s entries (renames, removals); a file system that cannot is left as it is. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync directories; the rename itself is still atomic.
        }
    }
}
