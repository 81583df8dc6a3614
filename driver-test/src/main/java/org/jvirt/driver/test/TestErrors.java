package org.jvirt.driver.test;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** The test driver's errors, worded as libvirt 9's test driver words them. */
final class TestErrors {
    private TestErrors() {
    }

    static VirtException error(ErrorCode code, String detail, String object) {
        return VirtException.of(code, ErrorDomain.TEST, detail, object);
    }

    /** libvirt raises this one in its domain code (virDomainObjCheckActive), hence error domain DOMAIN. */
    static VirtException notRunning(String domain) {
        return VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "domain is not running", domain);
    }

    static VirtException noDomain(String detail, String object) {
        return error(ErrorCode.NO_DOMAIN, detail, object);
    }

    static VirtException invalidArg(String detail, String object) {
        return error(ErrorCode.INVALID_ARG, detail, object);
    }

    /**
     * virCheckFlags' refusal of the {@code unsupported} flags (only those: libvirt names the flags
     * outside the supported set), whose message libvirt raises as it is, without INVALID_ARG's words.
     */
    static VirtException unsupportedFlags(int flags, String function, String object) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x"
                + Integer.toHexString(flags) + ") in function " + function, null, object, null);
    }

    static VirtException operationInvalid(String detail, String object) {
        return error(ErrorCode.OPERATION_INVALID, detail, object);
    }

    static VirtException internal(String detail, String object) {
        return error(ErrorCode.INTERNAL_ERROR, detail, object);
    }

    static VirtException noNetwork(String detail, String object) {
        return error(ErrorCode.NO_NETWORK, detail, object);
    }
}
