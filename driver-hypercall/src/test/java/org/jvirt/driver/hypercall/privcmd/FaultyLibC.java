package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real C library with failures put in front of chosen calls: a call set to fail sets errno as the
 * kernel would and returns the C error value without reaching the kernel. Counts mappings made and undone.
 */
final class FaultyLibC implements LibC {
    private final LibC real = LibC.system();
    volatile int mmapErrno;
    volatile int mlockErrno;
    volatile int munlockErrno;
    /** When set, ioctl fails with this errno (0: a failure that forgot its errno). */
    volatile Integer ioctlErrno;
    final AtomicInteger mapped = new AtomicInteger();
    final AtomicInteger unmapped = new AtomicInteger();

    @Override
    public int open(String path, int flags) {
        return real.open(path, flags);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }

    @Override
    public int ioctl(int fd, NativeLong request, Pointer argument) {
        if (ioctlErrno != null) {
            Native.setLastError(ioctlErrno);
            return -1;
        }
        return real.ioctl(fd, request, argument);
    }

    @Override
    public Pointer mmap(Pointer address, NativeLong length, int protection, int flags, int fd, NativeLong offset) {
        if (mmapErrno != 0) {
            Native.setLastError(mmapErrno);
            return new Pointer(-1);
        }
        mapped.incrementAndGet();
        return real.mmap(address, length, protection, flags, fd, offset);
    }

    @Override
    public int munmap(Pointer address, NativeLong length) {
        unmapped.incrementAndGet();
        return real.munmap(address, length);
    }

    @Override
    public int mlock(Pointer address, NativeLong length) {
        if (mlockErrno != 0) {
            Native.setLastError(mlockErrno);
            return -1;
        }
        return real.mlock(address, length);
    }

    @Override
    public int munlock(Pointer address, NativeLong length) {
        if (munlockErrno != 0) {
            Native.setLastError(munlockErrno);
            return -1;
        }
        return real.munlock(address, length);
    }

    @Override
    public NativeLong sysconf(int name) {
        return real.sysconf(name);
    }
}
