package org.jvirt.spi;

/**
 * The ServiceLoader entry point of a composition
 * ({@code META-INF/services/org.jvirt.spi.CompositionProvider}): a jar — a driver's, or one of its
 * own — says how the drivers of one URI scheme serve it together. The core reads it when it
 * discovers providers, from the class path and from plugins alike; a second composition for a
 * scheme that has one is ignored, and the problem reported as a driver-loading problem.
 *
 * <p>Implementations need a public no-argument constructor and must do no work but build the
 * composition.
 *
 * @since 1.0
 */
public interface CompositionProvider {
    /** The composition, never null; called once per discovery. */
    Composition composition();
}
