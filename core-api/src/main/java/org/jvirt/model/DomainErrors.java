package org.jvirt.model;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The errors libvirt's domain configuration code raises (virReportError in conf/, VIR_FROM_DOMAIN),
 * each with its code's prefix as libvirt writes it: {@code XML error: }, {@code unsupported
 * configuration: }, {@code internal error: }, {@code invalid argument: }, and none for a detail.
 * Stateless.
 */
final class DomainErrors {
    private DomainErrors() {
    }

    /** VIR_ERR_XML_ERROR. */
    static VirtException xml(String message) {
        return XmlValues.invalid(ErrorDomain.DOMAIN, message);
    }

    /** VIR_ERR_CONFIG_UNSUPPORTED. */
    static VirtException unsupported(String message) {
        return of(ErrorCode.CONFIG_UNSUPPORTED, message);
    }

    /** VIR_ERR_INTERNAL_ERROR. */
    static VirtException internal(String message) {
        return of(ErrorCode.INTERNAL_ERROR, message);
    }

    /** VIR_ERR_XML_DETAIL, whose message has no prefix. */
    static VirtException detail(String message) {
        return of(ErrorCode.XML_DETAIL, message);
    }

    /** VIR_ERR_INVALID_ARG. */
    static VirtException invalidArg(String message) {
        return of(ErrorCode.INVALID_ARG, message);
    }

    private static VirtException of(ErrorCode code, String message) {
        return new VirtException(code, ErrorDomain.DOMAIN, code.format(message));
    }
}
