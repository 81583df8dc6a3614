package org.jvirt.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.junit.jupiter.api.Test;

class DomainListFiltersTest {

    private static boolean matches(Set<DomainListFilter> filters, DomainState state, boolean persistent, boolean autostart) {
        return DomainListFilters.matches(filters, state, persistent, autostart);
    }

    @Test
    void noFilterMatchesEverything() {
        assertThat(matches(Set.of(), DomainState.SHUTOFF, false, false)).isTrue();
    }

    @Test
    void groupsAreAndedAndFiltersWithinAGroupOred() {
        Set<DomainListFilter> activePersistent = EnumSet.of(DomainListFilter.ACTIVE, DomainListFilter.PERSISTENT);
        assertThat(matches(activePersistent, DomainState.RUNNING, true, false)).isTrue();
        assertThat(matches(activePersistent, DomainState.RUNNING, false, false)).isFalse();
        assertThat(matches(activePersistent, DomainState.SHUTOFF, true, false)).isFalse();
        Set<DomainListFilter> both = EnumSet.of(DomainListFilter.ACTIVE, DomainListFilter.INACTIVE);
        assertThat(matches(both, DomainState.SHUTOFF, true, false)).isTrue();
        assertThat(matches(both, DomainState.PAUSED, true, false)).isTrue();
    }

    @Test
    void stateAndAutostartGroups() {
        assertThat(matches(EnumSet.of(DomainListFilter.PAUSED), DomainState.PAUSED, true, false)).isTrue();
        assertThat(matches(EnumSet.of(DomainListFilter.PAUSED), DomainState.RUNNING, true, false)).isFalse();
        assertThat(matches(EnumSet.of(DomainListFilter.OTHER), DomainState.CRASHED, true, false)).isTrue();
        assertThat(matches(EnumSet.of(DomainListFilter.AUTOSTART), DomainState.RUNNING, true, true)).isTrue();
        assertThat(matches(EnumSet.of(DomainListFilter.NO_AUTOSTART), DomainState.RUNNING, true, true)).isFalse();
        assertThat(matches(EnumSet.of(DomainListFilter.MANAGEDSAVE), DomainState.RUNNING, true, true)).isFalse();
        assertThat(matches(EnumSet.of(DomainListFilter.NO_SNAPSHOT), DomainState.RUNNING, true, true)).isTrue();
    }
}
