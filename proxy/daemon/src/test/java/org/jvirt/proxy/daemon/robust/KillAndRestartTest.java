package org.jvirt.proxy.daemon.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainDefineXmlRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainRestoreArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainSaveArgs;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * jvirtd killed: by SIGKILL in the middle of a burst of defines on jvirt's QEMU driver (whose
 * definitions live on disk under {@code qemu:///embed?root=DIR}), then started again on the same socket
 * directory — the stale socket files are replaced, and every definition the daemon acknowledged is
 * there, its XML whole and unchanged, while one it had not acknowledged is there whole or not at all;
 * and by SIGTERM with a call in flight — that call is answered before the daemon exits, and the
 * socket files are gone.
 */
class KillAndRestartTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void definitionsSurviveSigkillAndARestartReplacesTheStaleSockets() throws Exception {
        Path sockets = Files.createDirectories(dir.resolve("run"));
        String uri = "qemu:///embed?root=" + dir.resolve("qemu");
        Map<String, String> acknowledged = new LinkedHashMap<>();
        List<String> burst = new ArrayList<>();
        try (JvirtdProcess first = JvirtdProcess.start(sockets, dir.resolve("jvirtd-1.log"), START)) {
            try (WireClient c = WireClient.connect(first.socket())) {
                c.open(uri, DEADLINE);
                for (int i = 0; i < 20; i++) {
                    RemoteNonnullDomain d = define(c, "kept-" + i);
                    acknowledged.put(d.name(), xmlOf(c, d));
                }
                // a burst of defines in flight when the daemon is killed
                Map<String, CompletableFuture<Message>> sent = new ConcurrentHashMap<>();
                CompletableFuture<Void> tenAnswered = new CompletableFuture<>();
                java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
                for (int i = 0; i < 200; i++) {
                    String name = "burst-" + i;
                    burst.add(name);
                    CompletableFuture<Message> f = c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_DEFINE_XML,
                            RemoteDomainDefineXmlArgs.CODEC, new RemoteDomainDefineXmlArgs(xml(name)));
                    sent.put(name, f);
                    f.thenRun(() -> {
                        if (answered.incrementAndGet() == 10) {
                            tenAnswered.complete(null);
                        }
                    });
                }
                WireClient.await(tenAnswered, DEADLINE);
                first.kill();
                WireClient.await(c.closed(), DEADLINE);
                for (String name : burst) {
                    CompletableFuture<Message> f = sent.get(name);
                    if (f.isDone() && !f.isCompletedExceptionally()) {
                        Replies.ok(f.join(), RemoteDomainDefineXmlRet.CODEC);
                        acknowledged.put(name, null); // its XML is read after the restart, compared with the kept ones'
                    }
                }
            }
            assertThat(first.socket()).as("the socket file SIGKILL leaves behind").exists();
        }

        try (JvirtdProcess second = JvirtdProcess.start(sockets, dir.resolve("jvirtd-2.log"), START);
             WireClient c = WireClient.connect(second.socket())) {
            c.open(uri, DEADLINE);
            RemoteConnectListAllDomainsRet all = Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                    RemoteConnectListAllDomainsArgs.CODEC, new RemoteConnectListAllDomainsArgs(1, 0), DEADLINE),
                    RemoteConnectListAllDomainsRet.CODEC);
            Map<String, String> found = new LinkedHashMap<>();
            for (RemoteNonnullDomain d : all.domains()) {
                found.put(d.name(), xmlOf(c, d));
            }
            assertThat(found.keySet()).containsAll(acknowledged.keySet());
            assertThat(found.keySet()).allMatch(n -> n.startsWith("kept-") || burst.contains(n));
            for (Map.Entry<String, String> e : found.entrySet()) {
                String expected = acknowledged.get(e.getKey());
                if (expected != null) {
                    assertThat(e.getValue()).as("the XML of %s after the restart", e.getKey()).isEqualTo(expected);
                } else {
                    // defined in the burst: the same document as a kept one's, but for its name and UUID
                    assertThat(normalized(e.getValue())).as("the XML of %s after the restart", e.getKey())
                            .isEqualTo(normalized(acknowledged.get("kept-0")));
                }
            }
            System.out.printf("SIGKILL during a burst of 200 defines: %d acknowledged, %d of the burst on disk after the restart%n",
                    acknowledged.size() - 20, found.size() - 20);
        }
    }

    @Test
    void sigtermAnswersTheCallInFlightThenRemovesTheSockets() throws Exception {
        Path sockets = Files.createDirectories(dir.resolve("run"));
        Path image = dir.resolve("test.img");
        Path fifo = dir.resolve("restore.fifo");
        JvirtdProcess daemon = JvirtdProcess.start(sockets, dir.resolve("jvirtd.log"), START);
        try (WireClient c = WireClient.connect(daemon.socket())) {
            c.open("test:///default", DEADLINE);
            RemoteNonnullDomain test = new RemoteNonnullDomain("test", Seeds.TEST.uuid(), 1);
            Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_DOMAIN_SAVE, RemoteDomainSaveArgs.CODEC,
                    new RemoteDomainSaveArgs(test, image.toString()), DEADLINE));
            // a restore from a pipe: the daemon's call waits in open() and read() until this test writes
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).isZero();
            CompletableFuture<OutputStream> daemonReads = CompletableFuture.supplyAsync(() -> {
                try {
                    return new FileOutputStream(fifo.toFile()); // returns once the daemon has opened the pipe
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CompletableFuture<Message> restore = c.call(RemoteProcedure.REMOTE_PROC_DOMAIN_RESTORE,
                    RemoteDomainRestoreArgs.CODEC, new RemoteDomainRestoreArgs(fifo.toString()));
            try (OutputStream pipe = WireClient.await(daemonReads, DEADLINE)) {
                daemon.process().destroy(); // SIGTERM, with the restore in flight
                Served.poll(() -> !Files.exists(daemon.socket()) && !Files.exists(daemon.readOnlySocket()),
                        () -> "jvirtd did not begin to stop: its sockets are still there");
                assertThat(restore).as("the restore, before its image arrives").isNotDone();
                pipe.write(Files.readAllBytes(image));
            }
            Message answer = WireClient.await(restore, DEADLINE);
            Replies.ok(answer);
            WireClient.await(c.closed(), DEADLINE);
            assertThat(c.strays()).isEmpty();
        } finally {
            int exit = daemon.awaitExit(DEADLINE);
            assertThat(exit).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
        }
        assertThat(daemon.socket()).doesNotExist();
        assertThat(daemon.readOnlySocket()).doesNotExist();
        // the stop's own lines are not lost to java.util.logging's shutdown hook (DaemonLogManager)
        assertThat(daemon.log()).contains("jvirtd stopped");
    }

    private static String xml(String name) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os></domain>";
    }

    private static RemoteNonnullDomain define(WireClient c, String name) {
        return Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_DOMAIN_DEFINE_XML, RemoteDomainDefineXmlArgs.CODEC,
                new RemoteDomainDefineXmlArgs(xml(name)), DEADLINE), RemoteDomainDefineXmlRet.CODEC).dom();
    }

    private static String xmlOf(WireClient c, RemoteNonnullDomain d) {
        return Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC, RemoteDomainGetXmlDescArgs.CODEC,
                new RemoteDomainGetXmlDescArgs(d, 0), DEADLINE), RemoteDomainGetXmlDescRet.CODEC).xml();
    }

    /** The document with its name and UUID blanked: what two definitions made from one template share. */
    private static String normalized(String xml) {
        return xml.replaceAll("<name>[^<]*</name>", "<name/>").replaceAll("<uuid>[^<]*</uuid>", "<uuid/>");
    }
}
