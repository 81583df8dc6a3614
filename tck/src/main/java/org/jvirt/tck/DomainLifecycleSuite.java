package org.jvirt.tck;

import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DESTROY;
import static org.jvirt.api.Operation.DOMAIN_GET_AUTOSTART;
import static org.jvirt.api.Operation.DOMAIN_IS_ACTIVE;
import static org.jvirt.api.Operation.DOMAIN_IS_PERSISTENT;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_NAME;
import static org.jvirt.api.Operation.DOMAIN_REBOOT;
import static org.jvirt.api.Operation.DOMAIN_RESUME;
import static org.jvirt.api.Operation.DOMAIN_SET_AUTOSTART;
import static org.jvirt.api.Operation.DOMAIN_SHUTDOWN;
import static org.jvirt.api.Operation.DOMAIN_SUSPEND;
import static org.jvirt.api.Operation.DOMAIN_UNDEFINE;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/**
 * The domain lifecycle: define, create, start, suspend, resume, shutdown, reboot, destroy,
 * undefine, autostart. Every refused transition must leave the domain as it was.
 *
 * <p>Where libvirt's own drivers answer a wrong-state call differently (its test driver raises
 * INTERNAL_ERROR where QEMU raises OPERATION_INVALID, or QEMU lets resuming a running domain
 * succeed), the kit accepts each of libvirt's answers and checks only that the state is unchanged.
 *
 * @since 1.0
 */
public abstract class DomainLifecycleSuite extends TckSuite {
    /** Wrong-state errors libvirt's drivers raise (test driver: INTERNAL_ERROR; QEMU: OPERATION_INVALID). */
    static final Set<ErrorCode> STATE_ERRORS = Set.of(ErrorCode.OPERATION_INVALID, ErrorCode.INTERNAL_ERROR);

    @Test
    public void defineMakesAnInactivePersistentDomainAndUndefineRemovesIt() {
        if (!s.declaredElseNoSupportOnConnection(DOMAIN_DEFINE_XML,
                c -> c.defineDomain(s.domainXml(TckSession.newName(), UUID.randomUUID())))) {
            s.declaredElseNoSupport(DOMAIN_UNDEFINE, Domain::undefine);
            return;
        }
        String name = TckSession.newName();
        UUID uuid = UUID.randomUUID();
        Domain d = s.track(Expect.ok(DOMAIN_DEFINE_XML, () -> s.conn().defineDomain(s.domainXml(name, uuid))));
        Expect.check(d.name().equals(name) && d.uuid().equals(uuid), "the defined domain has the name and UUID of"
                + " its XML: expected %s %s, got %s %s", name, uuid, d.name(), d.uuid());
        s.assertState(d, DomainState.SHUTOFF, null);
        if (s.declares(DOMAIN_IS_PERSISTENT)) {
            Expect.check(s.isPersistent(d), "a defined domain is persistent");
        }
        s.contract(DOMAIN_DEFINE_XML);
        if (s.declaredElseNoSupport(DOMAIN_UNDEFINE, Domain::undefine)) {
            Expect.ok(DOMAIN_UNDEFINE, () -> d.undefine());
            s.assertGone(d);
            s.contract(DOMAIN_UNDEFINE);
        }
    }

    @Test
    public void redefiningUpdatesAndNameOrUuidClashesFail() {
        s.require("redefining", DOMAIN_DEFINE_XML);
        Connection c = s.conn();
        String name = TckSession.newName();
        UUID uuid = UUID.randomUUID();
        Domain d = s.track(c.defineDomain(s.domainXml(name, uuid)));
        int before = s.domainCount();
        Domain again = Expect.ok(DOMAIN_DEFINE_XML, () -> c.defineDomain(s.domainXml(name, uuid)));
        Expect.check(again.equals(d), "defining the same name and UUID again updates that domain");
        Expect.fails(DOMAIN_DEFINE_XML, ErrorCode.OPERATION_FAILED, "another domain has the name",
                () -> s.track(c.defineDomain(s.domainXml(name, UUID.randomUUID()))));
        Expect.fails(DOMAIN_DEFINE_XML, ErrorCode.OPERATION_FAILED, "another domain has the UUID",
                () -> s.track(c.defineDomain(s.domainXml(TckSession.newName(), uuid))));
        Expect.check(s.domainCount() == before, "refused definitions add no domain: %d before, %d after", before,
                s.domainCount());
        s.contract(DOMAIN_DEFINE_XML);
    }

