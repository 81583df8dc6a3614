package org.jvirt.spi;

import java.util.Set;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;

/**
 * The one implementation of libvirt's list-all filter semantics, for drivers to share: within a
 * group (activity, persistence, state, autostart, managed save, snapshots) filters are or-ed; groups are
 * and-ed; a group with no filter set does not restrict.
 *
 * @since 1.0
 */
public final class DomainListFilters {
    private DomainListFilters() {
    }

    /**
     * Whether a domain with these properties passes {@code filters}.
     *
     * @param filters the requested filters, never null (empty passes everything)
     * @param state the domain's state, never null
     * @param persistent whether it has a persistent definition
     * @param autostart whether it starts with the host
     */
    public static boolean matches(Set<DomainListFilter> filters, DomainState state, boolean persistent,
                                  boolean autostart) {
        if (filters.isEmpty()) {
            return true;
        }
        boolean active = state.isActive();
        return group(filters, DomainListFilter.ACTIVE, active, DomainListFilter.INACTIVE, !active)
                && group(filters, DomainListFilter.PERSISTENT, persistent, DomainListFilter.TRANSIENT, !persistent)
                && group(filters, DomainListFilter.AUTOSTART, autostart, DomainListFilter.NO_AUTOSTART, !autostart)
                // Drivers without managed save or snapshots: every domain has none.
                && group(filters, DomainListFilter.MANAGEDSAVE, false, DomainListFilter.NO_MANAGEDSAVE, true)
                && group(filters, DomainListFilter.HAS_SNAPSHOT, false, DomainListFilter.NO_SNAPSHOT, true)
                && stateGroup(filters, state);
    }

    private static boolean group(Set<DomainListFilter> filters, DomainListFilter a, boolean isA,
                                 DomainListFilter b, boolean isB) {
        boolean hasA = filters.contains(a);
        boolean hasB = filters.contains(b);
        return !hasA && !hasB || hasA && isA || hasB && isB;
    }

    private static boolean stateGroup(Set<DomainListFilter> filters, DomainState state) {
        boolean running = filters.contains(DomainListFilter.RUNNING);
        boolean paused = filters.contains(DomainListFilter.PAUSED);
        boolean shutoff = filters.contains(DomainListFilter.SHUTOFF);
        boolean other = filters.contains(DomainListFilter.OTHER);
        if (!running && !paused && !shutoff && !other) {
            return true;
        }
        return switch (state) {
            case RUNNING -> running;
            case PAUSED -> paused;
            case SHUTOFF -> shutoff;
            default -> other;
        };
    }
}
