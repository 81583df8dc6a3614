package org.jvirt.api;

/**
 * Flags of {@link Domain#save} and {@link Connection#restore}, numbered as libvirt's
 * {@code virDomainSaveRestoreFlags}. RUNNING and PAUSED say the state a restore leaves the domain
 * in (without either, the state it was saved in) and exclude each other.
 *
 * @since 1.0
 */
public enum SaveFlag implements Flag {
    /** Avoid the host's file system cache while writing or reading the image ({@code VIR_DOMAIN_SAVE_BYPASS_CACHE}). */
    BYPASS_CACHE(1),
    /** Restore the domain running ({@code VIR_DOMAIN_SAVE_RUNNING}). */
    RUNNING(2),
    /** Restore the domain paused ({@code VIR_DOMAIN_SAVE_PAUSED}). */
    PAUSED(4),
    /** Restore with a fresh copy of the firmware's variable store ({@code VIR_DOMAIN_SAVE_RESET_NVRAM}). */
    RESET_NVRAM(8);

    private final int bit;

    SaveFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
