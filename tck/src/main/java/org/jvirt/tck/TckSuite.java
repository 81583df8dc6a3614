package org.jvirt.tck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every suite of the kit: a fresh session per test, closed (and what the test made removed)
 * after it. {@link DriverConformanceKit} nests one concrete subclass of each suite, bound to the
 * driver author's {@link TckTarget}; a driver replaces one of them to override a test (see the
 * kit's documentation).
 *
 * <p>Test methods are public so that they can be overridden; an override carries JUnit's
 * {@code @Test} (or {@code @ParameterizedTest}) again, as JUnit does not inherit it, and says why
 * beside it — typically by calling {@link #notApplicable(String)}, which reports the test as
 * skipped with that reason.
 *
 * @since 1.0
 */
@ExtendWith(TckReporter.class)
public abstract class TckSuite {
    /** The current test's session. */
    TckSession s;
    private TestRecord record;
    private TckReport report;

    /** Made by the kit's nested classes and by drivers' subclasses. */
    protected TckSuite() {
    }

    /**
     * How to reach the driver under test. The kit's nested suites ask the kit's
     * {@link DriverConformanceKit#target()}; called once per test, on the test's thread.
     */
    protected abstract TckTarget target();

    /**
     * Ends the current test as not applicable to this driver, with {@code reason}: JUnit reports it
     * skipped, the kit's report lists it with the reason, and it never counts as passed.
     *
     * @throws org.opentest4j.TestAbortedException always
     */
    protected static void notApplicable(String reason) {
        throw new NotApplicable(reason);
    }

    /** Called by {@link TckReporter} before each test. */
    final void attach(TestRecord testRecord, TckReport kitReport) {
        this.record = testRecord;
        this.report = kitReport;
    }

    @BeforeEach
    final void openSession() {
        if (record == null) {
            throw new IllegalStateException(getClass().getName() + " runs outside DriverConformanceKit's extension");
        }
        s = new TckSession(target(), record, report);
    }

    @AfterEach
    final void closeSession() {
        if (s != null) {
            s.close();
        }
    }
}
