package org.jvirt.examples.driver;

import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;

/**
 * The example driver passes jvirt's conformance kit: what it declares works as libvirt specifies,
 * and everything it does not declare fails with NO_SUPPORT. This one class is all a driver needs.
 */
class ExampleDriverConformanceTest extends DriverConformanceKit {
    @Override
    protected TckTarget target() {
        // The example runs libvirt's 'test'-type domains: a type libvirt's schema knows, so that the
        // kit can check the descriptions against it.
        return TckTarget.forUri("example:///").domainXml(TckTarget.TEST_DOMAIN_XML).build();
    }
}
