package org.jvirt.driver.hypercall.privcmd;

/**
 * What {@code domctl getvcpuinfo} says of one vCPU.
 *
 * @param vcpu its number
 * @param online whether it is online (not hot-unplugged)
 * @param blocked whether it waits for an event
 * @param running whether it runs on a CPU now
 * @param cpuTimeNanos CPU time it used, in nanoseconds
 * @param cpu the CPU it runs or last ran on
 *
 * @since 1.0
 */
public record VcpuEntry(int vcpu, boolean online, boolean blocked, boolean running, long cpuTimeNanos, int cpu) {
}
