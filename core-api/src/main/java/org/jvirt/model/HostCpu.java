package org.jvirt.model;

/**
 * One host CPU in a NUMA cell: {@code <cpu id= socket_id= die_id= core_id= siblings=/>}.
 *
 * @param id the CPU number
 * @param socketId its socket, or null when not known
 * @param dieId its die, or null when not known
 * @param coreId its core, or null when not known
 * @param siblings the CPUs sharing its core ({@code 0-1}, {@code 3}), or null when not known
 *
 * @since 1.0
 */
public record HostCpu(int id, Integer socketId, Integer dieId, Integer coreId, String siblings) {
}
