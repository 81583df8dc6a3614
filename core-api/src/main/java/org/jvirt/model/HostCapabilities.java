package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@code <host>} part of capabilities.
 *
 * @param uuid the host's UUID, or null when not known
 * @param arch the CPU architecture ({@code i686}, {@code x86_64}...); never null
 * @param cpuFeatures the names under {@code <cpu><features>} ({@code pae}, {@code vmx}...); never null
 * @param pageSizesKiB the memory page sizes the host supports, in KiB; never null
 * @param powerManagement the suspend targets ({@code suspend_mem}, {@code suspend_disk},
 *                        {@code suspend_hybrid}); empty when the host cannot suspend; never null
 * @param iommu whether the host has a usable IOMMU
 * @param cells the NUMA cells in order; empty when the topology is unknown; never null
 * @param securityModels the security drivers ({@code <secmodel>}s) in order; never null
 *
 * @since 1.0
 */
public record HostCapabilities(UUID uuid, String arch, List<String> cpuFeatures,
                               List<Long> pageSizesKiB, List<String> powerManagement, boolean iommu,
                               List<NumaCell> cells, List<SecurityModel> securityModels) {
    public HostCapabilities {
        Objects.requireNonNull(arch, "arch");
        cpuFeatures = List.copyOf(cpuFeatures);
        pageSizesKiB = List.copyOf(pageSizesKiB);
        powerManagement = List.copyOf(powerManagement);
        cells = List.copyOf(cells);
        securityModels = List.copyOf(securityModels);
    }
}
