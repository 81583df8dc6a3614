package org.jvirt.driver.xend;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** The driver's errors at run time: domain XEND, raised by driver "xend", naming the object. */
final class XendDaemonErrors {
    private XendDaemonErrors() {
    }

    /** {@code code} with {@code message} as it stands, about {@code object} (a domain name, or null). */
    static VirtException of(ErrorCode code, String message, String object) {
        return new VirtException(code, ErrorDomain.XEND, message, "xend", object, null);
    }

    /** libvirt's wording of {@code code} followed by {@code detail}. */
    static VirtException worded(ErrorCode code, String detail, String object) {
        return new VirtException(code, ErrorDomain.XEND, code.format(detail), "xend", object, null);
    }
}
