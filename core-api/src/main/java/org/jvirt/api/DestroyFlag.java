package org.jvirt.api;

/**
 * Flags of {@link Domain#destroy}, numbered as libvirt's {@code virDomainDestroyFlagsValues}.
 *
 * @since 1.0
 */
public enum DestroyFlag implements Flag {
    /** Only ask the hypervisor process to end (SIGTERM), never kill it ({@code VIR_DOMAIN_DESTROY_GRACEFUL}). */
    GRACEFUL(1),
    /** Remove the domain's log files too ({@code VIR_DOMAIN_DESTROY_REMOVE_LOGS}). */
    REMOVE_LOGS(2);

    private final int bit;

    DestroyFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
