package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.NativeLong;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.VirtException;

/**
 * Makes {@link HypercallBuffer}s: anonymous private mappings (page-aligned and zeroed by the kernel),
 * locked with {@code mlock}. Counts the buffers it made that are not yet released, so that a test can show
 * that no path leaks one. Thread-safe.
 *
 * @since 1.0
 */
public final class HypercallBuffers {
    private static final System.Logger LOG = System.getLogger(HypercallBuffers.class.getName());
    /** {@code mmap}'s MAP_FAILED, {@code (void *) -1}. */
    private static final long MAP_FAILED = -1L;

    private final LibC libc;
    private final long pageSize;
    private final AtomicInteger live = new AtomicInteger();

    HypercallBuffers(LibC libc) {
        this.libc = Objects.requireNonNull(libc, "libc");
        long page = libc.sysconf(LibC.SC_PAGESIZE).longValue();
        this.pageSize = page > 0 ? page : 4096;
    }

    /** An allocator over the process's C library, counting its own buffers. */
    public static HypercallBuffers create() {
        return new HypercallBuffers(LibC.system());
    }

    /**
     * A zeroed, page-aligned, locked buffer of at least {@code bytes} bytes.
     *
     * @throws VirtException XEN_CALL naming {@code mmap} or {@code mlock} and the errno when the kernel refuses;
     *     nothing stays mapped then
     */
    public HypercallBuffer allocate(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a hypercall buffer of " + bytes + " bytes");
        }
        long mapped = (bytes + pageSize - 1) / pageSize * pageSize;
        NativeLong length = new NativeLong(mapped);
        Pointer p = libc.mmap(null, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS,
                -1, new NativeLong(0));
        if (p == null || Pointer.nativeValue(p) == MAP_FAILED) {
            throw XenErrors.call("mmap of a " + mapped + "-byte hypercall buffer", Native.getLastError());
        }
        if (libc.mlock(p, length) != 0) {
            int errno = Native.getLastError();
            unmap(p, length);
            throw XenErrors.call("mlock of a " + mapped + "-byte hypercall buffer", errno);
        }
        live.incrementAndGet();
        return new HypercallBuffer(this, p, bytes, mapped);
    }

    /** Buffers made and not yet released. */
    public int live() {
        return live.get();
    }

    /** The page size the buffers are rounded to. */
    public long pageSize() {
        return pageSize;
    }

    void release(Pointer p, long mapped) {
        live.decrementAndGet();
        NativeLong length = new NativeLong(mapped);
        if (libc.munlock(p, length) != 0) {
            // The mapping goes away below, and its lock with it: worth a warning, not a failed call.
            LOG.log(Level.WARNING, "munlock of a {0}-byte hypercall buffer failed: {1}", Long.toString(mapped),
                    Errno.describe(Native.getLastError()));
        }
        unmap(p, length);
    }

    private void unmap(Pointer p, NativeLong length) {
        if (libc.munmap(p, length) != 0) {
            LOG.log(Level.WARNING, "munmap of a {0}-byte hypercall buffer failed: {1}",
                    Long.toString(length.longValue()), Errno.describe(Native.getLastError()));
        }
    }
}
