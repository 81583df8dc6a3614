package org.jvirt.xen;

import java.nio.file.Path;
import org.jvirt.tck.DriverConformanceKit;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit on xen:/// as the composition serves it: the test xend (xend 3.1, which keeps
 * inactive domains), Debian's xenstored, the simulated hypervisor and an xm directory, xend acting as the
 * toolstack of the other two ({@link XenRig}).
 */
class XenComposedConformanceTest extends DriverConformanceKit {
    static final String DISK = """
            <disk type='file' device='disk'>
              <source file='{image}'/>
              <target dev='xvdt'/>
            </disk>
            """;

    @TempDir
    static Path dir;
    static XenRig rig;

    @BeforeAll
    static void startHost() throws Exception {
        rig = new XenRig(dir, 4);
    }

    @AfterAll
    static void stopHost() throws Exception {
        rig.close();
    }

    /** The round trip of a transient domain, as far as Xen keeps it. */
    @Nested
    class XmlRoundTripOfXen extends DriverConformanceKit.XmlRoundTrip {
        @Test
        @Override
        public void aTransientDomainsDescriptionCreatesItAgain() {
            // As for xend alone (driver-xend's XendDriverConformanceTest): libvirt names a running Xen guest's
            // interfaces vif<domid>.<n>, and Xen never gives a re-created domain its old id.
            notApplicable("a re-created Xen domain has a new id, and libvirt names its interfaces after the id");
        }
    }

    @Override
    protected TckTarget target() {
        return TckTarget.builder(readOnly -> rig.open(readOnly))
                .description("xen:/// composed: test xend (format 4), Debian's xenstored, a simulated hypervisor, xm files")
                .domainXml(TckTarget.XEN_PV_DOMAIN_XML)
                .diskXml(DISK)
                .build();
    }
}
