package org.jvirt.driver.qemu.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The exclusive lock of a state directory: one process at a time manages a set of domains, as
 * libvirt's embedded driver does. The holder writes its pid into the file, so that the refusal
 * another process gets names it. Released when closed, or by the kernel when the process dies.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code file}, creating it.
     *
     * @throws VirtException OPERATION_INVALID naming the holder when another process has it
     */
    public static StateLock acquire(Path file, String what) {
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ByteBuffer buf = ByteBuffer.allocate(32);
                ch.read(buf, 0);
                String holder = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
                ch.close();
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU,
                        what + " is in use by another process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                                + ": its lock " + file + " is held", file.toString());
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((currentPid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new StateLock(ch, l);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU,
                    ErrorCode.SYSTEM_ERROR.format("cannot lock " + file + ": " + e.getMessage()), null,
                    file.toString(), e);
        }
    }

    /**
     * This process's pid, from the {@code /proc/self} link: {@link ProcessHandle#current()} would
     * initialize the JDK's process machinery (its reaper's executor among it), about 7 ms that a
     * short process that never starts one (a {@code jvirsh list}) need not spend.
     */
    static long currentPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the kernel drops the lock with the descriptor anyway
        }
    }
}
