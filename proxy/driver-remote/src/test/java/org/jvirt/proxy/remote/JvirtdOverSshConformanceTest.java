package org.jvirt.proxy.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.remote.ssh.SshServer;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote driver runs the conformance kit against jvirtd's test driver over a real sshd on loopback: every
 * operation the remote driver declares must behave there as libvirt specifies, every other must be refused by the
 * core. The client shares one ssh connection among its sessions, and the far side bridges with libvirt's
 * virt-ssh-helper (jvirtd listens where libvirtd would): the kit opens a few hundred connections, and
 * jvirt-ssh-helper's JVM would add its start to each ({@link SshToJvirtdTest} runs jvirt-ssh-helper).
 */
class JvirtdOverSshConformanceTest extends DaemonTestDriverKit {
    @TempDir
    static Path dir;
    static RunningJvirtd jvirtd;
    static SshServer ssh;

    @BeforeAll
    static void start() throws Exception {
        SshServer.require();
        jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")));
        ssh = SshServer.builder(dir).farSideRun(jvirtd.socket().getParent()).multiplexed().start();
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (jvirtd != null) {
            jvirtd.close();
        }
    }

    @Override
    protected TckTarget target() {
        return DaemonTargets.overSsh(ssh.uri("test", "/default"))
                .description("jvirt's remote driver to jvirtd's test:///default over ssh")
                .domainXml(DaemonTargets.TEST_DOMAIN)
                .fullDomainXml(DaemonTargets.FULL_TEST_DOMAIN)
                .build();
    }
}
