package org.jvirt.proxy.remote;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.proxy.remote.ssh.SshServer;
import org.jvirt.tck.TckTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance kit on real QEMU over ssh: {@link RemoteJvirtdQemuConformanceTest}'s jvirtd and guests, reached
 * through a real sshd on loopback and libvirt's virt-ssh-helper on the far side.
 */
class JvirtdQemuOverSshConformanceTest extends RemoteJvirtdQemuConformanceTest {
    private static Path sshDir;
    private static SshServer ssh;

    @BeforeAll
    static void startSsh() throws Exception {
        SshServer.require();
        // short: the ssh client's control socket lives below it (a unix socket path is at most 108 bytes)
        sshDir = Files.createTempDirectory("jq");
        ssh = SshServer.builder(sshDir).farSideRun(jvirtd.socket().getParent()).multiplexed().start();
    }

    @AfterAll
    static void stopSsh() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
        TestFiles.delete(sshDir);
    }

    @Override
    protected TckTarget target() {
        String embed = URLEncoder.encode("qemu:///embed?root=" + root, StandardCharsets.UTF_8);
        return configured(DaemonTargets.overSsh(ssh.uri("qemu", "/system", "name=" + embed))
                .description("remote driver -> ssh -> jvirtd -> qemu:///embed"));
    }
}
