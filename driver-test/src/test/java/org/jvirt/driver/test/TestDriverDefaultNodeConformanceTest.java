package org.jvirt.driver.test;

import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;

/**
 * The conformance kit on {@code test:///default}: one node shared by every connection (and reset
 * once the last one closes), so the kit also sees a read-only connection and a second connection
 * observe what the first one changed.
 */
class TestDriverDefaultNodeConformanceTest extends DriverConformanceKit {
    @Override
    protected TckTarget target() {
        return TckTarget.forUri("test:///default")
                .domainXml(TestDriverConformanceTest.DOMAIN)
                .fullDomainXml(TestDriverConformanceTest.FULL_DOMAIN)
                .build();
    }
}
