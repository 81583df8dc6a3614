package org.jvirt.tck;

/**
 * Thrown inside the kit when a test cannot check anything more because the driver lacks a
 * precondition (for instance: it declares virDomainSuspend but no way to create a domain). The
 * kit's extension turns it into a passed test whose report entry says "not applicable" and why;
 * it never escapes to JUnit.
 */
final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApplicable(String reason) {
        super(reason, null, false, false);
    }
}
