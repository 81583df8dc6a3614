package org.jvirt.xen.real.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.Subscription;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * dom0's C xenstored killed and started again under a connection of driver-xenstore: the client reconnects and
 * registers its watches again, so that a guest {@code xl create} starts after the restart is still an event, and so
 * is its destroy. Xen 4.17's xenstored keeps no state across a restart without live update: the new one knows dom0
 * only (xen-init-dom0 writes its nodes again) and xenconsoled, which lost its connection, is started again too. No
 * guest runs meanwhile. Last of the dom0 classes ({@code @Order}): it restarts daemons the others need.
 */
@Order(Integer.MAX_VALUE)
class XenstoredRestartTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void afterXenstoredRestartsTheWatchesAreRegisteredAgain() {
        try (Connection conn = Connections.xenstore()) {
            Events events = new Events();
            try (Subscription watching = conn.onDomainEvent(events)) {
                restart("xenstored", "env", "XENSTORED_ROOTDIR=/run/xenstored", "xenstored", "--pid-file",
                        "/run/xenstored.pid");
                Dom0.until(LIMIT, "the new xenstored to answer", () -> answers("xenstore-read", "-s", "/"));
                Dom0.run("xen-init-dom0");
                restart("xenconsoled", "xenconsoled", "--pid-file=/run/xenconsoled.pid", "--log=guest",
                        "--log-dir=/run/xen-guest-logs");
                assertThat(conn.domainById(0).name()).isEqualTo(Xl.domain(0).orElseThrow().name());

                int id = TestGuest.start();
                try {
                    UUID uuid = Xl.domain(id).orElseThrow().uuid();
                    assertThat(events.await(uuid, DomainEventDetail.STARTED_BOOTED, LIMIT).domain().id()).isEqualTo(id);
                    assertThat(conn.domainByName(TestGuest.NAME).id()).isEqualTo(id);
                    Dom0.run("xl", "destroy", Integer.toString(id));
                    events.await(uuid, DomainEventDetail.STOPPED_SHUTDOWN, LIMIT);
                } finally {
                    TestGuest.destroyIfPresent(id);
                }
            }
        }
    }

    /** Kills dom0's daemon {@code name} (its pid file in /run) and runs {@code command} to start it again. */
    private static void restart(String name, String... command) {
        Path pidFile = Dom0.root().resolve("run/" + name + ".pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid of " + name + " in " + pidFile, e);
        }
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid
                + ") does not run"));
        assertThat(daemon.destroy()).as("SIGTERM to " + name).isTrue();
        Dom0.until(LIMIT, name + " (pid " + pid + ") to end", () -> !daemon.isAlive());
        Dom0.run(command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
    }

    /** Whether dom0's {@code tool} ends well. */
    private static boolean answers(String tool, String... args) {
        try {
            Process p = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of("chroot",
                    Dom0.root().toString(), tool), java.util.Arrays.stream(args)).toList())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
