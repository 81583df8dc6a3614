package org.jvirt.api;

/**
 * Flags of {@link Domain#save} and {@link Connection#restore}, numbered as libvirt's
 * {@code virDomainSaveRestoreFlags}: the state a restore leaves the domain in. Without either, it
 * is the state the domain was saved in. The two exclude each other.
 */
public enum SaveFlag {
    /** Restore the domain running ({@code VIR_DOMAIN_SAVE_RUNNING}). */
    RUNNING(2),
    /** Restore the domain paused ({@code VIR_DOMAIN_SAVE_PAUSED}). */
    PAUSED(4);

    private final int bit;

    SaveFlag(int bit) {
        this.bit = bit;
    }

    /** libvirt's bit value. */
    public int bit() {
        return bit;
    }
}
