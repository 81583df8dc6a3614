package org.jvirt.api;

/**
 * Which definition a change affects, as libvirt's {@code virDomainModificationImpact}.
 *
 * @since 1.0
 */
public enum ModificationImpact {
    /** The running domain's state when active, its persistent definition otherwise. */
    CURRENT(0),
    /** The running domain only; fails when inactive. */
    LIVE(1),
    /** The persistent definition only; fails for a transient domain. */
    CONFIG(2);

    private final int bit;

    ModificationImpact(int bit) {
        this.bit = bit;
    }

    /** libvirt's bit value. */
    public int bit() {
        return bit;
    }
}
