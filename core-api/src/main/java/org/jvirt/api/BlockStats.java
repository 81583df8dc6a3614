package org.jvirt.api;

/**
 * I/O counters of one disk of a running domain, as libvirt's {@code virDomainBlockStatsStruct}; -1 means unknown.
 *
 * @since 1.0
 */
public record BlockStats(long readRequests, long readBytes, long writeRequests, long writeBytes, long errors) {
}
