package org.jvirt.driver.xend.config;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The errors of the conversions, worded and numbered as libvirt 0.4.4's: what xend's document lacks
 * or garbles is an INTERNAL_ERROR of domain XEND ("domain information incomplete, missing ..."), as
 * {@code xend_internal.c} reported it; what a definition lacks for xend is an error of domain XML,
 * as {@code xml.c} reported it, with libvirt's code where it had one (NO_KERNEL, NO_SOURCE...); what
 * xend cannot be told at all is CONFIG_UNSUPPORTED.
 */
final class XendErrors {
    private XendErrors() {
    }

    /** xend's document lacks something a domain needs. */
    static VirtException incomplete(String missing) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.XEND,
                ErrorCode.INTERNAL_ERROR.format("domain information incomplete, missing " + missing));
    }

    /** xend's document holds something that cannot be what it names. */
    static VirtException incorrect(String detail) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.XEND,
                ErrorCode.INTERNAL_ERROR.format("domain information incorrect: " + detail));
    }

    /** A definition says something xend's configuration cannot hold. */
    static VirtException xml(String detail) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, ErrorCode.XML_ERROR.format(detail));
    }

    /** A paravirtualised guest boots neither a kernel nor a bootloader. */
    static VirtException noKernel(String domain) {
        return new VirtException(ErrorCode.NO_KERNEL, ErrorDomain.XML, "missing kernel information: domain '"
                + domain + "' is paravirtualised and has neither <os><kernel> nor <bootloader>", null, domain, null);
    }

    /** A device lacks its source. */
    static VirtException noSource(String what) {
        return new VirtException(ErrorCode.NO_SOURCE, ErrorDomain.XML, "missing source information for " + what);
    }

    /** A definition lacks its {@code <os>}. */
    static VirtException noOs(String domain) {
        return new VirtException(ErrorCode.NO_OS, ErrorDomain.XML, "missing operating system information for "
                + domain + ": no <os> and no <bootloader>", null, domain, null);
    }

    /** Something xend has no way to be told. */
    static VirtException unsupported(String detail) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XEND,
                ErrorCode.CONFIG_UNSUPPORTED.format(detail));
    }
}
