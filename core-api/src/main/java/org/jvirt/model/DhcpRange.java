package org.jvirt.model;

import java.util.Objects;

/**
 * A {@code <range>} of addresses the network's DHCP server hands out.
 *
 * @param start the first address; never null
 * @param end the last address; never null
 *
 * @since 1.0
 */
public record DhcpRange(String start, String end) {
    public DhcpRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
