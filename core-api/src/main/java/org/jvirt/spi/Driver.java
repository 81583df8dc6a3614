package org.jvirt.spi;

import org.jvirt.api.ErrorDomain;
import org.jvirt.model.DomainRules;

/**
 * One driver's side of one connection. A driver declares operations by implementing the
 * interfaces in {@link DriverOperations}; this base type carries only what every driver has.
 *
 * <p>The core calls a driver from many threads at once: implementations must be thread-safe.
 * Operations throw {@link org.jvirt.api.VirtException} for failures, or
 * {@link DeclinedException} to let the next driver of a composed connection try.
 * A driver never raises NO_SUPPORT: not declaring an operation is how it says so. Where a driver
 * stands among the drivers of a composed connection is not its business: the scheme's
 * {@link Composition} says.
 *
 * @since 1.0
 */
public interface Driver extends AutoCloseable {

    /** The driver's name, as its provider's. */
    String name();

    /**
     * The libvirt error domain of this driver's errors (e.g. {@link ErrorDomain#TEST},
     * {@link ErrorDomain#QEMU}): the core reports in it the errors it raises on the driver's behalf,
     * such as a flag the driver does not honour. {@link ErrorDomain#NONE} unless overridden.
     */
    default ErrorDomain errorDomain() {
        return ErrorDomain.NONE;
    }

    /**
     * The driver's part of reading domain definitions (libvirt's parser config): the core completes
     * every definition with {@link org.jvirt.model.PostParse} and these rules before this driver sees
     * it. {@link DomainRules#GENERIC} (libvirt's generic rules alone) unless overridden; must not
     * change during a connection's life.
     */
    default DomainRules domainRules() {
        return DomainRules.GENERIC;
    }

    /** Releases what this connection holds. Called once; must not throw. */
    @Override
    void close();
}
