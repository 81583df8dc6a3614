package org.jvirt.api;

import java.util.Objects;

/**
 * A snapshot of a domain's resources, as libvirt's {@code virDomainInfo}.
 *
 * @param state the state at the time of the call, never null
 * @param maxMemoryKiB the most memory the domain may use, in KiB
 * @param memoryKiB the memory in use (or allotted, when inactive), in KiB
 * @param vcpus the number of virtual CPUs
 * @param cpuTimeNanos CPU time used, in nanoseconds (0 when inactive)
 *
 * @since 1.0
 */
public record DomainInfo(DomainState state, long maxMemoryKiB, long memoryKiB, int vcpus, long cpuTimeNanos) {
    public DomainInfo {
        Objects.requireNonNull(state, "state");
    }
}
