package org.jvirt.driver.qemu.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.driver.qemu.Peers;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The QMP client against a real QEMU started as the issue says, then quit. */
@Timeout(60)
class QmpClientRealQemuTest {
    @TempDir
    Path dir;

    @Test
    void talksToARealQemu() throws Exception {
        Path qemu = Peers.x86();
        Path sock = dir.resolve("m.sock");
        Path log = Files.createFile(dir.resolve("log"));
        QemuProcess p = QemuLauncher.launch(List.of(qemu.toString(), "-machine", "pc,accel=tcg", "-nodefaults",
                "-display", "none", "-m", "64", "-S", "-qmp", "unix:" + sock + ",server=on,wait=off",
                "-device", "virtio-balloon"), null, Map.of(), log);
        List<QmpEvent> events = new CopyOnWriteArrayList<>();
        try (QmpClient qmp = QmpClient.connect(sock, QmpClient.Options.DEFAULT, new QmpListener() {
            @Override
            public void onEvent(QmpEvent event) {
                events.add(event);
            }

            @Override
            public void onClose(QmpException cause) {
            }
        }, p::isAlive)) {
            assertThat(qmp.greeting()).containsKey("version");
            assertThat(qmp.executeObject("query-status", null)).containsEntry("status", "prelaunch");
            assertThat(qmp.executeList("query-cpus-fast", null)).hasSize(1);
            qmp.execute("cont");
            assertThat(qmp.executeObject("query-status", null)).containsEntry("running", true);
            qmp.execute("stop");
            assertThat(events).extracting(QmpEvent::name).containsSubsequence("RESUME", "STOP");
            assertThat(qmp.executeObject("query-balloon", null).get("actual")).isEqualTo(64L << 20);
            assertThatThrownBy(() -> qmp.execute("no-such-command")).isInstanceOfSatisfying(QmpException.class, e -> {
                assertThat(e.kind()).isEqualTo(QmpException.Kind.COMMAND_ERROR);
                assertThat(e.errorClass()).isEqualTo("CommandNotFound");
            });
            qmp.execute("quit");
        } finally {
            assertThat(p.await(Duration.ofSeconds(5)) || p.kill(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(events).extracting(QmpEvent::name).contains("SHUTDOWN");
        assertThat(p.isAlive()).isFalse();
    }
}
