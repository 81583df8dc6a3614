package org.jvirt.driver.test;

import org.jvirt.api.NodeInfo;

/**
 * The fixed hardware of a test node: what {@code nodeinfo}, {@code freecell} and
 * {@code capabilities} report. Immutable.
 *
 * @param info the node's processors and memory
 * @param cellMemoryKiB total memory of each NUMA cell, in KiB
 * @param cellFreeBytes free memory of each NUMA cell, in bytes
 * @param freeBytes free memory of the whole node, in bytes
 * @param capabilities libvirt capabilities XML of the node
 */
record NodeSpec(NodeInfo info, long[] cellMemoryKiB, long[] cellFreeBytes, long freeBytes, String capabilities) {

    /** Host CPUs that vCPUs may be pinned to. */
    int cpus() {
        return info.cpus();
    }
}
