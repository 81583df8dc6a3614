package org.jvirt.spi;

import java.util.Set;

/**
 * The ServiceLoader entry point of a driver jar ({@code META-INF/services/org.jvirt.spi.DriverProvider}).
 *
 * <p>Implementations need a public no-argument constructor, must be thread-safe, and must do no
 * work at construction: the core instantiates every provider on the class path to read its
 * schemes. Only {@link #open} may touch the outside world.
 *
 * @since 1.0
 */
public interface DriverProvider {

    /** The driver's name, unique among providers, e.g. {@code test}; used in messages and the support matrix. */
    String name();

    /** The URI schemes this provider serves, lower case, e.g. {@code test}; never empty. */
    Set<String> schemes();

    /**
     * The class of the drivers {@link #open} returns. What it implements of {@link DriverOperations}
     * is what the driver declares; the core reads that (for the support matrix, for instance)
     * without opening anything. {@link #open} must return instances of exactly this class.
     */
    Class<? extends Driver> driverClass();

    /**
     * Opens a connection for {@code request}. Must not throw: failures are {@link OpenResult.Failed}.
     * May be called concurrently for different connections.
     */
    OpenResult open(OpenRequest request);
}
