package org.jvirt.api;

/**
 * Flags of {@link Network#xmlDesc}, numbered as libvirt's {@code virNetworkXMLFlags}.
 *
 * @since 1.0
 */
public enum NetworkXmlFlag implements Flag {
    /** Describe the persistent definition rather than the running network ({@code VIR_NETWORK_XML_INACTIVE}). */
    INACTIVE(1);

    private final int bit;

    NetworkXmlFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
