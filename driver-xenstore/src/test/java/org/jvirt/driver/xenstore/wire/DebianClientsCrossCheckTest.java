package org.jvirt.driver.xenstore.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.xenstore.testing.DebianClients;
import org.jvirt.driver.xenstore.testing.RealXenstored;

/**
 * The client and Debian's xenstore clients (libxenstore's) on one real xenstored: what one writes the
 * other reads, watches fire across them, permissions agree.
 */
class DebianClientsCrossCheckTest {
    @TempDir
    static Path dir;
    static RealXenstored xenstored;
    static DebianClients debian;
    XenstoreClient client;

    @BeforeAll
    static void start() {
        xenstored = RealXenstored.start(dir);
        debian = new DebianClients(xenstored);
    }

    @AfterAll
    static void stop() {
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @BeforeEach
    void connect() {
        client = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5));
        client.rm("/x");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void whatJvirtWritesTheyRead() {
        client.write("/x/jvirt/name", "guest-one");
        client.write("/x/jvirt/memory/target", "131072");
        client.mkdir("/x/jvirt/empty");
        assertThat(debian.run("xenstore-read", "/x/jvirt/name")).isEqualTo("guest-one\n");
        assertThat(debian.run("xenstore-list", "/x/jvirt").lines().toList())
                .containsExactlyInAnyOrder("name", "memory", "empty");
        assertThat(debian.run("xenstore-ls", "/x/jvirt")).contains("name = \"guest-one\"")
                .contains("target = \"131072\"");
        assertThat(debian.run("xenstore-exists", "/x/jvirt/empty")).isEmpty();
        client.rm("/x/jvirt/name");
        assertThat(debian.runAllowingFailure("xenstore-read", "/x/jvirt/name").status()).isNotZero();
    }

    @Test
    void whatTheyWriteJvirtReads() {
        debian.run("xenstore-write", "/x/deb/a", "alpha", "/x/deb/b/c", "gamma");
        assertThat(client.readString("/x/deb/a")).isEqualTo("alpha");
        assertThat(client.readString("/x/deb/b/c")).isEqualTo("gamma");
        assertThat(client.directory("/x/deb")).containsExactlyInAnyOrder("a", "b");
        debian.run("xenstore-rm", "/x/deb/a");
        assertThat(client.readIfPresent("/x/deb/a")).isEmpty();
    }

    @Test
    void permissionsAgree() {
        client.write("/x/p", "v");
        client.setPermissions("/x/p", List.of(new XsPermission(XsPermission.Access.NONE, 0),
                new XsPermission(XsPermission.Access.READ, 3)));
        assertThat(debian.run("xenstore-ls", "-p", "/x")).contains("n0,r3");
        debian.run("xenstore-chmod", "/x/p", "b0", "w9");
        assertThat(client.permissions("/x/p")).containsExactly(new XsPermission(XsPermission.Access.BOTH, 0),
                new XsPermission(XsPermission.Access.WRITE, 9));
    }

    @Test
    void theirWatchSeesJvirtsWrites() throws Exception {
        client.mkdir("/x/w");
        // xenstore-watch -n 2: the event of registering, then one change, then it exits.
        CompletableFuture<String> watch = CompletableFuture.supplyAsync(
                () -> debian.run("xenstore-watch", "-n", "2", "/x/w"));
        // Until it has registered, a write goes unseen: write until it has seen one.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!watch.isDone() && System.nanoTime() < deadline) {
            client.write("/x/w/k", Long.toString(System.nanoTime()));
            try {
                watch.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // Not seen yet: write again.
            }
        }
        assertThat(watch.get(1, TimeUnit.SECONDS).lines().toList()).contains("/x/w", "/x/w/k");
    }
}
