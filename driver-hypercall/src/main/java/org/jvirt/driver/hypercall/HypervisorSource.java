package org.jvirt.driver.hypercall;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.driver.hypercall.privcmd.Hypervisor;
import org.jvirt.driver.hypercall.privcmd.Privcmd;

/**
 * Where a connection's hypervisor comes from: {@link #PRIVCMD}, the real one, for the ServiceLoader's provider;
 * tests hand the provider an in-memory one instead (its package-private constructor), which is why this is an
 * interface at all.
 */
@FunctionalInterface
interface HypervisorSource {

    /**
     * Opens the hypervisor for one connection.
     *
     * @throws Unavailable when there is none here, or not for this process: the provider declines
     * @throws org.jvirt.api.VirtException when there is one that cannot be opened: the open fails
     */
    Hypervisor open() throws Unavailable;

    /** No hypervisor this process may use; the message says why. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Linux's privcmd device ({@code /dev/xen/privcmd}, or xenfs's {@code /proc/xen/privcmd} where libvirt 0.4.4
     * found it), on x86_64, whose layouts are the only ones the driver knows. A device this user cannot open
     * read-write is unavailable, not an error: as in libvirt, the hypervisor serves root only, and the other Xen
     * drivers serve everyone else.
     */
    HypervisorSource PRIVCMD = () -> {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new Unavailable("the driver knows the hypercall structures of x86_64 only, not of " + arch);
        }
        Path device = Files.exists(Privcmd.DEVICE) ? Privcmd.DEVICE
                : Files.exists(Privcmd.LEGACY_DEVICE) ? Privcmd.LEGACY_DEVICE : null;
        if (device == null) {
            throw new Unavailable("no Xen hypervisor: neither " + Privcmd.DEVICE + " nor " + Privcmd.LEGACY_DEVICE
                    + " exists");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            throw new Unavailable(device + " is not readable and writable by this user: the hypervisor answers root"
                    + " only");
        }
        try {
            return Privcmd.open(device);
        } catch (LinkageError e) {
            throw new Unavailable("JNA cannot reach the C library: " + e.getMessage());
        }
    };
}
