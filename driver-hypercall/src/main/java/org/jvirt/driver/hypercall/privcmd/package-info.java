/**
 * Xen's hypercalls issued from Java: {@code /dev/xen/privcmd} opened and driven with {@code ioctl} through
 * JNA, arguments written into page-aligned, locked buffers at offsets that are spelled out field by field
 * ({@link org.jvirt.driver.hypercall.privcmd.StructLayout}) for each interface version the driver speaks
 * ({@link org.jvirt.driver.hypercall.privcmd.XenAbi}), and the typed calls built on them
 * ({@link org.jvirt.driver.hypercall.privcmd.XenCalls}). The {@link org.jvirt.driver.hypercall.privcmd.Hypervisor}
 * interface is the seam: {@link org.jvirt.driver.hypercall.privcmd.Privcmd} is the real hypervisor, and tests
 * put an in-memory one behind it that reads and writes the same buffers.
 *
 * <p>Only x86_64 layouts are described: the structures of a 32-bit dom0 differ.
 */
package org.jvirt.driver.hypercall.privcmd;
