package org.jvirt.tck;

import static org.jvirt.api.DomainEventDetail.DEFINED_ADDED;
import static org.jvirt.api.DomainEventDetail.DEFINED_UPDATED;
import static org.jvirt.api.DomainEventDetail.RESUMED_UNPAUSED;
import static org.jvirt.api.DomainEventDetail.STARTED_BOOTED;
import static org.jvirt.api.DomainEventDetail.STARTED_RESTORED;
import static org.jvirt.api.DomainEventDetail.STOPPED_DESTROYED;
import static org.jvirt.api.DomainEventDetail.STOPPED_SAVED;
import static org.jvirt.api.DomainEventDetail.STOPPED_SHUTDOWN;
import static org.jvirt.api.DomainEventDetail.SUSPENDED_PAUSED;
import static org.jvirt.api.DomainEventDetail.UNDEFINED_REMOVED;
import static org.jvirt.api.Operation.CONNECT_DOMAIN_EVENT_REGISTER;
import static org.jvirt.api.Operation.CONNECT_GET_TYPE;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_DOMAINS;
import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DESTROY;
import static org.jvirt.api.Operation.DOMAIN_GET_STATE;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_UUID;
import static org.jvirt.api.Operation.DOMAIN_RESTORE;
import static org.jvirt.api.Operation.DOMAIN_RESUME;
import static org.jvirt.api.Operation.DOMAIN_SAVE;
import static org.jvirt.api.Operation.DOMAIN_SHUTDOWN;
import static org.jvirt.api.Operation.DOMAIN_SUSPEND;
import static org.jvirt.api.Operation.DOMAIN_UNDEFINE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.DomainState;
import org.jvirt.api.Operation;
import org.jvirt.api.Subscription;
import org.jvirt.api.VirtException;

/**
 * Lifecycle events: each state change reported exactly once, in order, with libvirt's detail; per
 * domain subscriptions; listeners that call back into the connection or throw.
 *
 * @since 1.0
 */
@SuppressWarnings("try") // subscriptions are held open by try-with-resources
public abstract class EventSuite extends TckSuite {

    /** True when events are declared; otherwise checks NO_SUPPORT of both ways to subscribe. */
    private boolean eventsDeclared() {
        if (s.declaredElseNoSupportOnConnection(CONNECT_DOMAIN_EVENT_REGISTER, c -> c.onDomainEvent(e -> { }))) {
            return true;
        }
        try {
            Domain d = s.anyDomainHandle("checking NO_SUPPORT of per-domain subscriptions");
            Expect.noSupport(CONNECT_DOMAIN_EVENT_REGISTER, () -> d.onEvent(e -> { }));
        } catch (NotApplicable e) {
            s.note(e.getMessage());
        }
        return false;
    }

    /** Runs the operations it is given and remembers the events each must report. */
    private final class Script {
        final List<DomainEventDetail> expected = new ArrayList<>();
        final Set<Operation> exercised = EnumSet.of(CONNECT_DOMAIN_EVENT_REGISTER);

        void step(Operation op, Runnable call, DomainEventDetail... details) {
            Expect.ok(op, call);
            expected.addAll(List.of(details));
            exercised.add(op);
        }

        void check(EventRecorder recorder, Domain d) {
            List<DomainEventDetail> got = recorder.await(d.uuid(), expected.size(), s.target.eventTimeout(),
                    s.target.eventSettleTime());
            eventsCheck(got.equals(expected), "the events of %s after %s must be exactly %s (none lost, none"
                    + " duplicated, in order), got %s", d.name(), names(exercised), expected, got);
            s.contract(exercised.toArray(new Operation[0]));
        }
    }

    /** A check of the events contract: a failure counts against virConnectDomainEventRegisterAny. */
    private static void eventsCheck(boolean condition, String contract, Object... args) {
        if (!condition) {
            TestRecord.violatedOnThisThread(CONNECT_DOMAIN_EVENT_REGISTER);
        }
        Expect.check(condition, contract, args);
    }

    private static String names(Set<Operation> ops) {
        return TckReport.names(ops);
    }

