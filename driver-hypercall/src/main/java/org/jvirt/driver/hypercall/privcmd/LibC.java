package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The C library calls the driver makes, mapped by JNA; after each, {@link Native#getLastError()} is the
 * call's {@code errno}. An interface, so that tests can put failures in front of the real calls.
 * Constants are Linux x86_64's (the layout tests check them against the C headers).
 */
interface LibC extends Library {
    int O_RDWR = 0x2;
    int O_CLOEXEC = 0x80000;
    int PROT_READ = 0x1;
    int PROT_WRITE = 0x2;
    int MAP_SHARED = 0x01;
    int MAP_PRIVATE = 0x02;
    int MAP_ANONYMOUS = 0x20;
    int SC_PAGESIZE = 30;

    int open(String path, int flags);

    int close(int fd);

    int ioctl(int fd, NativeLong request, Pointer argument);

    Pointer mmap(Pointer address, NativeLong length, int protection, int flags, int fd, NativeLong offset);

    int munmap(Pointer address, NativeLong length);

    int mlock(Pointer address, NativeLong length);

    int munlock(Pointer address, NativeLong length);

    NativeLong sysconf(int name);

    /** The process's C library, loaded on first use. */
    static LibC system() {
        return Loaded.LIBC;
    }

    /** Holder: JNA loads its native part only when a hypercall is really about to be made. */
    final class Loaded {
        static final LibC LIBC = Native.load("c", LibC.class);

        private Loaded() {
        }
    }
}
