package org.jvirt.proxy.daemon.dispatch;

import java.util.Optional;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.net.VirNetMessageError;

/**
 * jvirt's errors as libvirt's {@code virNetMessageError}: code and domain numbered as libvirt's (jvirt's
 * enums carry the numbers), the whole message, level {@code VIR_ERR_ERROR}, and the extra fields as
 * libvirt's {@code virReportError} fills them — {@code str1} the code's format ("operation forbidden: %s"),
 * {@code str2} the detail put into it, {@code int1} and {@code int2} -1 — which python-libvirt hands out as
 * {@code get_error_str1()} and so on. The client library raises them as it raises its own errors, so virsh
 * prints "error: " and the message.
 */
public final class WireErrors {
    /** {@code VIR_ERR_ERROR}. */
    static final int LEVEL_ERROR = 2;

    private WireErrors() {
    }

    /** {@code e} as it crosses the wire. */
    public static VirNetMessageError of(VirtException e) {
        String message = e.getMessage();
        String format = e.code().format("%s");
        String prefix = format.substring(0, format.length() - "%s".length());
        boolean worded = !prefix.isEmpty() && message.startsWith(prefix);
        return new VirNetMessageError(e.code().number(), e.domain().number(), Optional.of(message), LEVEL_ERROR,
                Optional.empty(), Optional.of(worded ? format : "%s"),
                Optional.of(worded ? message.substring(prefix.length()) : message), Optional.empty(), -1, -1, Optional.empty());
    }

    /** An error of libvirt's RPC layer ({@code VIR_ERR_RPC} from {@code VIR_FROM_RPC}), with {@code message} as is. */
    public static VirtException rpc(String message) {
        return new VirtException(ErrorCode.RPC, ErrorDomain.RPC, message);
    }
}