    @Test
    public void everyLifecycleChangeIsReportedOnceInOrder() {
        if (!eventsDeclared()) {
            return;
        }
        s.require("a domain whose whole lifecycle is reported", DOMAIN_DEFINE_XML);
        Connection c = s.conn();
        EventRecorder recorder = new EventRecorder();
        try (Subscription ignored = c.onDomainEvent(recorder)) {
            Script script = new Script();
            String name = TckSession.newName();
            String xml = s.domainXml(name, java.util.UUID.randomUUID());
            Domain[] d = new Domain[1];
            script.step(DOMAIN_DEFINE_XML, () -> d[0] = s.track(c.defineDomain(xml)), DEFINED_ADDED);
            Domain dom = d[0];
            if (s.declares(DOMAIN_CREATE)) {
                script.step(DOMAIN_CREATE, () -> dom.start(), STARTED_BOOTED);
                if (s.declaresAll(DOMAIN_SUSPEND, DOMAIN_RESUME)) {
                    script.step(DOMAIN_SUSPEND, dom::suspend, SUSPENDED_PAUSED);
                    script.step(DOMAIN_RESUME, dom::resume, RESUMED_UNPAUSED);
                }
                if (s.declares(DOMAIN_DESTROY)) {
                    script.step(DOMAIN_DESTROY, () -> dom.destroy(), STOPPED_DESTROYED);
                    if (s.declares(DOMAIN_SHUTDOWN) && s.target.guestHonoursShutdown()) {
                        script.step(DOMAIN_CREATE, () -> dom.start(), STARTED_BOOTED);
                        script.step(DOMAIN_SHUTDOWN, () -> dom.shutdown(), STOPPED_SHUTDOWN);
                        Expect.check(s.awaitState(dom, DomainState.SHUTOFF), "the domain shuts down");
                    }
                }
            }
            script.step(DOMAIN_DEFINE_XML, () -> c.defineDomain(xml), DEFINED_UPDATED);
            if (s.declares(DOMAIN_UNDEFINE)) {
                script.step(DOMAIN_UNDEFINE, () -> dom.undefine(), UNDEFINED_REMOVED);
            }
            script.check(recorder, dom);
            for (DomainEvent e : recorder.all()) {
                if (e.domain().uuid().equals(dom.uuid())) {
                    eventsCheck(e.domain().name().equals(name) && e.domain().connection() == c,
                            "an event names its domain with a handle of the listening connection");
                }
            }
        }
    }

    @Test
    public void aTransientDomainsEvents() {
        if (!eventsDeclared()) {
            return;
        }
        s.require("a transient domain's events", DOMAIN_CREATE_XML, DOMAIN_DESTROY);
        Connection c = s.conn();
        EventRecorder recorder = new EventRecorder();
        try (Subscription ignored = c.onDomainEvent(recorder)) {
            Script script = new Script();
            Domain[] d = new Domain[1];
            String xml = s.domainXml(TckSession.newName(), java.util.UUID.randomUUID());
            script.step(DOMAIN_CREATE_XML, () -> d[0] = s.track(c.createDomain(xml)), STARTED_BOOTED);
            script.step(DOMAIN_DESTROY, () -> d[0].destroy(), STOPPED_DESTROYED);
            script.check(recorder, d[0]);
        }
    }

    @Test
    public void saveAndRestoreEvents() {
        if (!eventsDeclared()) {
            return;
        }
        s.require("save and restore events", DOMAIN_SAVE, DOMAIN_RESTORE);
        Domain d = s.runningDomain();
        Connection c = s.conn();
        EventRecorder recorder = new EventRecorder();
        try (Subscription ignored = c.onDomainEvent(recorder)) {
            Script script = new Script();
            Path image = s.tempDir().resolve(TckSession.newName() + ".save");
            script.step(DOMAIN_SAVE, () -> d.save(image), STOPPED_SAVED);
            script.step(DOMAIN_RESTORE, () -> c.restore(image), STARTED_RESTORED);
            script.check(recorder, d);
        }
    }

    @Test
    public void perDomainSubscriptionsSeeTheirDomainUntilClosed() {
        if (!eventsDeclared()) {
            return;
        }
        s.require("per-domain subscriptions", DOMAIN_SUSPEND, DOMAIN_RESUME);
        Domain a = s.runningDomain();
        Domain b = s.runningDomain();
        Connection c = s.conn();
        EventRecorder everything = new EventRecorder();
        EventRecorder onlyA = new EventRecorder();
        try (Subscription all = c.onDomainEvent(everything)) {
            Subscription sub = Expect.ok(CONNECT_DOMAIN_EVENT_REGISTER, () -> a.onEvent(onlyA));
            a.suspend();
            b.suspend();
            a.resume();
            b.resume();
            everything.await(b.uuid(), 2, s.target.eventTimeout(), s.target.eventSettleTime());
            onlyA.await(a.uuid(), 2, s.target.eventTimeout(), s.target.eventSettleTime());
            eventsCheck(onlyA.all().stream().allMatch(e -> e.domain().uuid().equals(a.uuid())),
                    "a per-domain subscription sees only its domain's events, got %s", onlyA.all());
            eventsCheck(onlyA.details(a.uuid()).equals(List.of(SUSPENDED_PAUSED, RESUMED_UNPAUSED)),
                    "a per-domain subscription sees its domain's events, got %s", onlyA.details(a.uuid()));
            sub.close();
            sub.close();
            a.suspend();
            everything.await(a.uuid(), 3, s.target.eventTimeout(), s.target.eventSettleTime());
            eventsCheck(everything.details(a.uuid()).size() == 3, "the connection-wide listener saw the third event");
            eventsCheck(onlyA.all().size() == 2, "a closed subscription receives nothing more, got %s", onlyA.all());
        }
        s.contract(CONNECT_DOMAIN_EVENT_REGISTER);
    }

