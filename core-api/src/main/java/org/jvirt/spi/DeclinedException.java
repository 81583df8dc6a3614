package org.jvirt.spi;

import java.util.Objects;
import org.jvirt.api.VirtException;

/**
 * Thrown by a driver of a composed connection to say "not mine" (for example a hypervisor driver
 * asked about an inactive domain): the core then tries the next driver declaring the operation.
 * When every driver declines, the caller receives {@link #ifNobodyHandles()}.
 *
 * @since 1.0
 */
public final class DeclinedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient VirtException ifNobodyHandles;

    /** @param ifNobodyHandles the error the caller gets if no other driver handles the call, not null */
    public DeclinedException(VirtException ifNobodyHandles) {
        super(Objects.requireNonNull(ifNobodyHandles, "ifNobodyHandles").getMessage(), null, false, false);
        this.ifNobodyHandles = ifNobodyHandles;
    }

    /** The error to report when no driver handles the call. */
    public VirtException ifNobodyHandles() {
        return ifNobodyHandles;
    }
}
