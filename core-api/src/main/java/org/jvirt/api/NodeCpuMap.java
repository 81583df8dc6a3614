package org.jvirt.api;

import java.util.BitSet;
import java.util.Objects;

/**
 * The host's CPUs and which of them are online, as libvirt's {@code virNodeGetCPUMap} reports them.
 *
 * @param cpus how many CPUs the host has (online or not): the size of the host's CPU maps, as
 *     {@code virNodeGetCPUMap}'s return value; positive
 * @param online the online CPUs, all below {@code cpus}; never null, callers receive a copy
 *
 * @since 1.0
 */
public record NodeCpuMap(int cpus, BitSet online) {
    public NodeCpuMap {
        online = (BitSet) Objects.requireNonNull(online, "online").clone();
        if (cpus <= 0) {
            throw new IllegalArgumentException("cpus must be positive: " + cpus);
        }
        if (online.length() > cpus) {
            throw new IllegalArgumentException("online CPU " + (online.length() - 1) + " beyond " + cpus + " CPUs");
        }
    }

    @Override
    public BitSet online() {
        return (BitSet) online.clone();
    }

    /** How many CPUs are online ({@code virNodeGetCPUMap}'s {@code online} count). */
    public int onlineCount() {
        return online.cardinality();
    }
}
