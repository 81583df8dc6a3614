package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.junit.jupiter.api.Test;

/**
 * A guest that crashes: Xen keeps it (guest.cfg's {@code on_crash = "preserve"}) shut down with the crash code,
 * which {@code xen:///} must read as crashed, as xl does, and still destroy.
 */
class GuestCrashTest {
    static final Duration CHANGE_LIMIT = Duration.ofSeconds(60);

    @Test
    void aCrashedGuestIsCrashedAsXlSaysAndCanBeDestroyed() {
        int id = TestGuest.start();
        try (Connection conn = Connections.hypercall()) {
            // Sysrq c through XenStore: the guest's kernel panics, and tells Xen it crashed.
            Dom0.run("xl", "sysrq", Integer.toString(id), "c");
            try {
                Dom0.until(CHANGE_LIMIT, "xl to show domain " + id + " crashed",
                        () -> Xl.domain(id).orElseThrow().state().indexOf('c') >= 0);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + TestGuest.consoleTail(), e);
            }
            Domain guest = conn.domainById(id);
            assertThat(guest.info().state()).isEqualTo(DomainState.CRASHED);
            assertThat(guest.state().state()).isEqualTo(DomainState.CRASHED);
            assertThat(guest.isActive()).isTrue();
            guest.destroy();
            Dom0.until(CHANGE_LIMIT, "xl to list no domain " + id, () -> Xl.domain(id).isEmpty());
        } finally {
            TestGuest.destroyIfPresent(id);
        }
    }
}
