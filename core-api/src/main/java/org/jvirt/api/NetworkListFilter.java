package org.jvirt.api;

/**
 * Filters of {@link Connection#listAllNetworks}, numbered as libvirt's
 * {@code virConnectListAllNetworksFlags}: within a group (activity, persistence, autostart) filters
 * are or-ed; groups are and-ed; a group with no filter set does not restrict.
 *
 * @since 1.0
 */
public enum NetworkListFilter implements Flag {
    /** Networks not running ({@code VIR_CONNECT_LIST_NETWORKS_INACTIVE}). */
    INACTIVE(1),
    /** Running networks ({@code VIR_CONNECT_LIST_NETWORKS_ACTIVE}). */
    ACTIVE(2),
    /** Networks with a persistent definition ({@code VIR_CONNECT_LIST_NETWORKS_PERSISTENT}). */
    PERSISTENT(4),
    /** Networks without one ({@code VIR_CONNECT_LIST_NETWORKS_TRANSIENT}). */
    TRANSIENT(8),
    /** Networks that start with the host ({@code VIR_CONNECT_LIST_NETWORKS_AUTOSTART}). */
    AUTOSTART(16),
    /** Networks that do not ({@code VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART}). */
    NO_AUTOSTART(32);

    private final int bit;

    NetworkListFilter(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
