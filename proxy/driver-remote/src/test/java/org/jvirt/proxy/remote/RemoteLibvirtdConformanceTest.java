package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.tck.TckTarget;

/**
 * The conformance kit over the wire against C libvirt: the remote driver against Debian's libvirtd serving
 * its test driver ({@code test:///default}). Operations libvirt's test driver lacks answer NO_SUPPORT from the
 * daemon, which the kit reports as skipped ({@link TckTarget.Builder#throughDaemon()}).
 */
class RemoteLibvirtdConformanceTest extends LibvirtdTestDriverKit {
    private static Path dir;
    private static Libvirtd libvirtd;

    @BeforeAll
    static void startLibvirtd() throws Exception {
        dir = Files.createTempDirectory("jvirt-remote-tck-libvirtd-");
        libvirtd = Libvirtd.start(dir);
    }

    @AfterAll
    static void stopLibvirtd() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
        TestFiles.delete(dir);
    }

    @Override
    protected TckTarget target() {
        return DaemonTargets.through("test", "test:///default", libvirtd.socket(), libvirtd.readOnlySocket())
                .description("remote driver -> Debian's libvirtd -> libvirt's test:///default")
                .domainXml(DaemonTargets.TEST_DOMAIN)
                .fullDomainXml(DaemonTargets.FULL_TEST_DOMAIN)
                .build();
    }
}
