package org.jvirt.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;

/**
 * Collects the domains {@code list} shows, as virsh's {@code virshDomainListCollect}: with
 * {@link Connection#listAllDomains} when the connection has it, else from the older id and name
 * lists with the filters applied here; then sorted as virsh sorts (active ones by id, then inactive
 * ones by name, ignoring case).
 */
final class DomainLister {
    private DomainLister() {
    }

    /** Active domains first by id, then inactive ones by name compared as C's strcasecmp. */
    static final Comparator<Domain> VIRSH_ORDER = (a, b) -> {
        int ida = a.id();
        int idb = b.id();
        if (ida == -1 && idb == -1) {
            return strcasecmp(a.name(), b.name());
        }
        if (ida != -1 && idb != -1) {
            return Integer.compareUnsigned(ida, idb);
        }
        return ida != -1 ? -1 : 1;
    };

    /** C's {@code strcasecmp} in the C locale: ASCII letters fold to lower case, bytes compare unsigned. */
    static int strcasecmp(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int ca = asciiLower(a.charAt(i));
            int cb = asciiLower(b.charAt(i));
            if (ca != cb) {
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The domains matching {@code filters}, in virsh's order. */
    static List<Domain> collect(Connection connection, Set<DomainListFilter> filters) {
        List<Domain> domains;
        if (connection.supports(Operation.CONNECT_LIST_ALL_DOMAINS)) {
            domains = new ArrayList<>(connection.listAllDomains(filters.toArray(new DomainListFilter[0])));
        } else {
            domains = collectOldStyle(connection, filters);
        }
        domains.sort(VIRSH_ORDER);
        return domains;
    }

    /** Without listAllDomains, as virsh falls back: ids and names, each looked up, filtered here. */
    private static List<Domain> collectOldStyle(Connection connection, Set<DomainListFilter> filters) {
        boolean active = filters.contains(DomainListFilter.ACTIVE);
        boolean inactive = filters.contains(DomainListFilter.INACTIVE);
        if (!active && !inactive) {
            active = true;
            inactive = true;
        }
        List<Domain> found = new ArrayList<>();
        if (active) {
            for (int id : connection.activeDomainIds()) {
                try {
                    found.add(connection.domainById(id));
                } catch (VirtException e) {
                    // Gone since it was listed: skip it, as virsh does.
                }
            }
        }
        if (inactive) {
            for (String name : connection.definedDomainNames()) {
                try {
                    found.add(connection.domainByName(name));
                } catch (VirtException e) {
                    // Gone since it was listed.
                }
            }
        }
        found.removeIf(d -> !matches(d, filters));
        return found;
    }

    private static boolean matches(Domain d, Set<DomainListFilter> f) {
        if (any(f, DomainListFilter.PERSISTENT, DomainListFilter.TRANSIENT)) {
            boolean persistent = d.isPersistent();
            if (!(f.contains(DomainListFilter.PERSISTENT) && persistent
                    || f.contains(DomainListFilter.TRANSIENT) && !persistent)) {
                return false;
            }
        }
        if (any(f, DomainListFilter.RUNNING, DomainListFilter.PAUSED, DomainListFilter.SHUTOFF,
                DomainListFilter.OTHER)) {
            DomainState s = d.state().state();
            boolean match = f.contains(DomainListFilter.RUNNING) && s == DomainState.RUNNING
                    || f.contains(DomainListFilter.PAUSED) && s == DomainState.PAUSED
                    || f.contains(DomainListFilter.SHUTOFF) && s == DomainState.SHUTOFF
                    || f.contains(DomainListFilter.OTHER) && s != DomainState.RUNNING
                    && s != DomainState.PAUSED && s != DomainState.SHUTOFF;
            if (!match) {
                return false;
            }
        }
        if (any(f, DomainListFilter.AUTOSTART, DomainListFilter.NO_AUTOSTART)) {
            boolean autostart = d.autostart();
            if (!(f.contains(DomainListFilter.AUTOSTART) && autostart
                    || f.contains(DomainListFilter.NO_AUTOSTART) && !autostart)) {
                return false;
            }
        }
        // jvirt has neither managed save images nor snapshots: only the "without" filters match.
        if (any(f, DomainListFilter.MANAGEDSAVE, DomainListFilter.NO_MANAGEDSAVE)
                && !f.contains(DomainListFilter.NO_MANAGEDSAVE)) {
            return false;
        }
        return !any(f, DomainListFilter.HAS_SNAPSHOT, DomainListFilter.NO_SNAPSHOT)
                || f.contains(DomainListFilter.NO_SNAPSHOT);
    }

    private static boolean any(Set<DomainListFilter> filters, DomainListFilter... wanted) {
        EnumSet<DomainListFilter> set = EnumSet.noneOf(DomainListFilter.class);
        set.addAll(List.of(wanted));
        set.retainAll(filters);
        return !set.isEmpty();
    }
}
