package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.tck.TckTarget;

/** The conformance kit over the wire: the remote driver against jvirtd serving jvirt's {@code test:///default}. */
class RemoteJvirtdTestDriverConformanceTest extends DaemonTestDriverKit {
    private static Path dir;
    private static RunningJvirtd jvirtd;

    @BeforeAll
    static void startJvirtd() throws Exception {
        dir = Files.createTempDirectory("jvirt-remote-tck-");
        jvirtd = RunningJvirtd.start(dir);
    }

    @AfterAll
    static void stopJvirtd() throws Exception {
        if (jvirtd != null) {
            jvirtd.close();
        }
        TestFiles.delete(dir);
    }

    @Override
    protected TckTarget target() {
        return DaemonTargets.through("test", "test:///default", jvirtd.socket(), jvirtd.readOnlySocket())
                .description("remote driver -> jvirtd (in-process) -> test:///default")
                .domainXml(DaemonTargets.TEST_DOMAIN)
                .fullDomainXml(DaemonTargets.FULL_TEST_DOMAIN)
                .build();
    }
}
