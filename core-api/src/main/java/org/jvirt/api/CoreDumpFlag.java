package org.jvirt.api;

/**
 * Flags of {@link Domain#coreDump}, numbered as libvirt's {@code virDomainCoreDumpFlags}.
 *
 * @since 1.0
 */
public enum CoreDumpFlag implements Flag {
    /** Crash the domain after the dump: it stops, as crashed ({@code VIR_DUMP_CRASH}). */
    CRASH(1),
    /** Leave the guest running while its state is written ({@code VIR_DUMP_LIVE}). */
    LIVE(2),
    /** Avoid the host's file system cache while writing ({@code VIR_DUMP_BYPASS_CACHE}). */
    BYPASS_CACHE(4),
    /** Reset the domain after the dump ({@code VIR_DUMP_RESET}). */
    RESET(8),
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

    @Override
    public int bit() {
        return bit;
    }
}
