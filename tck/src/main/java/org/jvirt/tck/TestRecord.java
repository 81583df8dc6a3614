package org.jvirt.tck;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jvirt.api.Operation;

/**
 * What one test of the kit did, for the report: which operations' contracts it checked, which
 * undeclared operations it saw answer NO_SUPPORT, which mutations it saw denied on a read-only
 * connection, notes, and how it ended. Thread-safe (tests may record from worker threads).
 */
final class TestRecord {
    enum Outcome { PASSED, FAILED, NOT_APPLICABLE, ABORTED, DISABLED }

    /** The record of the test running on this thread (worker threads of a test inherit it explicitly). */
    static final ThreadLocal<TestRecord> CURRENT = new ThreadLocal<>();

    final String suite;
    final String test;
    private final Set<Operation> contract = EnumSet.noneOf(Operation.class);
    private final Set<Operation> noSupport = EnumSet.noneOf(Operation.class);
    private final Set<Operation> denied = EnumSet.noneOf(Operation.class);
    private final Set<Operation> invoked = EnumSet.noneOf(Operation.class);
    private final Set<Operation> violated = EnumSet.noneOf(Operation.class);
    private final Set<Operation> daemonLacks = EnumSet.noneOf(Operation.class);
    private volatile boolean throughDaemon;
    private volatile Operation flagOp;
    private volatile org.jvirt.api.Flag flag;
    private final java.util.Map<Operation, String> unchecked = new java.util.EnumMap<>(Operation.class);
    private final List<String> notes = new ArrayList<>();
    private Outcome outcome;
    private String detail;

    TestRecord(String suite, String test) {
        this.suite = suite;
        this.test = test;
    }

    synchronized void contract(Operation... ops) {
        contract.addAll(List.of(ops));
    }

    synchronized void noSupport(Operation op) {
        noSupport.add(op);
    }

    synchronized void denied(Operation op) {
        denied.add(op);
    }

    synchronized void invoked(Operation op) {
        invoked.add(op);
    }

    /** The operation this thread last invoked through {@link Expect#ok}, to blame for a wrong state seen next. */
    static final ThreadLocal<Operation> LAST = new ThreadLocal<>();

    /** Records, on the current thread's test, that {@code op} broke its contract. */
    static void violatedOnThisThread(Operation op) {
        TestRecord r = CURRENT.get();
        if (r != null) {
            r.violated(op);
        }
    }

    /** Whether this test's target is served through a daemon ({@link TckTarget#throughDaemon()}). */
    boolean throughDaemon() {
        return throughDaemon;
    }

    void throughDaemon(boolean value) {
        throughDaemon = value;
    }

    /** Records that the daemon's driver answered declared {@code op} with NO_SUPPORT. */
    synchronized void daemonLacks(Operation op) {
        daemonLacks.add(op);
    }

    synchronized Set<Operation> daemonLacks() {
        return EnumSet.copyOf(daemonLacks);
    }

    /** Says the flags suite now checks {@code flag} of {@code op} (null: no flag any more). */
    void flagUnderTest(Operation op, org.jvirt.api.Flag flagChecked) {
        this.flag = null;
        this.flagOp = op;
        this.flag = flagChecked;
    }

    /** The flag of {@code op} the flags suite is checking, or null. */
    org.jvirt.api.Flag flagUnderTest(Operation op) {
        org.jvirt.api.Flag f = flag;
        return op == flagOp ? f : null;
    }

    synchronized void violated(Operation op) {
        violated.add(op);
    }

    synchronized Set<Operation> violated() {
        return EnumSet.copyOf(violated);
    }

    /** Records that undeclared {@code op}'s NO_SUPPORT could not be checked, and why. */
    synchronized void unchecked(Operation op, String why) {
        unchecked.put(op, why);
    }

    synchronized java.util.Map<Operation, String> unchecked() {
        return new java.util.EnumMap<>(unchecked);
    }

    synchronized void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    /** Sets how the test ended; a graver outcome (FAILED over ABORTED over NOT_APPLICABLE over PASSED) wins. */
    synchronized void end(Outcome how, String why) {
        if (outcome == null || rank(how) > rank(outcome)) {
            outcome = how;
            detail = why;
        }
    }

    private static int rank(Outcome o) {
        return switch (o) {
            case PASSED -> 0;
            case NOT_APPLICABLE -> 1;
            case DISABLED -> 2;
            case ABORTED -> 3;
            case FAILED -> 4;
        };
    }

    synchronized Outcome outcome() {
        return outcome == null ? Outcome.ABORTED : outcome;
    }

    synchronized String detail() {
        return detail;
    }

    synchronized Set<Operation> contract() {
        return EnumSet.copyOf(contract);
    }

    synchronized Set<Operation> noSupport() {
        return EnumSet.copyOf(noSupport);
    }

    synchronized Set<Operation> denied() {
        return EnumSet.copyOf(denied);
    }

    synchronized Set<Operation> invoked() {
        return EnumSet.copyOf(invoked);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** Whether the test checked some declared operation's contract (rather than only NO_SUPPORT or nothing). */
    synchronized boolean checkedAContract() {
        return !contract.isEmpty() || !denied.isEmpty() || !invoked.isEmpty();
    }
}
