package org.jvirt.api;

/**
 * Traffic counters of one network interface of a running domain, as libvirt's {@code virDomainInterfaceStatsStruct}; -1 means unknown.
 *
 * @since 1.0
 */
public record InterfaceStats(long rxBytes, long rxPackets, long rxErrors, long rxDrops,
                             long txBytes, long txPackets, long txErrors, long txDrops) {
}
