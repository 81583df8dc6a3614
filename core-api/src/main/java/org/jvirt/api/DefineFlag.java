package org.jvirt.api;

/**
 * Flags of defining a domain or a network and of creating a network, numbered as libvirt's
 * {@code virDomainDefineFlags} and {@code virNetworkDefineFlags} / {@code virNetworkCreateFlags}.
 * Starting flags of a domain are {@link StartFlag}s.
 *
 * @since 1.0
 */
public enum DefineFlag implements Flag {
    /**
     * Check the document against libvirt's RelaxNG schema before anything else, rejecting it with
     * XML_INVALID_SCHEMA ({@code VIR_DOMAIN_DEFINE_VALIDATE}, {@code VIR_NETWORK_DEFINE_VALIDATE},
     * {@code VIR_NETWORK_CREATE_VALIDATE}); done by the core, never passed to a driver.
     */
    VALIDATE(1);

    private final int bit;

    DefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
