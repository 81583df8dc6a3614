package org.jvirt.api;

/**
 * Flags of {@link Domain#undefine}, numbered as libvirt's {@code virDomainUndefineFlagsValues}: what
 * else goes with the definition.
 *
 * @since 1.0
 */
public enum UndefineFlag implements Flag {
    /** Remove the domain's managed save image too ({@code VIR_DOMAIN_UNDEFINE_MANAGED_SAVE}). */
    MANAGED_SAVE(1),
    /** Remove the metadata of the domain's snapshots ({@code VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA}). */
    SNAPSHOTS_METADATA(2),
    /** Remove the firmware's variable store ({@code VIR_DOMAIN_UNDEFINE_NVRAM}). */
    NVRAM(4),
    /** Keep the firmware's variable store ({@code VIR_DOMAIN_UNDEFINE_KEEP_NVRAM}). */
    KEEP_NVRAM(8),
    /** Remove the metadata of the domain's checkpoints ({@code VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA}). */
    CHECKPOINTS_METADATA(16),
    /** Remove the emulated TPM's state ({@code VIR_DOMAIN_UNDEFINE_TPM}). */
    TPM(32),
    /** Keep the emulated TPM's state ({@code VIR_DOMAIN_UNDEFINE_KEEP_TPM}). */
    KEEP_TPM(64);

    private final int bit;

    UndefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
