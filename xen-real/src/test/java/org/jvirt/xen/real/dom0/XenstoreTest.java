package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Subscription;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xenstore.XenstoreDomains;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * driver-xenstore alone on dom0's C xenstored: a guest that {@code xl create} starts appears as an event
 * ({@code @introduceDomain}), is found by name, and its nodes read as {@code xenstore-ls} shows them; destroyed
 * with {@code xl destroy}, behind jvirt's back, it goes as an event ({@code @releaseDomain}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XenstoreTest {
    /** xl writes the domain's nodes and introduces it within the create; the watch fires at once after. */
    static final Duration EVENT_LIMIT = Duration.ofSeconds(60);

    Connection conn;
    Events events = new Events();
    Subscription subscription;
    XenstoreClient store;
    XenstoreDomains domains;
    int id = -1;
    UUID uuid;

    @BeforeAll
    void openThenStartTheGuest() {
        conn = Connections.xenstore();
        subscription = conn.onDomainEvent(events);
        store = XenstoreClient.connect(XenstoreClient.DEFAULT_SOCKET, XenstoreClient.DEFAULT_TIMEOUT);
        domains = new XenstoreDomains(store);
        id = TestGuest.start();
        uuid = Xl.domain(id).orElseThrow().uuid();
    }

    @AfterAll
    void leaveNoGuest() {
        if (subscription != null) {
            subscription.close();
        }
        if (conn != null) {
            conn.close();
        }
        if (store != null) {
            store.close();
        }
        if (id >= 0) {
            TestGuest.destroyIfPresent(id);
        }
    }

    @Test
    @Order(1)
    void theGuestXlCreatedAppearsAsAStartedEvent() {
        DomainEvent started = events.await(uuid, DomainEventDetail.STARTED_BOOTED, EVENT_LIMIT);
        assertThat(started.domain().id()).isEqualTo(id);
        assertThat(started.domain().name()).isEqualTo(TestGuest.NAME);
    }

    @Test
    @Order(2)
    void lookupsAndListingAreXlsAndXenstoreLs() {
        int xlId = Integer.parseInt(Dom0.run("xl", "domid", TestGuest.NAME).trim());
        assertThat(conn.domainByName(TestGuest.NAME).id()).isEqualTo(xlId).isEqualTo(id);
        assertThat(conn.domainByName(TestGuest.NAME).uuid()).isEqualTo(uuid);
        assertThat(conn.domainById(id).name()).isEqualTo(TestGuest.NAME);
        assertThat(conn.domainByUuid(uuid).id()).isEqualTo(id);
        assertThat(conn.domainById(0).name()).isEqualTo(Xl.domain(0).orElseThrow().name());
        int[] ids = conn.activeDomainIds();
        Arrays.sort(ids);
        assertThat(ids).containsExactly(Xs.list(XenstoreDomains.DOMAINS).stream().mapToInt(Integer::parseInt)
                .sorted().toArray());
        assertThat(ids).containsExactly(Xl.list().stream().mapToInt(Xl.Domain::id).sorted().toArray());
        assertThat(conn.domainById(id).osType()).isEqualTo("linux");
    }

    @Test
    @Order(3)
    void infoIsTheStoresNodesAsXenstoreLsShowsThem() {
        DomainInfo info = conn.domainById(id).info();
        assertThat(info.memoryKiB()).isEqualTo(Long.parseLong(Xs.read(node("memory/target")).orElseThrow()))
                .isEqualTo(Xl.domain(id).orElseThrow().memMiB() * 1024);
        assertThat(info.maxMemoryKiB()).isEqualTo(Long.parseLong(Xs.read(node("memory/static-max")).orElseThrow()));
        assertThat(info.vcpus()).isEqualTo(Xs.list(node("cpu")).size()).isEqualTo(Xl.domain(id).orElseThrow().vcpus());
    }

    @Test
    @Order(4)
    void consoleAndDevicePathsAreXenstoreLss() {
        // xenconsoled writes the pty it opened for the guest (console/tty); the ring is libxl's (ring-ref, port).
        assertThat(domains.consoleTty(id)).isEqualTo(Xs.read(node("console/tty")));
        assertThat(Xs.list(node("console"))).contains("ring-ref", "port");
        assertThat(domains.vncPort(id)).isEqualTo(Xs.read(node("console/vnc-port")).stream()
                .mapToInt(Integer::parseInt).findFirst());
        // Its one device is the PV console, whose backend xenconsoled serves: the frontend names the backend's path.
        assertThat(Xs.read(node("console/backend"))).contains("/local/domain/0/backend/console/" + id + "/0");
        // No disk nor interface (guest.cfg): dom0's backends list none for it, nor does jvirt find one.
        for (String kind : new String[] {"vbd", "tap", "qdisk", "vif"}) {
            assertThat(Xs.list("/local/domain/0/backend/" + kind)).as(kind).doesNotContain(Integer.toString(id));
        }
        assertThat(domains.diskDeviceId(id, "xvda")).isEmpty();
        assertThat(domains.interfaceDeviceId(id, "00:16:3e:00:00:01")).isEmpty();
    }

    @Test
    @Order(5)
    void xlDestroyBehindJvirtsBackIsAStoppedEventAndTheGuestIsGone() {
        Dom0.run("xl", "destroy", Integer.toString(id));
        DomainEvent stopped = events.await(uuid, DomainEventDetail.STOPPED_SHUTDOWN, EVENT_LIMIT);
        assertThat(stopped.domain().name()).isEqualTo(TestGuest.NAME);
        assertThat(Xl.domain(id)).isEmpty();
        assertThat(Xs.list(XenstoreDomains.DOMAINS)).doesNotContain(Integer.toString(id));
        assertThatThrownBy(() -> conn.domainByName(TestGuest.NAME)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        assertThat(conn.activeDomainIds()).doesNotContain(id);
    }

    private String node(String relative) {
        return XenstoreDomains.DOMAINS + "/" + id + (relative.isEmpty() ? "" : "/" + relative);
    }
}
