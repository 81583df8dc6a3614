package org.jvirt.model;

/**
 * The number of memory pages of one size in a NUMA cell: {@code <pages unit='KiB' size=>count</pages>}.
 *
 * @param sizeKiB the page size in KiB
 * @param count how many such pages the cell has
 *
 * @since 1.0
 */
public record NumaPages(long sizeKiB, long count) {
}
