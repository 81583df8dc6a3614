package org.jvirt.driver.hypercall.privcmd;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The errors of hypercalls, in libvirt's classification: domain XEN, code XEN_CALL (libvirt's
 * {@code VIR_ERR_XEN_CALL}, "failed Xen syscall"), raised by driver "hypercall", naming the call and the errno.
 *
 * @since 1.0
 */
public final class XenErrors {
    /** The driver name errors are attributed to. */
    public static final String DRIVER = "hypercall";

    private XenErrors() {
    }

    /**
     * A failed call: {@code failed Xen syscall <what>: EINVAL (22, Invalid argument)}.
     *
     * @param what the call and its subject, e.g. {@code domctl XEN_DOMCTL_pausedomain of domain 7}
     */
    public static VirtException call(String what, int errno) {
        return new VirtException(ErrorCode.XEN_CALL, ErrorDomain.XEN, "failed Xen syscall " + what + ": "
                + Errno.describe(errno), DRIVER, null, null);
    }

    /** A failure of the hypervisor's interface that has no errno (an answer the driver cannot read). */
    public static VirtException answer(String what) {
        return new VirtException(ErrorCode.XEN_CALL, ErrorDomain.XEN, "failed Xen syscall " + what, DRIVER, null,
                null);
    }
}
