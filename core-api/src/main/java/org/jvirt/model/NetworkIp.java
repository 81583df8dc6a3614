package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * One {@code <ip>} of a virtual network: the host's address on it and the DHCP service.
 *
 * @param family {@code ipv4} or {@code ipv6}, or null (IPv4)
 * @param address the host-side address, or null
 * @param netmask the IPv4 netmask, or null
 * @param prefix the prefix length (the alternative to a netmask), or null
 * @param dhcpRanges the DHCP ranges in order; never null, unmodifiable
 * @param dhcpHosts the static leases in order; never null, unmodifiable
 * @param unknowns what the model does not understand inside {@code <ip>} (at locations
 *                 {@code ""}, {@code dhcp}, {@code dhcp/range[n]}, {@code dhcp/host[n]});
 *                 null means none
 *
 * @since 1.0
 */
public record NetworkIp(String family, String address, String netmask, Integer prefix,
                        List<DhcpRange> dhcpRanges, List<DhcpHost> dhcpHosts, Unknowns unknowns) {

    public NetworkIp {
        dhcpRanges = List.copyOf(Objects.requireNonNull(dhcpRanges, "dhcpRanges"));
        dhcpHosts = List.copyOf(Objects.requireNonNull(dhcpHosts, "dhcpHosts"));
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** An IPv4 address with a netmask, serving these DHCP ranges. */
    public static NetworkIp ipv4(String address, String netmask, DhcpRange... ranges) {
        return new NetworkIp(null, address, netmask, null, List.of(ranges), List.of(), Unknowns.NONE);
    }
}
