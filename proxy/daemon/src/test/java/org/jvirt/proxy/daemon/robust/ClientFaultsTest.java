package org.jvirt.proxy.daemon.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProtocolLimits;
import org.jvirt.proxy.protocol.RpcClient;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetXmlDescArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameRet;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

/**
 * Clients that misbehave at the socket rather than in their frames — stall inside a frame, stop
 * reading their replies, come and go by the thousand, vanish with calls in flight: each costs jvirtd
 * that client's connection at most, never another client's service, and leaves nothing behind.
 */
class ClientFaultsTest {
    private static final int STALLED = 64;

    @TempDir
    Path dir;

    private QuietLogs quiet;
    private Served jvirtd;

    @BeforeEach
    void start() throws IOException {
        quiet = new QuietLogs();
        jvirtd = Served.jvirtd(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        jvirtd.close();
        quiet.close();
    }

    @Test
    void clientsStalledInsideAFrameHoldOnlyWhatTheySent() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<WireClient> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                stalled.add(jvirtd.openClient()); // a round trip: its session thread is reading
            }
            long heapBefore = Heap.usedAfterGc();
            Map<Long, Long> allocatedBefore = allocatedBySessionThreads(threads);
            assertThat(allocatedBefore).hasSizeGreaterThanOrEqualTo(STALLED);
            for (WireClient c : stalled) {
                // libvirt's largest frame announced, one KiB of it sent, and then nothing
                c.sendRaw(BadInputTest.concat(Replies.words(ProtocolLimits.FRAME_MAX), new byte[1024]));
            }
            // each session makes its frame's first buffer when it reads the length: wait until all have
            Served.poll(() -> grownThreads(threads, allocatedBefore, ProtocolLimits.INITIAL) >= STALLED,
                    () -> "only " + grownThreads(threads, allocatedBefore, ProtocolLimits.INITIAL) + " of " + STALLED
                            + " sessions have read their frame's length");
            jvirtd.assertServesAnotherClient();
            // 32 MiB announced by each: a daemon that believed the length would hold 2 GiB here
            for (Map.Entry<Long, Long> t : allocatedBefore.entrySet()) {
                long grown = threads.getThreadAllocatedBytes(t.getKey()) - t.getValue();
                assertThat(grown).as("bytes allocated by a stalled client's session").isLessThan(1 << 20);
            }
            long heapAfter = Heap.usedAfterGc();
            System.out.printf("%d clients stalled in 32 MiB frames: heap %,d -> %,d bytes%n", STALLED, heapBefore, heapAfter);
            assertThat(heapAfter - heapBefore).isLessThan((long) STALLED << 20);
        } finally {
            for (WireClient c : stalled) {
                c.close();
            }
        }
        jvirtd.assertClientCountReaches(0);
    }

    @Test
    void clientsThatStopReadingTheirRepliesDelayNobodyElse() throws Exception {
        // more clients than workers, each with more calls sent than it will ever read replies of
        List<SocketChannel> deaf = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(jvirtd.socket()));
                deaf.add(c);
                c.write(ByteBuffer.wrap(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                        new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).toFrame()));
                c.configureBlocking(false);
                byte[] xml = Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_CAPABILITIES, 1, new byte[0]).toFrame();
                ByteBuffer calls = ByteBuffer.allocate(xml.length * 20_000);
                for (int n = 0; n < 20_000; n++) {
                    calls.put(xml);
                }
                calls.flip();
                c.write(calls); // as much as the socket takes; the daemon reads more as it answers
            }
            for (int round = 0; round < 3; round++) {
                jvirtd.assertServesAnotherClient();
            }
        } finally {
            for (SocketChannel c : deaf) {
                c.close();
            }
        }
        jvirtd.assertClientCountReaches(0);
        jvirtd.assertServesAnotherClient();
    }

    @Test
    void aThousandConnectionsComeAndGoLeavingNoClient() throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                boolean open = i % 2 == 0;
                done.add(pool.submit(() -> {
                    try (RpcClient c = new RpcClient(jvirtd.socket())) {
                        if (open) {
                            Message m = c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, RemoteConnectOpenArgs.CODEC.toBytes(
                                    new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)));
                            Replies.ok(m);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(Served.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        jvirtd.assertClientCountReaches(0);
        long churn = System.nanoTime() - start;

        // and a thousand at once, then all dropped together
        start = System.nanoTime();
        List<RpcClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                RpcClient c = new RpcClient(jvirtd.socket());
                held.add(c);
                if (i % 2 == 0) {
                    Replies.ok(c.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, RemoteConnectOpenArgs.CODEC.toBytes(
                            new RemoteConnectOpenArgs(Optional.of("test:///default"), 0))));
                }
            }
            jvirtd.assertClientCountReaches(1000);
            jvirtd.assertServesAnotherClient();
        } finally {
            for (RpcClient c : held) {
                c.close();
            }
        }
        jvirtd.assertClientCountReaches(0);
        long atOnce = System.nanoTime() - start;
        System.out.printf("1,000 connections one after another (4 at a time, half with CONNECT_OPEN): %d ms;"
                + " 1,000 held at once then dropped: %d ms%n", churn / 1_000_000, atOnce / 1_000_000);
        assertThat(sessionThreads()).as("jvirtd's client threads left").isEmpty();
        jvirtd.assertServesAnotherClient();
    }

    @Test
    void clientsKilledMidCallLeaveTheDaemonWhole() throws Exception {
        RemoteDomainLookupByNameRet test;
        try (WireClient c = jvirtd.openClient()) {
            test = Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME, RemoteDomainLookupByNameArgs.CODEC,
                    new RemoteDomainLookupByNameArgs("test"), Served.DEADLINE), RemoteDomainLookupByNameRet.CODEC);
        }
        byte[] xmlDesc = RemoteDomainGetXmlDescArgs.CODEC.toBytes(new RemoteDomainGetXmlDescArgs(test.dom(), 0));
        for (int i = 0; i < 200; i++) {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(jvirtd.socket()));
                ByteBuffer b = ByteBuffer.wrap(BadInputTest.concat(
                        Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                                new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).toFrame(),
                        calls(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_XML_DESC, xmlDesc, 1 + i % 12)));
                while (b.hasRemaining()) {
                    c.write(b);
                }
            } // closed with the calls in flight, more of them than max_client_requests at times
        }
        jvirtd.assertClientCountReaches(0);
        jvirtd.assertServesAnotherClient();
        assertThat(sessionThreads()).isEmpty();
    }

    private static byte[] calls(RemoteProcedure p, byte[] args, int count) {
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = Message.call(p, i + 1, args).toFrame();
        }
        return BadInputTest.concat(frames);
    }

    private static List<Thread> sessionThreads() {
        List<Thread> left = new ArrayList<>();
        Served.poll(() -> {
            left.clear();
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("jvirtd-client-")).forEach(left::add);
            return left.isEmpty();
        }, () -> left.size() + " client threads still run");
        return left;
    }

    private static Map<Long, Long> allocatedBySessionThreads(com.sun.management.ThreadMXBean threads) {
        Map<Long, Long> m = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jvirtd-client-")) {
                m.put(t.getId(), threads.getThreadAllocatedBytes(t.getId()));
            }
        }
        return m;
    }

    private static int grownThreads(com.sun.management.ThreadMXBean threads, Map<Long, Long> before, long by) {
        int n = 0;
        for (Map.Entry<Long, Long> t : before.entrySet()) {
            if (threads.getThreadAllocatedBytes(t.getKey()) - t.getValue() >= by) {
                n++;
            }
        }
        return n;
    }
}
