package org.jvirt.driver.xenstore;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.xenstore.testing.Guest;
import org.jvirt.driver.xenstore.testing.RealXenstored;
import org.jvirt.driver.xenstore.testing.Toolstack;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;

/**
 * The XenStore driver runs the conformance kit on the real xenstored, populated by the fixture's
 * toolstack with dom0 and two guests. The driver makes no domains (it only reads the store), so the
 * kit checks its lookups, listings and information on the domains the store lists, NO_SUPPORT of every
 * other operation, and reports the tests that need domains of its own as not applicable.
 */
class XenstoreDriverConformanceTest extends DriverConformanceKit {
    /** Required by the kit; never defined here, as the driver defines nothing. */
    static final String DOMAIN = """
            <domain type='xen'>
              <name>{name}</name>
              <uuid>{uuid}</uuid>
              <memory>131072</memory>
              <vcpu>1</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel></os>
            </domain>
            """;

    @TempDir
    static Path dir;
    static RealXenstored xenstored;

    @BeforeAll
    static void populate() {
        xenstored = RealXenstored.start(dir);
        try (XenstoreClient store = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5))) {
            Toolstack xl = new Toolstack(store);
            xl.dom0();
            xl.create(Guest.pv(3, "web"));
            xl.create(Guest.hvm(5, "win").withRunning(true));
        }
    }

    @AfterAll
    static void stop() {
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @Override
    protected TckTarget target() {
        return TckTarget.forUri("xen:///?xenstored_path=" + xenstored.socket())
                .description("jvirt XenStore driver, on Debian's C xenstored behind the project's shim")
                .domainXml(DOMAIN)
                .build();
    }
}
