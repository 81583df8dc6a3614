package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.Subscription;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.Test;

/** Lifecycle events: in order, per domain or for all, to every connection of the node, on a lock-free thread. */
class EventsTest {

    @Test
    void everyTransitionIsReportedInOrderToEveryConnection() throws InterruptedException {
        try (Connection a = Jvirt.open("test:///default"); Connection b = Jvirt.open("test:///default")) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            b.onDomainEvent(e -> {
                seen.add(e.domain().name() + " " + e.detail());
                // A listener may call back into jvirt: no lock of ours is held.
                e.domain().connection().activeDomainCount();
                if (e.detail() == DomainEventDetail.UNDEFINED_REMOVED) {
                    done.countDown();
                }
            });
            Domain test = a.domainByName("test");
            test.suspend();
            test.resume();
            test.destroy();
            test.start();
            test.shutdown();
            Domain t2 = a.defineDomain(LifecycleTest.T2);
            a.defineDomain(LifecycleTest.T2);
            t2.undefine();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly(
                    "test SUSPENDED_PAUSED", "test RESUMED_UNPAUSED", "test STOPPED_DESTROYED",
                    "test STARTED_BOOTED", "test STOPPED_SHUTDOWN",
                    "t2 DEFINED_ADDED", "t2 DEFINED_UPDATED", "t2 UNDEFINED_REMOVED");
        }
    }

    @Test
    void perDomainSubscriptionsAndUnsubscribe() throws InterruptedException {
        try (Connection c = Jvirt.open("test:///default")) {
            List<DomainEventDetail> forT2 = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch two = new CountDownLatch(2);
            Domain t2 = c.defineDomain(LifecycleTest.T2);
            Subscription sub = t2.onEvent(e -> {
                forT2.add(e.detail());
                two.countDown();
            });
            c.domainByName("test").suspend();
            t2.start();
            t2.destroy();
            assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
            sub.close();
            t2.start();
            CountDownLatch marker = new CountDownLatch(1);
            c.onDomainEvent(e -> marker.countDown());
            t2.destroy();
            assertThat(marker.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(forT2).containsExactly(DomainEventDetail.STARTED_BOOTED, DomainEventDetail.STOPPED_DESTROYED);
        }
    }
}