    @Test
    public void listenersMayCallBackAndMayThrow() {
        if (!eventsDeclared()) {
            return;
        }
        s.require("events to call back on", DOMAIN_SUSPEND, DOMAIN_RESUME);
        Domain d = s.runningDomain();
        Connection c = s.conn();
        List<Object> answers = Collections.synchronizedList(new ArrayList<>());
        EventRecorder after = new EventRecorder();
        // jvirt's core logs each failure of a listener; the kit's listener fails on purpose.
        Logger coreEvents = Logger.getLogger("org.jvirt.core.events.EventHub");
        Level level = coreEvents.getLevel();
        coreEvents.setLevel(Level.OFF);
        try (Subscription calling = c.onDomainEvent(e -> answers.add(callBack(e)));
             Subscription throwing = c.onDomainEvent(e -> {
                 throw new IllegalStateException("a listener of the kit fails on purpose");
             });
             Subscription recording = c.onDomainEvent(after)) {
            d.suspend();
            d.resume();
            d.suspend();
            List<DomainEventDetail> got = after.await(d.uuid(), 3, s.target.eventTimeout(), s.target.eventSettleTime());
            eventsCheck(got.equals(List.of(SUSPENDED_PAUSED, RESUMED_UNPAUSED, SUSPENDED_PAUSED)), "listeners after"
                    + " one that throws still get every event, got %s", got);
            long deadline = System.nanoTime() + s.target.eventTimeout().toNanos();
            while (answers.size() < 3 && System.nanoTime() < deadline) {
                TckSession.sleep(java.time.Duration.ofMillis(10));
            }
            eventsCheck(answers.size() == 3, "a listener calling back into the connection is not blocked (no"
                    + " deadlock): %d of 3 calls answered: %s", answers.size(), answers);
        } finally {
            coreEvents.setLevel(level);
        }
        s.contract(CONNECT_DOMAIN_EVENT_REGISTER);
    }

    private Object callBack(DomainEvent e) {
        try {
            if (s.declares(DOMAIN_GET_STATE)) {
                return e.domain().state();
            }
            if (s.declares(CONNECT_NUM_OF_DOMAINS)) {
                return e.domain().connection().activeDomainCount();
            }
            if (s.declares(CONNECT_GET_TYPE)) {
                return e.domain().connection().type();
            }
            return e.domain().name();
        } catch (VirtException ex) {
            return ex;
        }
    }

    @Test
    public void everyConnectionOfASharedNodeIsTold() {
        if (!eventsDeclared()) {
            return;
        }
        s.require("events on another connection", DOMAIN_LOOKUP_BY_UUID, DOMAIN_SUSPEND, DOMAIN_RESUME);
        Domain d = s.runningDomain();
        Connection other = s.openReadWrite();
        try {
            other.domainByUuid(d.uuid());
        } catch (VirtException e) {
            throw new NotApplicable("the target gives each connection its own node, so no other connection sees"
                    + " the domain (" + e.code() + ")");
        }
        EventRecorder there = new EventRecorder();
        try (Subscription ignored = other.onDomainEvent(there)) {
            d.suspend();
            d.resume();
            List<DomainEventDetail> got = there.await(d.uuid(), 2, s.target.eventTimeout(), s.target.eventSettleTime());
            eventsCheck(got.equals(List.of(SUSPENDED_PAUSED, RESUMED_UNPAUSED)), "a change made through one connection"
                    + " is reported to the node's other connections, got %s", got);
            eventsCheck(there.all().stream().allMatch(e -> e.domain().connection() == other),
                    "events name domains with handles of the listening connection");
        }
        s.contract(CONNECT_DOMAIN_EVENT_REGISTER);
    }
}
