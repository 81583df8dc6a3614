package org.jvirt.api;

/**
 * Flags of {@link Domain#memoryPeek}, numbered as libvirt's {@code virDomainMemoryFlags}: which
 * address space the offset is in. A call names exactly one.
 *
 * @since 1.0
 */
public enum MemoryPeekFlag implements Flag {
    /** Guest virtual addresses ({@code VIR_MEMORY_VIRTUAL}). */
    VIRTUAL(1),
    /** Guest physical addresses ({@code VIR_MEMORY_PHYSICAL}). */
    PHYSICAL(2);

    private final int bit;

    MemoryPeekFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
