package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Native memory the hypervisor reads or writes during a hypercall: whole pages, zeroed, that stay in RAM at
 * their address while Xen reads them (the kernel's pages of {@code /dev/xen/hypercall}, or pages locked with
 * {@code mlock} as libvirt's {@code lock_pages} kept them). Made by
 * {@link HypercallBuffers#allocate}; {@link #close()} unmaps it, once, whatever the call's outcome:
 * use it in try-with-resources. Not thread-safe.
 *
 * @since 1.0
 */
public final class HypercallBuffer implements AutoCloseable {
    private final HypercallBuffers owner;
    private final Pointer pointer;
    private final int size;
    private final long mapped;
    private final AtomicBoolean closed = new AtomicBoolean();

    HypercallBuffer(HypercallBuffers owner, Pointer pointer, int size, long mapped) {
        this.owner = owner;
        this.pointer = pointer;
        this.size = size;
        this.mapped = mapped;
    }

    /** The start of the buffer; page-aligned. */
    public Pointer pointer() {
        if (closed.get()) {
            throw new IllegalStateException("hypercall buffer already released");
        }
        return pointer;
    }

    /** The address the hypervisor is given. */
    public long address() {
        return Pointer.nativeValue(pointer());
    }

    /** The bytes asked for (the mapping is rounded up to whole pages). */
    public int size() {
        return size;
    }

    /** Bytes mapped: {@link #size()} rounded up to pages. */
    long mapped() {
        return mapped;
    }

    /** Unmaps the buffer (unlocking it first if it was locked); later calls do nothing. Never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.release(pointer, mapped);
        }
    }
}
