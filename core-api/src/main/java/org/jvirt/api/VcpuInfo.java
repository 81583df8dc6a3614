package org.jvirt.api;

import java.util.BitSet;
import java.util.Objects;

/**
 * One virtual CPU of a running domain, as libvirt's {@code virVcpuInfo} plus its CPU map.
 *
 * @param number the vCPU's index
 * @param state 0 offline, 1 running, 2 blocked (libvirt's {@code virVcpuState})
 * @param cpuTimeNanos CPU time this vCPU used, in nanoseconds
 * @param cpu the host CPU it last ran on, or -1
 * @param affinity the host CPUs it may run on; callers receive a copy
 *
 * @since 1.0
 */
public record VcpuInfo(int number, int state, long cpuTimeNanos, int cpu, BitSet affinity) {
    public VcpuInfo {
        affinity = (BitSet) Objects.requireNonNull(affinity, "affinity").clone();
    }

    @Override
    public BitSet affinity() {
        return (BitSet) affinity.clone();
    }
}
