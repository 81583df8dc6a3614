package org.jvirt.api;

/**
 * Flags of starting a domain, numbered as libvirt's {@code virDomainCreateFlags}: of
 * {@link Domain#start} ({@code virDomainCreateWithFlags}) and {@link Connection#createDomain}
 * ({@code virDomainCreateXML}).
 *
 * @since 1.0
 */
public enum StartFlag implements Flag {
    /** Leave the guest's CPUs paused ({@code VIR_DOMAIN_START_PAUSED}). */
    PAUSED(1),
    /** Destroy the domain when the connection that started it closes ({@code VIR_DOMAIN_START_AUTODESTROY}). */
    AUTODESTROY(2),
    /** Avoid the host's file system cache when restoring a managed save image ({@code VIR_DOMAIN_START_BYPASS_CACHE}). */
    BYPASS_CACHE(4),
    /** Boot afresh, discarding a managed save image ({@code VIR_DOMAIN_START_FORCE_BOOT}). */
    FORCE_BOOT(8),
    /** Check the document against libvirt's RelaxNG schema first ({@code VIR_DOMAIN_START_VALIDATE}, create only); done by the core, never passed to a driver. */
    VALIDATE(16),
    /** Start from a fresh copy of the firmware's variable store ({@code VIR_DOMAIN_START_RESET_NVRAM}). */
    RESET_NVRAM(32);

    private final int bit;

    StartFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
