package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.proxy.remote.ssh.SshServer;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote driver runs the conformance kit against Debian's libvirtd (its test driver) over a real sshd on
 * loopback, bridged by libvirt's own virt-ssh-helper, the client sharing one ssh connection among its sessions:
 * what jvirt's remote driver declares must behave as libvirt's own client sees it behave.
 */
class LibvirtdOverSshConformanceTest extends LibvirtdTestDriverKit {
    @TempDir
    static Path dir;
    static Libvirtd libvirtd;
    static SshServer ssh;

    @BeforeAll
    static void start() throws Exception {
        SshServer.require();
        libvirtd = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")));
        ssh = SshServer.builder(dir).farSideRun(libvirtd.socket().getParent()).multiplexed().start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (ssh != null) {
            ssh.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    @Override
    protected TckTarget target() {
        return DaemonTargets.overSsh(ssh.uri("test", "/default"))
                .description("jvirt's remote driver to libvirtd's test:///default over ssh and virt-ssh-helper")
                .domainXml(DaemonTargets.TEST_DOMAIN)
                .fullDomainXml(DaemonTargets.FULL_TEST_DOMAIN)
                .build();
    }
}
