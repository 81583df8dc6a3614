package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * What a connection's hypervisor offers ({@code virConnectGetCapabilities}): the host, and each
 * kind of guest it can run. Written by {@link CapabilitiesXml}.
 *
 * <p>Immutable records, safe to share between threads, equal by value.
 *
 * @param host the host's description; never null
 * @param guests the guest kinds in order; never null, unmodifiable
 *
 * @since 1.0
 */
public record CapabilitiesDefinition(HostCapabilities host, List<GuestCapabilities> guests) {
    public CapabilitiesDefinition {
        Objects.requireNonNull(host, "host");
        guests = List.copyOf(Objects.requireNonNull(guests, "guests"));
    }
}
