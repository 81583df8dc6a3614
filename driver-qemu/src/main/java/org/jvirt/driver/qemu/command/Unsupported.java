package org.jvirt.driver.qemu.command;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** The errors of command-line building: CONFIG_UNSUPPORTED and friends, naming what is refused. */
final class Unsupported {
    private Unsupported() {
    }

    /** CONFIG_UNSUPPORTED: "unsupported configuration: {detail}". */
    static VirtException config(String domain, String detail) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, detail, domain);
    }

    /** XML_ERROR in domain QEMU, for values that make no sense at all. */
    static VirtException invalid(String domain, String detail) {
        return VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.QEMU, detail, domain);
    }

    /** OPERATION_FAILED: what libvirt finds missing on the host when it starts a guest. */
    static VirtException failed(String domain, String detail) {
        return VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, detail, domain);
    }

    /** NO_SOURCE: a disk without what it needs. */
    static VirtException noSource(String domain, String detail) {
        return VirtException.of(ErrorCode.NO_SOURCE, ErrorDomain.QEMU, detail, domain);
    }
}
