package org.jvirt.tck;

import org.opentest4j.TestAbortedException;

/**
 * Thrown inside the kit when a test cannot check anything (more) because the driver lacks a
 * precondition (for instance: it declares virDomainSuspend but no way to create a domain). A test
 * that has checked nothing ends skipped — JUnit's "aborted" — and the report lists it as not
 * applicable with the reason; one that already checked a contract passes, with the rest noted as
 * not applicable. A target served through a daemon has its own kind, {@link DaemonLacks}.
 */
class NotApplicable extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    NotApplicable(String reason) {
        super(reason);
    }
}
