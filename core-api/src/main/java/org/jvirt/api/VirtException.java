package org.jvirt.api;

import java.util.Objects;

/**
 * The one exception of jvirt's API and SPI, carrying libvirt's error classification.
 *
 * <p>Every failure a caller can react to is a {@code VirtException}: the {@link #code()} and
 * {@link #domain()} are numbered as libvirt's, the message names the object and the operation,
 * {@link #driver()} names the driver that raised it (or {@code null} when the core did), and
 * {@link #object()} names the domain, network or file concerned (or {@code null}).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 1.0
 */
public class VirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final ErrorDomain domain;
    private final String driver;
    private final String object;

    /**
     * @param code what went wrong, not null
     * @param domain where it went wrong, not null
     * @param message the full human-readable message, not null
     * @param driver the name of the driver that raised it, or null when raised by the core
     * @param object the name of the object concerned, or null
     * @param cause the underlying cause, or null
     */
    public VirtException(ErrorCode code, ErrorDomain domain, String message, String driver,
                         String object, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.driver = driver;
        this.object = object;
    }

    /** An error about no particular object, raised without a cause. */
    public VirtException(ErrorCode code, ErrorDomain domain, String message) {
        this(code, domain, message, null, null, null);
    }

    /**
     * An error worded as libvirt words it: {@code code.format(detail)}, e.g.
     * {@code of(OPERATION_INVALID, DOMAIN, "domain is not running", "test")} has the message
     * "Requested operation is not valid: domain is not running".
     *
     * @param object the name of the object concerned, or null
     */
    public static VirtException of(ErrorCode code, ErrorDomain domain, String detail, String object) {
        return new VirtException(code, domain, code.format(detail), null, object, null);
    }

    /** libvirt's error number of this failure; never null. */
    public ErrorCode code() {
        return code;
    }

    /** libvirt's error domain of this failure; never null. */
    public ErrorDomain domain() {
        return domain;
    }

    /** The driver that raised this error, or null when the core raised it. */
    public String driver() {
        return driver;
    }

    /** The name of the domain, network, file or URI concerned, or null. */
    public String object() {
        return object;
    }

    /** A copy of this error attributed to {@code driverName}, unless a driver is already named. */
    public VirtException attributedTo(String driverName) {
        if (driver != null) {
            return this;
        }
        VirtException copy = new VirtException(code, domain, getMessage(), driverName, object, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return "VirtException[" + code + "/" + domain + (driver == null ? "" : ", driver " + driver)
                + "]: " + getMessage();
    }
}
