package org.jvirt.driver.xm;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** The driver's errors at run time: domain XENXM, raised by driver "xm", naming the object. */
final class XmDriverErrors {
    private XmDriverErrors() {
    }

    /** libvirt's wording of {@code code} followed by {@code detail}. */
    static VirtException worded(ErrorCode code, String detail, String object) {
        return new VirtException(code, ErrorDomain.XENXM, code.format(detail), "xm", object, null);
    }
}
