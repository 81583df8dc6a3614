package org.jvirt.driver.xenstore;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.DeclinedException;

/** The driver's own errors: domain XENSTORE, raised by driver "xenstore", worded as libvirt words the code. */
final class XenstoreErrors {
    static final String DRIVER = "xenstore";

    private XenstoreErrors() {
    }

    static VirtException worded(ErrorCode code, String detail, String object) {
        return new VirtException(code, ErrorDomain.XENSTORE, code.format(detail), DRIVER, object, null);
    }

    /**
     * A domain XenStore does not list: declined, for in {@code xen:///} another driver (the hypervisor,
     * xend, or the xm files for an inactive domain) may know it; NO_DOMAIN when none does.
     */
    static DeclinedException notMine(String what, String object) {
        return new DeclinedException(worded(ErrorCode.NO_DOMAIN, "no domain with matching " + what + " in XenStore",
                object));
    }
}
