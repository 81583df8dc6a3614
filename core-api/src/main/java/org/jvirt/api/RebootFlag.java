package org.jvirt.api;

/**
 * Flags of {@link Domain#reboot}, numbered as libvirt's {@code virDomainRebootFlagValues}: the
 * ways a guest may be asked to restart. None lets the hypervisor choose; several let it try each.
 *
 * @since 1.0
 */
public enum RebootFlag implements Flag {
    /** Press the ACPI power button ({@code VIR_DOMAIN_REBOOT_ACPI_POWER_BTN}). */
    ACPI_POWER_BTN(1),
    /** Ask the guest agent ({@code VIR_DOMAIN_REBOOT_GUEST_AGENT}). */
    GUEST_AGENT(2),
    /** Tell the container's init ({@code VIR_DOMAIN_REBOOT_INITCTL}). */
    INITCTL(4),
    /** Send the container's init a signal ({@code VIR_DOMAIN_REBOOT_SIGNAL}). */
    SIGNAL(8),
    /** Use the paravirtual channel, as Xen's ({@code VIR_DOMAIN_REBOOT_PARAVIRT}). */
    PARAVIRT(16);

    private final int bit;

    RebootFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
