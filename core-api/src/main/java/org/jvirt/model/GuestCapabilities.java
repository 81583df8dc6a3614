package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * One kind of guest the hypervisor runs ({@code <guest>}): an OS type on an architecture.
 *
 * @param osType {@code hvm}, {@code xen}, {@code exe}...; never null
 * @param arch the guest architecture ({@code <arch name=>}); never null
 * @param wordSize the architecture's word size in bits
 * @param emulator the default device model binary, or null
 * @param machines the machine types offered, in order; never null
 * @param domainTypes the {@code <domain type=>}s able to run it ({@code test}, {@code qemu},
 *                    {@code kvm}, {@code xen}...); never null
 * @param features the names under {@code <features>} ({@code pae}, {@code acpi}...); never null
 *
 * @since 1.0
 */
public record GuestCapabilities(String osType, String arch, int wordSize, String emulator,
                                List<GuestMachine> machines, List<String> domainTypes,
                                List<String> features) {
    public GuestCapabilities {
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(arch, "arch");
        machines = List.copyOf(machines);
        domainTypes = List.copyOf(domainTypes);
        features = List.copyOf(features);
    }
}
