package org.jvirt.api;

/**
 * Flags of {@link Domain#xmlDesc}, numbered as libvirt's {@code virDomainXMLFlags}.
 *
 * @since 1.0
 */
public enum XmlFlag implements Flag {
    /** Include security-sensitive information such as VNC passwords. */
    SECURE(1),
    /** Describe the persistent (next boot) definition rather than the running one. */
    INACTIVE(2);

    private final int bit;

    XmlFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
