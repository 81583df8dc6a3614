package org.jvirt.api;

import java.util.Collection;

/**
 * One bit of a libvirt entry point's {@code unsigned int flags}: every flag enum of the API
 * implements it, numbered exactly as libvirt numbers it, so flags cross libvirt's wire unchanged.
 *
 * @since 1.0
 */
public interface Flag {
    /** libvirt's bit value. */
    int bit();

    /** The bits of {@code flags} or-ed together, as libvirt's {@code flags} argument; 0 for none. */
    static int bits(Collection<? extends Flag> flags) {
        int bits = 0;
        for (Flag flag : flags) {
            bits |= flag.bit();
        }
        return bits;
    }
}
