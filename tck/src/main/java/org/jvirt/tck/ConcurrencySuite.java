package org.jvirt.tck;

import static org.jvirt.api.DomainEventDetail.DEFINED_ADDED;
import static org.jvirt.api.DomainEventDetail.RESUMED_UNPAUSED;
import static org.jvirt.api.DomainEventDetail.STARTED_BOOTED;
import static org.jvirt.api.DomainEventDetail.STOPPED_DESTROYED;
import static org.jvirt.api.DomainEventDetail.SUSPENDED_PAUSED;
import static org.jvirt.api.DomainEventDetail.UNDEFINED_REMOVED;
import static org.jvirt.api.Operation.CONNECT_DOMAIN_EVENT_REGISTER;
import static org.jvirt.api.Operation.CONNECT_LIST_ALL_DOMAINS;
import static org.jvirt.api.Operation.CONNECT_NUM_OF_DOMAINS;
import static org.jvirt.api.Operation.DOMAIN_CREATE;
import static org.jvirt.api.Operation.DOMAIN_CREATE_XML;
import static org.jvirt.api.Operation.DOMAIN_DEFINE_XML;
import static org.jvirt.api.Operation.DOMAIN_DESTROY;
import static org.jvirt.api.Operation.DOMAIN_GET_INFO;
import static org.jvirt.api.Operation.DOMAIN_GET_STATE;
import static org.jvirt.api.Operation.DOMAIN_LOOKUP_BY_NAME;
import static org.jvirt.api.Operation.DOMAIN_RESUME;
import static org.jvirt.api.Operation.DOMAIN_SUSPEND;
import static org.jvirt.api.Operation.DOMAIN_UNDEFINE;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.Operation;
import org.jvirt.api.Subscription;
import org.jvirt.api.VirtException;

/**
 * Many threads on one connection: every thread's lifecycle work completes within the target's
 * bound (no deadlock — on timeout the failure shows every thread's stack), every state change is
 * reported exactly once and in order per domain, and readers racing the writers only ever see
 * "no such domain" for domains that vanished under them.
 *
 * @since 1.0
 */
public abstract class ConcurrencySuite extends TckSuite {

    /** One thread's cycle on its own domain, built from what the driver declares. */
    private final class Cycle {
        final boolean define = s.declares(DOMAIN_DEFINE_XML);
        final boolean start = define && s.declares(DOMAIN_CREATE);
        final boolean create = !define && s.declares(DOMAIN_CREATE_XML);
        final boolean pause = (start || create) && s.declaresAll(DOMAIN_SUSPEND, DOMAIN_RESUME);
        final boolean destroy = (start || create) && s.declares(DOMAIN_DESTROY);
        final boolean undefine = define && s.declares(DOMAIN_UNDEFINE);

        Cycle() {
            if (!define && !create) {
                throw new NotApplicable("concurrent lifecycles need virDomainDefineXML or virDomainCreateXML,"
                        + " which the driver does not declare");
            }
        }

        /** Runs one cycle on a new domain; returns it and the events it must cause. */
        Domain run(Connection c, List<DomainEventDetail> expected) {
            String xml = s.domainXml(TckSession.newName(), UUID.randomUUID());
            Domain d;
            if (define) {
                d = s.track(Expect.ok(DOMAIN_DEFINE_XML, () -> c.defineDomain(xml)));
                expected.add(DEFINED_ADDED);
                if (start) {
                    Expect.ok(DOMAIN_CREATE, () -> d.start());
                    expected.add(STARTED_BOOTED);
                }
            } else {
                d = s.track(Expect.ok(DOMAIN_CREATE_XML, () -> c.createDomain(xml)));
                expected.add(STARTED_BOOTED);
            }
            if (pause) {
                Expect.ok(DOMAIN_SUSPEND, d::suspend);
                expected.add(SUSPENDED_PAUSED);
                Expect.ok(DOMAIN_RESUME, d::resume);
                expected.add(RESUMED_UNPAUSED);
            }
            if (destroy) {
                Expect.ok(DOMAIN_DESTROY, () -> d.destroy());
                expected.add(STOPPED_DESTROYED);
            }
            if (undefine) {
                Expect.ok(DOMAIN_UNDEFINE, () -> d.undefine());
                expected.add(UNDEFINED_REMOVED);
            }
            return d;
        }

        Operation[] exercised() {
            List<Operation> ops = new ArrayList<>();
            if (define) {
                ops.add(DOMAIN_DEFINE_XML);
            }
            if (start) {
                ops.add(DOMAIN_CREATE);
            }
            if (create) {
                ops.add(DOMAIN_CREATE_XML);
            }
            if (pause) {
                ops.add(DOMAIN_SUSPEND);
                ops.add(DOMAIN_RESUME);
            }
            if (destroy) {
                ops.add(DOMAIN_DESTROY);
            }
            if (undefine) {
                ops.add(DOMAIN_UNDEFINE);
            }
            return ops.toArray(new Operation[0]);
        }
    }

