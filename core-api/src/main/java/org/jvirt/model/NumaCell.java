package org.jvirt.model;

import java.util.List;

/**
 * One NUMA {@code <cell>} of the host.
 *
 * @param id the cell number
 * @param memoryKiB the memory attached to this cell, in KiB
 * @param pages how many pages of each size the cell has; never null
 * @param cpus the host CPUs in this cell, in order; never null
 *
 * @since 1.0
 */
public record NumaCell(int id, long memoryKiB, List<NumaPages> pages, List<HostCpu> cpus) {
    public NumaCell {
        pages = List.copyOf(pages);
        cpus = List.copyOf(cpus);
    }
}
