package org.jvirt.api;

/** Flags of {@link Domain#coreDump}, numbered as libvirt's {@code virDomainCoreDumpFlags} (those jvirt knows). */
public enum CoreDumpFlag {
    /**
     * Only the guest's memory, as an ELF core ({@code VIR_DUMP_MEMORY_ONLY}). Without it the dump is
     * the hypervisor's own record of the whole guest state (for QEMU, as libvirt: its migration
     * stream), which may be aborted while it is written.
     */
    MEMORY_ONLY(1 << 4);

    private final int bit;

    CoreDumpFlag(int bit) {
        this.bit = bit;
    }

    /** libvirt's bit value. */
    public int bit() {
        return bit;
    }
}