    @Test
    public void manyThreadsOneConnectionNoLostOrDuplicatedEvents() throws Exception {
        Cycle cycle = new Cycle();
        Connection c = s.conn();
        boolean events = s.declares(CONNECT_DOMAIN_EVENT_REGISTER);
        EventRecorder recorder = new EventRecorder();
        Subscription sub = events ? c.onDomainEvent(recorder) : null;
        if (!events) {
            s.note("virConnectDomainEventRegisterAny is not declared: only completion and final state were checked");
        }
        int threads = s.target.concurrencyThreads();
        int cycles = s.target.concurrencyCycles();
        Map<UUID, List<DomainEventDetail>> expected = new ConcurrentHashMap<>();
        Map<UUID, String> names = new ConcurrentHashMap<>();
        try {
            runAll(threads, i -> {
                for (int k = 0; k < cycles; k++) {
                    List<DomainEventDetail> mine = new ArrayList<>();
                    Domain d = cycle.run(c, mine);
                    expected.put(d.uuid(), mine);
                    names.put(d.uuid(), d.name());
                }
            });
            Expect.check(expected.size() == threads * cycles, "every cycle made its own domain: %d of %d",
                    expected.size(), threads * cycles);
            if (events) {
                int total = expected.values().stream().mapToInt(List::size).sum();
                recorder.awaitTotal(total, s.target.eventTimeout());
                TckSession.sleep(s.target.eventSettleTime());
                List<String> wrong = new ArrayList<>();
                for (Map.Entry<UUID, List<DomainEventDetail>> e : expected.entrySet()) {
                    List<DomainEventDetail> got = recorder.details(e.getKey());
                    if (!got.equals(e.getValue())) {
                        wrong.add(names.get(e.getKey()) + ": expected " + e.getValue() + ", got " + got);
                    }
                }
                long kitEvents = recorder.all().stream().filter(e -> expected.containsKey(e.domain().uuid())).count();
                if (!wrong.isEmpty()) {
                    TestRecord.violatedOnThisThread(CONNECT_DOMAIN_EVENT_REGISTER);
                }
                Expect.check(wrong.isEmpty(), "%d threads x %d cycles: every domain's events exactly once, in order"
                        + " (%d expected, %d received); %d domains differ, e.g. %s", threads, cycles, total, kitEvents,
                        wrong.size(), wrong.stream().limit(5).toList());
                s.contract(CONNECT_DOMAIN_EVENT_REGISTER);
            }
        } finally {
            if (sub != null) {
                sub.close();
            }
        }
        if (cycle.undefine && s.declares(DOMAIN_LOOKUP_BY_NAME)) {
            for (String name : names.values()) {
                Expect.fails(DOMAIN_LOOKUP_BY_NAME, org.jvirt.api.ErrorCode.NO_DOMAIN, "every cycle undefined its"
                        + " domain", () -> c.domainByName(name));
            }
        }
        s.contract(cycle.exercised());
    }

    @Test
    public void readersRacingWritersSeeConsistentAnswers() throws Exception {
        Cycle cycle = new Cycle();
        Connection c = s.conn();
        boolean listAll = s.declares(CONNECT_LIST_ALL_DOMAINS);
        boolean count = s.declares(CONNECT_NUM_OF_DOMAINS);
        if (!listAll && !count) {
            throw new NotApplicable("reading while others write needs virConnectListAllDomains or"
                    + " virConnectNumOfDomains, which the driver does not declare");
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        int threads = s.target.concurrencyThreads();
        int writers = Math.max(1, threads / 2);
        runAll(threads, i -> {
            if (i < writers) {
                try {
                    for (int k = 0; k < s.target.concurrencyCycles(); k++) {
                        cycle.run(c, new ArrayList<>());
                    }
                } finally {
                    writing.set(false);
                }
                return;
            }
            do {
                if (count) {
                    Expect.check(c.activeDomainCount() >= 0, "virConnectNumOfDomains is never negative");
                }
                if (listAll) {
                    for (Domain d : c.listAllDomains()) {
                        try {
                            if (s.declares(DOMAIN_GET_STATE)) {
                                d.state();
                            } else if (s.declares(DOMAIN_GET_INFO)) {
                                d.info();
                            }
                        } catch (VirtException e) {
                            Expect.check(TckSession.vanished(e), "a reader racing writers may only see a domain"
                                    + " vanish (NO_DOMAIN), got %s", e);
                        }
                    }
                }
                reads.incrementAndGet();
            } while (writing.get());
        });
        Expect.check(reads.get() > 0, "the readers read");
        s.contract(listAll ? CONNECT_LIST_ALL_DOMAINS : CONNECT_NUM_OF_DOMAINS);
    }

    @Test
    public void connectionsOpenAndCloseConcurrently() throws Exception {
        int threads = s.target.concurrencyThreads();
        Connection main = s.conn();
        runAll(threads, i -> {
            for (int k = 0; k < 3; k++) {
                try (Connection c = s.target.open(i % 2 == 0)) {
                    Expect.check(c.isAlive(), "a connection opened concurrently is alive");
                    if (c.supports(CONNECT_NUM_OF_DOMAINS)) {
                        c.activeDomainCount();
                    }
                }
            }
        });
        Expect.check(main.isAlive(), "other connections closing leave this one open");
        if (main.supports(CONNECT_NUM_OF_DOMAINS)) {
            main.activeDomainCount();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads at once; fails with every thread's stack on timeout. */
    private void runAll(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tck-concurrency");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        TestRecord record = s.record;
        for (int i = 0; i < threads; i++) {
            int thread = i;
            futures.add(pool.submit(() -> {
                TestRecord.CURRENT.set(record);
                go.await();
                work.run(thread);
                return null;
            }));
        }
        go.countDown();
        long deadline = System.nanoTime() + s.target.concurrencyTimeout().toNanos();
        try {
            for (Future<?> f : futures) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof NotApplicable na) {
                        throw na;
                    }
                    if (cause instanceof AssertionError ae) {
                        throw ae;
                    }
                    throw new AssertionError("a thread failed: " + cause, cause);
                } catch (TimeoutException e) {
                    throw new AssertionError("deadlock? the work of " + threads + " threads did not finish within "
                            + s.target.concurrencyTimeout() + "; threads:\n" + threadDump());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append(info);
        }
        return out.toString();
    }
}
