package org.jvirt.proxy.daemon.dispatch;

import java.util.Locale;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * libvirt's {@code virCheckFlags} refusal, raised by a procedure for flag bits jvirt gives no meaning:
 * INVALID_ARG, "unsupported flags (0x4) in function virDomainGetXMLDesc" — the message as is, without
 * the "invalid argument: " of other INVALID_ARG errors, as {@code virReportInvalidArg} words it. libvirt's
 * drivers check their flags themselves, so the function a client reads is the driver's
 * ({@code testDomainGetXMLDesc}); the {@link Dispatcher}, which knows the client's connection, names it
 * so ({@link #inDriver}).
 */
public final class UnsupportedFlags extends VirtException {
    private static final long serialVersionUID = 1L;

    private final long bits;
    private final String function;

    /**
     * @param bits the bits refused, not zero
     * @param function the public API function, e.g. {@code virDomainGetXMLDesc}
     */
    public UnsupportedFlags(long bits, String function) {
        super(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, message(bits, function));
        this.bits = bits;
        this.function = function;
    }

    /** The same refusal naming the function of driver {@code type} (a connection's type: TEST names testDomainGetXMLDesc). */
    VirtException inDriver(String type) {
        String api = function.startsWith("vir") ? function.substring("vir".length()) : function;
        return new VirtException(ErrorCode.INVALID_ARG, domain(), message(bits, type.toLowerCase(Locale.ROOT) + api));
    }

    private static String message(long bits, String function) {
        return "unsupported flags (0x" + Long.toHexString(bits) + ") in function " + function;
    }
}
