package org.jvirt.tck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every suite: a fresh {@link TckSession} per test, closed (and what the test made
 * removed) after it. Suites are abstract; {@link DriverConformanceKit} nests one concrete
 * subclass of each, bound to the driver author's {@link TckTarget}.
 */
abstract class TckSuite {
    /** The current test's session. */
    TckSession s;
    private TestRecord record;
    private TckReport report;

    /** The kit this suite runs in, whose {@link DriverConformanceKit#target()} says what to test. */
    abstract DriverConformanceKit kit();

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
        s = new TckSession(kit().target(), record, report);
    }

    @AfterEach
    final void closeSession() {
        if (s != null) {
            s.close();
        }
    }
}