    @Test
    public void startAndDestroy() {
        boolean start = s.declaredElseNoSupport(DOMAIN_CREATE, Domain::start);
        boolean destroy = s.declaredElseNoSupport(DOMAIN_DESTROY, Domain::destroy);
        if (start) {
            Domain d = s.definedDomain();
            Expect.ok(DOMAIN_CREATE, () -> d.start());
            s.assertState(d, DomainState.RUNNING, DomainStateReason.RUNNING_BOOTED);
            Expect.failsWithOneOf(DOMAIN_CREATE, STATE_ERRORS, "the domain is already running", () -> d.start());
            s.assertState(d, DomainState.RUNNING, DomainStateReason.RUNNING_BOOTED);
            s.contract(DOMAIN_CREATE);
            if (destroy) {
                Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
                s.assertState(d, DomainState.SHUTOFF, DomainStateReason.SHUTOFF_DESTROYED);
                if (s.declares(DOMAIN_IS_ACTIVE)) {
                    Expect.check(d.id() == -1, "a destroyed domain's id is -1, got %d", d.id());
                }
                if (s.declares(DOMAIN_IS_PERSISTENT)) {
                    Expect.check(s.isPersistent(d), "destroying a persistent domain keeps its definition");
                }
                Expect.fails(DOMAIN_DESTROY, ErrorCode.OPERATION_INVALID, "the domain is not running", () -> d.destroy());
                s.assertState(d, DomainState.SHUTOFF, DomainStateReason.SHUTOFF_DESTROYED);
                Expect.ok(DOMAIN_CREATE, () -> d.start());
                s.assertState(d, DomainState.RUNNING, DomainStateReason.RUNNING_BOOTED);
                s.contract(DOMAIN_DESTROY);
            }
        } else if (destroy) {
            Domain d = s.runningDomain();
            Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
            s.assertGone(d);
            s.contract(DOMAIN_DESTROY);
        }
    }

    @Test
    public void createMakesARunningTransientDomain() {
        if (!s.declaredElseNoSupportOnConnection(DOMAIN_CREATE_XML,
                c -> c.createDomain(s.domainXml(TckSession.newName(), UUID.randomUUID())))) {
            return;
        }
        Connection c = s.conn();
        String name = TckSession.newName();
        UUID uuid = UUID.randomUUID();
        String xml = s.domainXml(name, uuid);
        Domain d = s.track(Expect.ok(DOMAIN_CREATE_XML, () -> c.createDomain(xml)));
        Expect.check(d.name().equals(name) && d.uuid().equals(uuid), "the created domain has its XML's name and UUID");
        s.assertState(d, DomainState.RUNNING, DomainStateReason.RUNNING_BOOTED);
        if (s.declares(DOMAIN_IS_PERSISTENT)) {
            Expect.check(!s.isPersistent(d), "a created domain is transient");
        }
        int before = s.domainCount();
        Expect.fails(DOMAIN_CREATE_XML, ErrorCode.OPERATION_INVALID, "a domain of that name and UUID is running",
                () -> s.track(c.createDomain(xml)));
        Expect.fails(DOMAIN_CREATE_XML, ErrorCode.OPERATION_FAILED, "another domain has the name",
                () -> s.track(c.createDomain(s.domainXml(name, UUID.randomUUID()))));
        Expect.check(s.domainCount() == before, "refused creations add no domain");
        s.contract(DOMAIN_CREATE_XML);
        if (s.declares(DOMAIN_DESTROY)) {
            Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
            s.assertGone(d);
        }
    }

