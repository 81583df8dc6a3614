package org.jvirt.api;

/**
 * Flags of {@link Domain#shutdown}, numbered as libvirt's {@code virDomainShutdownFlagValues}: the
 * ways a guest may be asked to stop. None lets the hypervisor choose; several let it try each.
 *
 * @since 1.0
 */
public enum ShutdownFlag implements Flag {
    /** Press the ACPI power button ({@code VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN}). */
    ACPI_POWER_BTN(1),
    /** Ask the guest agent ({@code VIR_DOMAIN_SHUTDOWN_GUEST_AGENT}). */
    GUEST_AGENT(2),
    /** Tell the container's init ({@code VIR_DOMAIN_SHUTDOWN_INITCTL}). */
    INITCTL(4),
    /** Send the container's init a signal ({@code VIR_DOMAIN_SHUTDOWN_SIGNAL}). */
    SIGNAL(8),
    /** Use the paravirtual shutdown channel, as Xen's ({@code VIR_DOMAIN_SHUTDOWN_PARAVIRT}). */
    PARAVIRT(16);

    private final int bit;

    ShutdownFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
