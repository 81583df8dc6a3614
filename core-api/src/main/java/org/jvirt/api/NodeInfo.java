package org.jvirt.api;

import java.util.Objects;

/**
 * The host's processor and memory, as libvirt's {@code virNodeInfo}.
 *
 * @param model the CPU model (for instance {@code i686} or {@code x86_64}), never null
 * @param memoryKiB total memory, in KiB
 * @param cpus active logical CPUs
 * @param mhz expected CPU frequency
 * @param numaNodes NUMA cells (1 when the host is uniform)
 * @param sockets sockets per NUMA cell
 * @param cores cores per socket
 * @param threads threads per core
 *
 * @since 1.0
 */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int numaNodes, int sockets,
                       int cores, int threads) {
    public NodeInfo {
        Objects.requireNonNull(model, "model");
    }
}
