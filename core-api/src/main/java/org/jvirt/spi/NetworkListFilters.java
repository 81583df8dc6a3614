package org.jvirt.spi;

import java.util.Set;
import org.jvirt.api.NetworkListFilter;

/**
 * The one implementation of libvirt's network list-all filter semantics, for drivers (and the
 * core) to share: within a group (activity, persistence, autostart) filters are or-ed; groups are
 * and-ed; a group with no filter set does not restrict.
 *
 * @since 1.0
 */
public final class NetworkListFilters {
    private NetworkListFilters() {
    }

    /**
     * Whether a network with these properties passes {@code filters}.
     *
     * @param filters the requested filters, never null (empty passes everything)
     * @param active whether it runs
     * @param persistent whether it has a persistent definition
     * @param autostart whether it starts with the host
     */
    public static boolean matches(Set<NetworkListFilter> filters, boolean active, boolean persistent,
                                  boolean autostart) {
        return filters.isEmpty()
                || group(filters, NetworkListFilter.ACTIVE, active, NetworkListFilter.INACTIVE)
                && group(filters, NetworkListFilter.PERSISTENT, persistent, NetworkListFilter.TRANSIENT)
                && group(filters, NetworkListFilter.AUTOSTART, autostart, NetworkListFilter.NO_AUTOSTART);
    }

    private static boolean group(Set<NetworkListFilter> filters, NetworkListFilter yes, boolean is,
                                 NetworkListFilter no) {
        boolean hasYes = filters.contains(yes);
        boolean hasNo = filters.contains(no);
        return !hasYes && !hasNo || hasYes && is || hasNo && !is;
    }
}
