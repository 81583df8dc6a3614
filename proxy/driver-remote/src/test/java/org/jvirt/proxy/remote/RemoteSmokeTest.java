package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote driver opens test:///default through jvirtd and through libvirtd and reads the node. */
class RemoteSmokeTest {
    @TempDir
    Path dir;

    @Test
    void jvirtd() {
        try (RunningJvirtd d = RunningJvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            assertThat(c.type()).isEqualTo("TEST");
            assertThat(c.nodeInfo().cpus()).isEqualTo(16);
            assertThat(c.hostname()).isNotEmpty();
        }
    }

    @Test
    void libvirtd() throws Exception {
        try (Libvirtd d = Libvirtd.start(dir);
             Connection c = Jvirt.builder().uri("test+unix:///default?socket=" + d.socket()).open()) {
            assertThat(c.type()).isEqualTo("TEST");
            assertThat(c.nodeInfo().cpus()).isEqualTo(16);
            assertThat(c.version()).isPositive();
        }
    }
}
