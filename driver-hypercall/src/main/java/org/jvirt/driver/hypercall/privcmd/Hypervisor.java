package org.jvirt.driver.hypercall.privcmd;

/**
 * Something that answers Xen hypercalls: the seam between the driver and the hypervisor. {@link Privcmd} is
 * the real one, an {@code ioctl} on {@code /dev/xen/privcmd}; tests put an in-memory hypervisor here that
 * reads the same argument buffers and answers in them. Implementations are thread-safe: the driver issues
 * hypercalls from many threads at once.
 *
 * @since 1.0
 */
public interface Hypervisor extends AutoCloseable {

    /**
     * Issues hypercall {@code op} ({@code __HYPERVISOR_*}) with up to five arguments: numbers, or
     * {@link HypercallBuffer#address() addresses} of buffers from {@link #buffers()}. Returns at once: a
     * hypercall never waits on anything outside the hypervisor.
     *
     * @return the hypervisor's answer: not negative on success, {@code -errno} on failure, as Xen returns it
     *     (and as privcmd's {@code ioctl} reports it through {@code errno})
     * @throws IllegalArgumentException for more than five arguments
     */
    long hypercall(int op, long... args);

    /** Where the buffers handed to this hypervisor come from. */
    HypercallBuffers buffers();

    /** Releases the handle; never throws. Later hypercalls fail. */
    @Override
    void close();
}
