package org.jvirt.driver.xenstore.wire;

import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A XenStore request that failed, in libvirt's domain {@link ErrorDomain#XENSTORE}, raised by driver
 * {@code xenstore}. When xenstored itself refused the request (an {@code XS_ERROR} reply) the code is
 * OPERATION_FAILED and {@link #errno()} names its answer, e.g. {@code ENOENT}; otherwise the code says
 * what went wrong on the way: NO_XENSTORE (no connection to xenstored), RPC (xenstored broke the wire
 * protocol), OPERATION_TIMEOUT (no answer in time), INVALID_ARG (a request the protocol cannot carry),
 * INVALID_CONN (the client was closed). The message names the request and its path.
 */
public final class XenstoreException extends VirtException {
    private static final long serialVersionUID = 1L;
    /** The driver name errors are attributed to. */
    static final String DRIVER = "xenstore";

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("EINVAL", "invalid argument"),
            Map.entry("EACCES", "permission denied"),
            Map.entry("EEXIST", "already exists"),
            Map.entry("EISDIR", "is a directory"),
            Map.entry("ENOENT", "no such node"),
            Map.entry("ENOMEM", "out of memory"),
            Map.entry("ENOSPC", "no space left, or a quota reached"),
            Map.entry("EIO", "input/output error"),
            Map.entry("ENOTEMPTY", "not empty"),
            Map.entry("ENOSYS", "not implemented"),
            Map.entry("EROFS", "read-only"),
            Map.entry("EBUSY", "busy"),
            Map.entry("EAGAIN", "transaction conflict, try again"),
            Map.entry("EISCONN", "already connected"),
            Map.entry("E2BIG", "too big"),
            Map.entry("EPERM", "operation not permitted"));

    private final String errno;
    private final transient XsType request;

    private XenstoreException(ErrorCode code, String message, String path, XsType request, String errno,
                              Throwable cause) {
        super(code, ErrorDomain.XENSTORE, message, DRIVER, path, cause);
        this.errno = errno;
        this.request = request;
    }

    /** xenstored's errno name when it refused the request ({@code ENOENT}, {@code EAGAIN}...), else null. */
    public String errno() {
        return errno;
    }

    /** The request that failed, or null when the failure concerns no one request (connecting). */
    public XsType request() {
        return request;
    }

    /** Whether xenstored answered {@code name}, e.g. {@code isErrno("ENOENT")}. */
    public boolean isErrno(String name) {
        return name.equals(errno);
    }

    static XenstoreException of(ErrorCode code, String message, String path, XsType request, Throwable cause) {
        return new XenstoreException(code, message, path, request, null, cause);
    }

    /** xenstored's XS_ERROR answer {@code errno} to {@code what} (e.g. "READ /local/domain/7/name"). */
    static XenstoreException refused(XsType request, String what, String path, String errno) {
        String meaning = MEANINGS.getOrDefault(errno, "an error xs_wire.h does not list");
        return new XenstoreException(ErrorCode.OPERATION_FAILED, "xenstored refused " + what + ": " + errno + " ("
                + meaning + ")", path, request, errno, null);
    }

    static XenstoreException invalid(XsType request, String detail) {
        return new XenstoreException(ErrorCode.INVALID_ARG, ErrorCode.INVALID_ARG.format(request.name() + ": "
                + detail), null, request, null, null);
    }
}
