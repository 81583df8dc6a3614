package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.NativeLong;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvirt.api.VirtException;

/**
 * Makes {@link HypercallBuffer}s, page-aligned and zeroed by the kernel: mapped from Linux's
 * {@code /dev/xen/hypercall} where the privcmd handle found one ({@link #fromDevice}), else anonymous private
 * mappings locked with {@code mlock}, as libxencall makes them. The device's pages are the kernel's own, which
 * page migration and compaction leave in place while Xen reads them; {@code mlock} keeps a page in memory but
 * not at its address. Counts the buffers it made that are not yet released, so that a test can show that no
 * path leaks one. Thread-safe.
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
    /** The open buffer device, or -1: anonymous locked memory. */
    private final int deviceFd;
    private final String device;

    HypercallBuffers(LibC libc) {
        this(libc, -1, null);
    }

    private HypercallBuffers(LibC libc, int deviceFd, String device) {
        this.libc = Objects.requireNonNull(libc, "libc");
        long page = libc.sysconf(LibC.SC_PAGESIZE).longValue();
        this.pageSize = page > 0 ? page : 4096;
        this.deviceFd = deviceFd;
        this.device = device;
    }

    /** An allocator of locked anonymous memory over the process's C library, counting its own buffers. */
    public static HypercallBuffers create() {
        return new HypercallBuffers(LibC.system());
    }

    /**
     * An allocator mapping its buffers from {@code device}, open read-write as {@code fd}: each mapping is
     * shared, as {@code /dev/xen/hypercall} requires. The descriptor becomes this allocator's: {@link #close()}.
     */
    static HypercallBuffers fromDevice(LibC libc, int fd, String device) {
        if (fd < 0) {
            throw new IllegalArgumentException("no open descriptor of " + device + ": " + fd);
        }
        return new HypercallBuffers(libc, fd, Objects.requireNonNull(device, "device"));
    }

    /** Where the buffers come from: the device's path, or {@code locked anonymous memory}. */
    public String source() {
        return device != null ? device : "locked anonymous memory";
    }

    /**
     * A zeroed, page-aligned buffer of at least {@code bytes} bytes, that stays where it is in memory.
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
        int protection = LibC.PROT_READ | LibC.PROT_WRITE;
        Pointer p = deviceFd >= 0
                ? libc.mmap(null, length, protection, LibC.MAP_SHARED, deviceFd, new NativeLong(0))
                : libc.mmap(null, length, protection, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, new NativeLong(0));
        if (p == null || Pointer.nativeValue(p) == MAP_FAILED) {
            throw XenErrors.call("mmap of a " + mapped + "-byte hypercall buffer from " + source(),
                    Native.getLastError());
        }
        if (deviceFd < 0 && libc.mlock(p, length) != 0) {
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

    /** Closes the buffer device, if any; buffers still mapped stay usable until released. Never throws. */
    void close() {
        if (deviceFd >= 0 && libc.close(deviceFd) != 0) {
            LOG.log(Level.WARNING, "closing {0} failed: {1}", device, Errno.describe(Native.getLastError()));
        }
    }

    void release(Pointer p, long mapped) {
        live.decrementAndGet();
        NativeLong length = new NativeLong(mapped);
        if (deviceFd < 0 && libc.munlock(p, length) != 0) {
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