    @Test
    public void suspendAndResume() {
        boolean suspend = s.declaredElseNoSupport(DOMAIN_SUSPEND, Domain::suspend);
        boolean resume = s.declaredElseNoSupport(DOMAIN_RESUME, Domain::resume);
        if (!suspend && !resume) {
            return;
        }
        s.require("suspend and resume (each needs the other to be checked)", DOMAIN_SUSPEND, DOMAIN_RESUME);
        Domain d = s.runningDomain();
        Expect.succeedsOrFailsCleanly(DOMAIN_RESUME, "the domain is running", d::resume);
        s.assertState(d, DomainState.RUNNING, null);
        Expect.ok(DOMAIN_SUSPEND, d::suspend);
        s.assertState(d, DomainState.PAUSED, DomainStateReason.PAUSED_USER);
        Expect.succeedsOrFailsCleanly(DOMAIN_SUSPEND, "the domain is paused already", d::suspend);
        s.assertState(d, DomainState.PAUSED, DomainStateReason.PAUSED_USER);
        Expect.ok(DOMAIN_RESUME, d::resume);
        s.assertState(d, DomainState.RUNNING, DomainStateReason.RUNNING_UNPAUSED);
        s.contract(DOMAIN_SUSPEND, DOMAIN_RESUME);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.failsWithOneOf(DOMAIN_SUSPEND, STATE_ERRORS, "the domain is not running", inactive::suspend);
            Expect.failsWithOneOf(DOMAIN_RESUME, STATE_ERRORS, "the domain is not running", inactive::resume);
            s.assertState(inactive, DomainState.SHUTOFF, null);
        }
    }

    @Test
    public void shutdown() {
        if (!s.declaredElseNoSupport(DOMAIN_SHUTDOWN, Domain::shutdown)) {
            return;
        }
        Domain d = s.runningDomain();
        boolean persistent = s.declares(DOMAIN_IS_PERSISTENT) && s.isPersistent(d);
        Expect.ok(DOMAIN_SHUTDOWN, () -> d.shutdown());
        if (!s.target.guestHonoursShutdown()) {
            s.note("the target's guest does not honour shutdown requests: only the request was checked");
        } else if (persistent) {
            Expect.check(s.awaitState(d, DomainState.SHUTOFF), "a shut down domain is SHUTOFF within %s",
                    s.target.stateChangeTimeout());
            s.assertState(d, DomainState.SHUTOFF, DomainStateReason.SHUTOFF_SHUTDOWN);
            Expect.failsWithOneOf(DOMAIN_SHUTDOWN, STATE_ERRORS, "the domain is not running", () -> d.shutdown());
            s.assertState(d, DomainState.SHUTOFF, DomainStateReason.SHUTOFF_SHUTDOWN);
        } else {
            awaitGone(d);
        }
        s.contract(DOMAIN_SHUTDOWN);
    }

    private void awaitGone(Domain d) {
        long deadline = System.nanoTime() + s.target.stateChangeTimeout().toNanos();
        while (true) {
            try {
                s.assertGone(d);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                TckSession.sleep(java.time.Duration.ofMillis(20));
            }
        }
    }

    @Test
    public void reboot() {
        if (!s.declaredElseNoSupport(DOMAIN_REBOOT, Domain::reboot)) {
            return;
        }
        Domain d = s.runningDomain();
        Expect.ok(DOMAIN_REBOOT, () -> d.reboot());
        if (s.target.guestHonoursShutdown()) {
            Expect.check(s.awaitState(d, DomainState.RUNNING), "a rebooted domain runs again within %s",
                    s.target.stateChangeTimeout());
        } else {
            s.note("the target's guest does not honour reboot requests: only the request was checked");
        }
        s.contract(DOMAIN_REBOOT);
        if (s.declares(DOMAIN_DEFINE_XML)) {
            Domain inactive = s.definedDomain();
            Expect.fails(DOMAIN_REBOOT, ErrorCode.OPERATION_INVALID, "the domain is not running", () -> inactive.reboot());
            s.assertState(inactive, DomainState.SHUTOFF, null);
        }
    }

    @Test
    public void undefiningARunningDomainMakesItTransient() {
        s.require("undefining a running domain", DOMAIN_DEFINE_XML, DOMAIN_CREATE, DOMAIN_UNDEFINE,
                DOMAIN_IS_PERSISTENT);
        Domain d = s.runningPersistentDomain();
        Expect.ok(DOMAIN_UNDEFINE, () -> d.undefine());
        s.assertState(d, DomainState.RUNNING, null);
        Expect.check(!s.isPersistent(d), "an undefined running domain keeps running as a transient domain");
        // libvirt's test driver lets undefining a transient domain succeed; QEMU refuses (OPERATION_INVALID).
        Expect.succeedsOrFailsCleanly(DOMAIN_UNDEFINE, "the domain is transient", () -> d.undefine());
        s.assertState(d, DomainState.RUNNING, null);
        s.contract(DOMAIN_UNDEFINE, DOMAIN_IS_PERSISTENT);
        if (s.declares(DOMAIN_DESTROY)) {
            Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
            s.assertGone(d);
        }
    }

    @Test
    public void malformedXmlIsRefusedAndChangesNothing() {
        boolean define = s.declaredElseNoSupportOnConnection(DOMAIN_DEFINE_XML, c -> c.defineDomain("<domain"));
        boolean create = s.declaredElseNoSupportOnConnection(DOMAIN_CREATE_XML, c -> c.createDomain("<domain"));
        if (!define && !create) {
            return;
        }
        Connection c = s.conn();
        int before = s.domainCount();
        for (String xml : List.of("<domain", "<domain type='x'><name>a</name>", "<network><name>n</name></network>")) {
            if (define) {
                Expect.fails(DOMAIN_DEFINE_XML, ErrorCode.XML_ERROR, "the XML is malformed: " + xml,
                        () -> c.defineDomain(xml));
            }
            if (create) {
                Expect.fails(DOMAIN_CREATE_XML, ErrorCode.XML_ERROR, "the XML is malformed: " + xml,
                        () -> c.createDomain(xml));
            }
        }
        Expect.check(s.domainCount() == before, "malformed XML adds no domain");
        if (define) {
            s.contract(DOMAIN_DEFINE_XML);
        }
        if (create) {
            s.contract(DOMAIN_CREATE_XML);
        }
    }

    @Test
    public void autostart() {
        boolean get = s.declaredElseNoSupport(DOMAIN_GET_AUTOSTART, Domain::autostart);
        boolean set = s.declaredElseNoSupport(DOMAIN_SET_AUTOSTART, d -> d.setAutostart(true));
        if (!get && !set) {
            return;
        }
        s.require("autostart", DOMAIN_GET_AUTOSTART, DOMAIN_SET_AUTOSTART);
        Domain d = s.definedDomain();
        Expect.check(!Expect.ok(DOMAIN_GET_AUTOSTART, d::autostart), "a new domain does not autostart");
        Expect.ok(DOMAIN_SET_AUTOSTART, () -> d.setAutostart(true));
        Expect.check(d.autostart(), "virDomainSetAutostart(1) sticks");
        Expect.ok(DOMAIN_SET_AUTOSTART, () -> d.setAutostart(false));
        Expect.check(!d.autostart(), "virDomainSetAutostart(0) sticks");
        s.contract(DOMAIN_GET_AUTOSTART, DOMAIN_SET_AUTOSTART);
    }
}
