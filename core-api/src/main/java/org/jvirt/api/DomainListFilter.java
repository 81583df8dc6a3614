package org.jvirt.api;

/**
 * Filters of {@link Connection#listAllDomains}, with the bits of libvirt's
 * {@code virConnectListAllDomainsFlags}. Filters of one group (active/inactive, persistent/transient,
 * state, autostart) are or-ed together; groups are and-ed; an empty set lists every domain.
 *
 * @since 1.0
 */
public enum DomainListFilter implements Flag {
    ACTIVE(1), INACTIVE(2),
    PERSISTENT(4), TRANSIENT(8),
    RUNNING(16), PAUSED(32), SHUTOFF(64), OTHER(128),
    MANAGEDSAVE(256), NO_MANAGEDSAVE(512),
    AUTOSTART(1024), NO_AUTOSTART(2048),
    HAS_SNAPSHOT(4096), NO_SNAPSHOT(8192);

    private final int bit;

    DomainListFilter(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
