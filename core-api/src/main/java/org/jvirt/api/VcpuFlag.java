package org.jvirt.api;

/**
 * Flags of {@link Domain#setVcpus(int, ModificationImpact, VcpuFlag...)}, numbered as libvirt's {@code virDomainVcpuFlags}.
 *
 * @since 1.0
 */
public enum VcpuFlag implements Flag {
    /** Change the most vCPUs the domain may have, in its persistent definition ({@code VIR_DOMAIN_VCPU_MAXIMUM}). */
    MAXIMUM(4),
    /** Ask the guest agent to take vCPUs on or off line ({@code VIR_DOMAIN_VCPU_GUEST}). */
    GUEST(8),
    /** Add vCPUs so that they can be unplugged later ({@code VIR_DOMAIN_VCPU_HOTPLUGGABLE}). */
    HOTPLUGGABLE(16);

    private final int bit;

    VcpuFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
