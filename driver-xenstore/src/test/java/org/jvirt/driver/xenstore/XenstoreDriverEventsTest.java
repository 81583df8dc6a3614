package org.jvirt.driver.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.Connection;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.Subscription;
import org.jvirt.core.Jvirt;
import org.jvirt.driver.xenstore.testing.Guest;
import org.jvirt.driver.xenstore.testing.RealXenstored;
import org.jvirt.driver.xenstore.testing.Toolstack;
import org.jvirt.driver.xenstore.wire.XenstoreClient;

/**
 * Domains starting and stopping, reported from {@code @introduceDomain} and {@code @releaseDomain} that the
 * real xenstored fires when the fixture's toolstack introduces and releases domains.
 */
class XenstoreDriverEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    RealXenstored xenstored;
    XenstoreClient admin;
    Toolstack xl;
    Connection conn;
    final LinkedBlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
    Subscription subscription;

    @BeforeEach
    void start() {
        xenstored = RealXenstored.start(dir);
        admin = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5));
        xl = new Toolstack(admin);
        xl.dom0();
        conn = Jvirt.open(uri());
        subscription = conn.onDomainEvent(events::add);
    }

    @AfterEach
    void stop() {
        if (conn != null) {
            conn.close();
        }
        if (admin != null) {
            admin.close();
        }
        xenstored.close();
    }

    private String uri() {
        return "xen:///?xenstored_path=" + xenstored.socket();
    }

    private DomainEvent next() throws InterruptedException {
        DomainEvent e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(e).as("an event within " + WAIT.toSeconds() + " s").isNotNull();
        return e;
    }

    private static void assertEvent(DomainEvent e, Guest g, DomainEventDetail detail) {
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.domain().name()).isEqualTo(g.name());
        assertThat(e.domain().uuid()).isEqualTo(g.uuid());
    }

    @Test
    void aDomainIntroducedIsStartedAndOneReleasedIsStopped() throws Exception {
        Guest g = Guest.pv(7, "ev7");
        xl.create(g);
        assertEvent(next(), g, DomainEventDetail.STARTED_BOOTED);
        xl.destroy(g);
        assertEvent(next(), g, DomainEventDetail.STOPPED_SHUTDOWN);
        // Events leave in order from one thread: had either been reported twice, the copy would come first.
        Guest sentinel = Guest.pv(8, "ev8");
        xl.create(sentinel);
        assertEvent(next(), sentinel, DomainEventDetail.STARTED_BOOTED);
    }

    @Test
    void domainsRunningBeforeTheConnectionAreNotReportedAsStarting() throws Exception {
        Guest early = Guest.pv(4, "early");
        xl.create(early);
        assertEvent(next(), early, DomainEventDetail.STARTED_BOOTED);
        try (Connection later = Jvirt.open(uri())) {
            LinkedBlockingQueue<DomainEvent> seen = new LinkedBlockingQueue<>();
            later.onDomainEvent(seen::add);
            Guest sentinel = Guest.pv(6, "sentinel");
            xl.create(sentinel);
            DomainEvent first = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertEvent(first, sentinel, DomainEventDetail.STARTED_BOOTED);
        }
    }

    @Test
    void aReleaseBeforeTheNodesGoIsReportedWhenTheyGo() throws Exception {
        Guest g = Guest.pv(9, "slowrm");
        xl.create(g);
        assertEvent(next(), g, DomainEventDetail.STARTED_BOOTED);
        admin.releaseDomain(g.id()); // @releaseDomain, while /local/domain/9 is still there
        // Events leave in order: had the release been reported as a stop, it would come before this start.
        Guest sentinel = Guest.pv(14, "sentinel");
        xl.create(sentinel);
        assertEvent(next(), sentinel, DomainEventDetail.STARTED_BOOTED);
        xl.remove(g); // no event: the driver, looking again, sees the nodes go
        assertEvent(next(), g, DomainEventDetail.STOPPED_SHUTDOWN);
    }

    @Test
    void aDomainIntroducedBeforeItsNameIsWrittenIsReportedOnceItIs() throws Exception {
        Guest g = Guest.pv(10, "late-name");
        xl.write(g);
        admin.rm(g.path() + "/name");
        xl.introduce(g);
        Guest sentinel = Guest.pv(15, "sentinel");
        xl.create(sentinel);
        assertEvent(next(), sentinel, DomainEventDetail.STARTED_BOOTED); // and nothing of the nameless one before
        admin.write(g.path() + "/name", g.name()); // no event: the driver, looking again, finds it complete
        assertEvent(next(), g, DomainEventDetail.STARTED_BOOTED);
    }

    @Test
    void everyConnectionIsTold() throws Exception {
        try (Connection other = Jvirt.open(uri())) {
            LinkedBlockingQueue<DomainEvent> there = new LinkedBlockingQueue<>();
            other.onDomainEvent(there::add);
            Guest g = Guest.hvm(12, "both");
            xl.create(g);
            assertEvent(next(), g, DomainEventDetail.STARTED_BOOTED);
            DomainEvent e = there.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertEvent(e, g, DomainEventDetail.STARTED_BOOTED);
            assertThat(e.domain().connection()).isSameAs(other);
        }
    }

    @Test
    void afterXenstoredRestartsTheDifferenceIsReported() throws Exception {
        Guest stays = Guest.pv(3, "stays");
        Guest goes = Guest.pv(5, "goes");
        Guest comes = Guest.pv(13, "comes");
        xl.create(stays);
        xl.create(goes);
        List<DomainEvent> seen = new ArrayList<>(List.of(next(), next()));
        assertThat(seen).extracting(e -> e.domain().name()).containsExactlyInAnyOrder("stays", "goes");

        xenstored.restart(); // a new, empty store: the toolstack writes what runs now
        try (XenstoreClient fresh = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5))) {
            Toolstack again = new Toolstack(fresh);
            again.dom0();
            again.create(stays);
            again.create(comes);
            // The driver may have looked while the new store was still empty: whatever it reported in
            // between, each domain's last word must be its state now.
            Map<String, DomainEventDetail> last = new HashMap<>(Map.of("stays", DomainEventDetail.STARTED_BOOTED,
                    "goes", DomainEventDetail.STARTED_BOOTED, "Domain-0", DomainEventDetail.STARTED_BOOTED));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!(last.get("goes") == DomainEventDetail.STOPPED_SHUTDOWN
                    && last.get("comes") == DomainEventDetail.STARTED_BOOTED
                    && last.get("stays") == DomainEventDetail.STARTED_BOOTED
                    && last.get("Domain-0") == DomainEventDetail.STARTED_BOOTED)) {
                DomainEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(e).as("events after the restart; so far " + last).isNotNull();
                seen.add(e);
                DomainEventDetail before = last.put(e.domain().name(), e.detail());
                assertThat(before).as("a domain's events alternate: " + seen).isNotEqualTo(e.detail());
            }
            assertThat(conn.activeDomainIds()).containsExactlyInAnyOrder(0, 3, 13);
        }
    }
}
