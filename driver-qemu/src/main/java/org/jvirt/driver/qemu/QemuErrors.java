package org.jvirt.driver.qemu;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** The QEMU driver's errors, worded as libvirt's QEMU driver words them. */
final class QemuErrors {
    private QemuErrors() {
    }

    static VirtException error(ErrorCode code, String detail, String object) {
        return VirtException.of(code, ErrorDomain.QEMU, detail, object);
    }

    static VirtException error(ErrorCode code, String detail, String object, Throwable cause) {
        return new VirtException(code, ErrorDomain.QEMU, code.format(detail), null, object, cause);
    }

    static VirtException notRunning(String domain) {
        return error(ErrorCode.OPERATION_INVALID, "domain is not running", domain);
    }

    static VirtException noDomain(String detail, String object) {
        return error(ErrorCode.NO_DOMAIN, detail, object);
    }

    static VirtException operationInvalid(String detail, String object) {
        return error(ErrorCode.OPERATION_INVALID, detail, object);
    }

    static VirtException invalidArg(String detail, String object) {
        return error(ErrorCode.INVALID_ARG, detail, object);
    }

    static VirtException system(String detail, String object, Throwable cause) {
        return error(ErrorCode.SYSTEM_ERROR, detail, object, cause);
    }

    static VirtException failed(String detail, String object, Throwable cause) {
        return error(ErrorCode.OPERATION_FAILED, detail, object, cause);
    }

    static VirtException internal(String detail, String object, Throwable cause) {
        return error(ErrorCode.INTERNAL_ERROR, detail, object, cause);
    }
}
