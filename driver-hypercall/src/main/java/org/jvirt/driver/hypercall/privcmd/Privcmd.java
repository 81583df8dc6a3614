package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The real hypervisor: Linux's privcmd device, each hypercall one {@code ioctl(IOCTL_PRIVCMD_HYPERCALL)}
 * with a {@code struct privcmd_hypercall {u64 op; u64 arg[5];}} (libvirt 0.4.4's {@code v1_hypercall_t}).
 * The kernel copies that structure in; what its arguments point to the hypervisor reads from the caller's
 * {@link HypercallBuffers hypercall buffers}. An {@code ioctl} is synchronous and holds no lock of ours, so calls
 * from several threads proceed side by side on the one descriptor. Thread-safe.
 *
 * @since 1.0
 */
public final class Privcmd implements Hypervisor {
    /** The device of current Linux kernels. */
    public static final Path DEVICE = Path.of("/dev/xen/privcmd");
    /** Where xenfs put it, and libvirt 0.4.4 looked. */
    public static final Path LEGACY_DEVICE = Path.of("/proc/xen/privcmd");
    /** Linux 4.18 on: the pages hypercall arguments belong in (privcmd-buf), which libxencall prefers. */
    public static final Path BUFFER_DEVICE = Path.of("/dev/xen/hypercall");

    /** {@code struct privcmd_hypercall} ({@code xen/sys/privcmd.h}). */
    public static final StructLayout HYPERCALL = StructLayout.of("privcmd_hypercall", 48)
            .field("op", 0, 8)
            .field("arg", 8, 40)
            .field("arg[0]", 8, 8)
            .field("arg[1]", 16, 8)
            .field("arg[2]", 24, 8)
            .field("arg[3]", 32, 8)
            .field("arg[4]", 40, 8)
            .build();

    /**
     * {@code IOCTL_PRIVCMD_HYPERCALL}: {@code _IOC(_IOC_NONE, 'P', 0, sizeof(privcmd_hypercall_t))}, the
     * direction in bits 30-31, the size in bits 16-29, the type in bits 8-15: 0x305000 on x86_64.
     */
    public static final long IOCTL_PRIVCMD_HYPERCALL = ((long) HYPERCALL.size() << 16) | ('P' << 8);

    private static final System.Logger LOG = System.getLogger(Privcmd.class.getName());

    private final LibC libc;
    private final HypercallBuffers buffers;
    private final Path device;
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Privcmd(LibC libc, HypercallBuffers buffers, Path device, int fd) {
        this.libc = libc;
        this.buffers = buffers;
        this.device = device;
        this.fd = fd;
    }

    /**
     * Opens {@code device} read-write, its hypercall buffers mapped from {@link #BUFFER_DEVICE} where the kernel
     * has one, else locked anonymous memory.
     *
     * @throws VirtException NO_XEN naming the device and the errno when it cannot be opened
     */
    public static Privcmd open(Path device) {
        LibC libc = LibC.system();
        int bufferFd = libc.open(BUFFER_DEVICE.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        if (bufferFd < 0) {
            LOG.log(Level.DEBUG, "no {0} ({1}): hypercall buffers are locked anonymous memory", BUFFER_DEVICE,
                    Errno.describe(Native.getLastError()));
            return open(libc, new HypercallBuffers(libc), device);
        }
        HypercallBuffers buffers = HypercallBuffers.fromDevice(libc, bufferFd, BUFFER_DEVICE.toString());
        try {
            return open(libc, buffers, device);
        } catch (VirtException e) {
            buffers.close();
            throw e;
        }
    }

    static Privcmd open(LibC libc, HypercallBuffers buffers, Path device) {
        Objects.requireNonNull(device, "device");
        int fd = libc.open(device.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw new VirtException(ErrorCode.NO_XEN, ErrorDomain.XEN, "cannot open the hypervisor's " + device + ": "
                    + Errno.describe(errno), XenErrors.DRIVER, device.toString(), null);
        }
        return new Privcmd(libc, buffers, device, fd);
    }

    @Override
    public long hypercall(int op, long... args) {
        if (args.length > 5) {
            throw new IllegalArgumentException("a hypercall takes at most 5 arguments, not " + args.length);
        }
        if (closed.get()) {
            return -Errno.EBADF;
        }
        // The kernel copies the ioctl's argument in before the hypercall: it needs no hypercall buffer of its own,
        // and ordinary memory spares each call a mapping.
        try (Memory call = new Memory(HYPERCALL.size())) {
            StructView hc = new StructView(call, 0, HYPERCALL);
            hc.put("op", op);
            for (int i = 0; i < 5; i++) {
                hc.put("arg[" + i + "]", i < args.length ? args[i] : 0);
            }
            int answer = libc.ioctl(fd, new NativeLong(IOCTL_PRIVCMD_HYPERCALL), call);
            if (answer >= 0) {
                return answer;
            }
            // privcmd returns -1 with the hypercall's -answer in errno; a failure without an errno is still one.
            int errno = Native.getLastError();
            return -(errno > 0 ? errno : Errno.EIO);
        }
    }

    @Override
    public HypercallBuffers buffers() {
        return buffers;
    }

    /** The device this handle has open. */
    public Path device() {
        return device;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        buffers.close();
        if (libc.close(fd) != 0) {
            LOG.log(Level.WARNING, "closing {0} failed: {1}", device, Errno.describe(Native.getLastError()));
        }
    }
}
