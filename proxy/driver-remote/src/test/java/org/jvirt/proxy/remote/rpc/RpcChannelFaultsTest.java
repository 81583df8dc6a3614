package org.jvirt.proxy.remote.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.proxy.protocol.remote.RemoteProcedure.REMOTE_PROC_CONNECT_GET_HOSTNAME;
import static org.jvirt.proxy.protocol.remote.RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE;
import static org.jvirt.proxy.protocol.remote.RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.CloseReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProtocolLimits;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteConnectGetTypeRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventCallbackLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.remote.transport.SocketTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon that misbehaves: whatever it does, the caller gets a VirtException (never a hang), the channel
 * closes cleanly, and the close is reported once with its reason.
 */
class RpcChannelFaultsTest {
    /** Long enough never to fire in the tests that do not wait for it. */
    private static final Duration NO_DEADLINE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private ScriptedDaemon daemon;
    private RpcChannel channel;
    private final List<Message> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new ScriptedDaemon(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        daemon.close();
    }

    private void open(RpcChannel.Settings settings) throws Exception {
        channel = new RpcChannel(SocketTransport.unix(daemon.socket()), settings, new RpcChannel.Listener() {
            @Override
            public void onEvent(Message event) {
                events.add(event);
            }

            @Override
            public void onClosed(CloseReason reason, VirtException cause) {
                if (!closed.complete(reason)) {
                    throw new AssertionError("closed twice: " + reason);
                }
            }
        });
        daemon.accept();
    }

    private void open() throws Exception {
        open(new RpcChannel.Settings(NO_DEADLINE, Duration.ZERO, 0));
    }

    private CompletableFuture<Object> callAsync(RemoteProcedure proc) {
        return CompletableFuture.supplyAsync(() -> channel.call(proc, null));
    }

    private static VirtException failure(CompletableFuture<?> call) throws InterruptedException {
        try {
            call.get(NO_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(VirtException.class);
            return (VirtException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call hung", e);
        }
        throw new AssertionError("the call succeeded");
    }

    private void assertClosedAfterwards(CloseReason reason) throws Exception {
        assertThat(closed.get(NO_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(reason);
        assertThat(channel.isOpen()).isFalse();
        assertThatThrownBy(() -> channel.call(REMOTE_PROC_CONNECT_GET_TYPE, null))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).isEqualTo("internal error: client socket is closed");
                });
    }

    private static byte[] typeReply(Message call, String type) {
        return call.reply(RemoteConnectGetTypeRet.CODEC.toBytes(new RemoteConnectGetTypeRet(type))).toFrame();
    }

    @Test
    void aReplyIsMatchedToItsCallBySerialWhateverTheOrder() throws Exception {
        open();
        CompletableFuture<Object> first = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        Message c1 = daemon.nextCall();
        CompletableFuture<Object> second = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        Message c2 = daemon.nextCall();
        assertThat(c1.header().serial()).isNotEqualTo(c2.header().serial());
        daemon.sendRaw(typeReply(c2, "SECOND"));
        daemon.sendRaw(typeReply(c1, "FIRST"));
        assertThat(first.get()).isEqualTo(new RemoteConnectGetTypeRet("FIRST"));
        assertThat(second.get()).isEqualTo(new RemoteConnectGetTypeRet("SECOND"));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aCallInterruptedWhileAnotherReadsFailsAloneAndItsLateReplyIsDropped() throws Exception {
        open();
        CompletableFuture<Object> first = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        Message c1 = daemon.nextCall();
        Thread reading = awaitReader();
        CompletableFuture<VirtException> interrupted = new CompletableFuture<>();
        Thread waiting = new Thread(() -> {
            try {
                channel.call(REMOTE_PROC_CONNECT_GET_TYPE, null);
                interrupted.completeExceptionally(new AssertionError("the interrupted call returned"));
            } catch (VirtException e) {
                interrupted.complete(e);
            }
        });
        waiting.start();
        Message c2 = daemon.nextCall();
        awaitWaiting(waiting);
        assertThat(channel.readerNow()).isSameAs(reading);
        waiting.interrupt();
        assertThat(interrupted.get(NO_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).getMessage())
                .isEqualTo("interrupted waiting for the reply to REMOTE_PROC_CONNECT_GET_TYPE");
        daemon.sendRaw(typeReply(c2, "LATE"));
        daemon.sendRaw(typeReply(c1, "FIRST"));
        assertThat(first.get()).isEqualTo(new RemoteConnectGetTypeRet("FIRST"));
        assertThat(channel.isOpen()).isTrue();
        CompletableFuture<Object> next = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.sendRaw(typeReply(daemon.nextCall(), "NEXT"));
        assertThat(next.get()).isEqualTo(new RemoteConnectGetTypeRet("NEXT"));
    }

    @Test
    void aCallOnAnInterruptedThreadIsNotSentAndLeavesTheStreamUp() throws Exception {
        open();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> channel.call(REMOTE_PROC_CONNECT_GET_TYPE, null))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("interrupted before calling REMOTE_PROC_CONNECT_GET_TYPE"));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
        CompletableFuture<Object> next = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.sendRaw(typeReply(daemon.nextCall(), "NEXT"));
        assertThat(next.get()).isEqualTo(new RemoteConnectGetTypeRet("NEXT"));
        assertThat(channel.isOpen()).isTrue();
    }

    /** The thread reading the stream, once one does (a caller, or the idle reader). */
    private Thread awaitReader() throws InterruptedException {
        long deadline = System.nanoTime() + NO_DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Thread t = channel.readerNow();
            if (t != null) {
                return t;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("nobody reads the stream");
    }

    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + NO_DEADLINE.toNanos();
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(t + " never waited");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void garbageFailsThePendingCallAndClosesTheChannel() throws Exception {
        open();
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.nextCall();
        // a plausible length, then a header that is no virNetMessageHeader (message type 99)
        byte[] garbage = ByteBuffer.allocate(28).putInt(28).putInt(RemoteProcedure.PROGRAM).putInt(1).putInt(3)
                .putInt(99).putInt(0).putInt(0).array();
        daemon.sendRaw(garbage);
        VirtException e = failure(call);
        assertThat(e.code()).isEqualTo(ErrorCode.RPC);
        assertThat(e.domain()).isEqualTo(ErrorDomain.RPC);
        assertThat(e.getMessage()).startsWith("malformed message from unix socket " + daemon.socket());
        assertClosedAfterwards(CloseReason.ERROR);
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeAnythingIsAllocated() throws Exception {
        open();
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.nextCall();
        daemon.sendRaw(ByteBuffer.allocate(4).putInt(ProtocolLimits.FRAME_MAX + 1).array());
        VirtException e = failure(call);
        assertThat(e.code()).isEqualTo(ErrorCode.RPC);
        assertThat(e.getMessage()).contains("malformed message").contains(String.valueOf(ProtocolLimits.FRAME_MAX + 1));
        assertClosedAfterwards(CloseReason.ERROR);
    }

    @Test
    void aReplyToASerialNeverAskedClosesTheChannel() throws Exception {
        open();
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        Message c = daemon.nextCall();
        Message stray = new Message(new VirNetMessageHeader(c.header().prog(), c.header().vers(), c.header().proc(),
                VirNetMessageType.VIR_NET_REPLY, c.header().serial() + 1000, VirNetMessageStatus.VIR_NET_OK),
                RemoteConnectGetTypeRet.CODEC.toBytes(new RemoteConnectGetTypeRet("X")));
        daemon.send(stray);
        VirtException e = failure(call);
        assertThat(e.code()).isEqualTo(ErrorCode.RPC);
        assertThat(e.getMessage()).contains("serial " + (c.header().serial() + 1000)).contains("no call is waiting");
        assertClosedAfterwards(CloseReason.ERROR);
    }

    @Test
    void aTruncatedReplyPayloadFailsTheCall() throws Exception {
        open();
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        Message c = daemon.nextCall();
        daemon.send(c.reply(new byte[] {0, 0, 0, 9, 'a'})); // a string of 9 bytes, one there
        VirtException e = failure(call);
        assertThat(e.code()).isEqualTo(ErrorCode.RPC);
        assertThat(e.getMessage()).startsWith("cannot read the reply to REMOTE_PROC_CONNECT_GET_TYPE");
        assertClosedAfterwards(CloseReason.ERROR);
    }

    @Test
    void aDaemonThatStallsFailsTheCallAtItsDeadline() throws Exception {
        open(new RpcChannel.Settings(Duration.ofMillis(200), Duration.ZERO, 0));
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_HOSTNAME);
        daemon.nextCall(); // and never answer
        VirtException e = failure(call);
        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("Timed out during operation: no reply to REMOTE_PROC_CONNECT_GET_HOSTNAME from unix socket "
                + daemon.socket() + " within 200 ms");
        assertClosedAfterwards(CloseReason.ERROR);
    }

    @Test
    void aDaemonThatGoesAwayFailsEveryPendingCallWithEndOfFile() throws Exception {
        open();
        CompletableFuture<Object> a = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.nextCall();
        CompletableFuture<Object> b = callAsync(REMOTE_PROC_CONNECT_GET_HOSTNAME);
        daemon.nextCall();
        daemon.hangUp();
        for (CompletableFuture<Object> call : List.of(a, b)) {
            VirtException e = failure(call);
            assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
            assertThat(e.domain()).isEqualTo(ErrorDomain.RPC);
            assertThat(e.getMessage()).isEqualTo("End of file while reading data: Input/output error");
        }
        assertClosedAfterwards(CloseReason.EOF);
    }

    @Test
    void aStreamThatEndsBeforeAnyCallTellsTheNextCallerWhyAndLaterOnesThatItIsClosed() throws Exception {
        open();
        daemon.hangUp();
        assertThat(closed.get(NO_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(CloseReason.EOF);
        assertThatThrownBy(() -> channel.call(REMOTE_PROC_CONNECT_GET_TYPE, null))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("End of file while reading data: Input/output error"));
        assertClosedAfterwards(CloseReason.EOF);
    }

    @Test
    void eventsReachTheListenerAndAnUnknownOneLeavesTheChannelUp() throws Exception {
        open();
        RemoteDomainEventCallbackLifecycleMsg msg = new RemoteDomainEventCallbackLifecycleMsg(77,
                new RemoteDomainEventLifecycleMsg(new RemoteNonnullDomain("d", new byte[16], 3), 2, 0));
        daemon.send(new Message(new VirNetMessageHeader(RemoteProcedure.PROGRAM, RemoteProcedure.VERSION,
                REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE.number(), VirNetMessageType.VIR_NET_MESSAGE, 0,
                VirNetMessageStatus.VIR_NET_OK), RemoteDomainEventCallbackLifecycleMsg.CODEC.toBytes(msg)));
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.sendRaw(typeReply(daemon.nextCall(), "TEST"));
        assertThat(call.get()).isEqualTo(new RemoteConnectGetTypeRet("TEST"));
        // the event was read before the reply: the reader hands messages on in order
        assertThat(events).hasSize(1);
        assertThat(events.get(0).payload(RemoteDomainEventCallbackLifecycleMsg.CODEC)).isEqualTo(msg);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void theClientAnswersTheDaemonsPingWithAPong() throws Exception {
        open();
        daemon.send(keepalive(KeepaliveProcedure.KEEPALIVE_PROC_PING));
        Message pong = daemon.nextCall();
        assertThat(pong.header()).isEqualTo(keepalive(KeepaliveProcedure.KEEPALIVE_PROC_PONG).header());
    }

    @Test
    void aSilentDaemonIsDroppedByKeepalive() throws Exception {
        open(new RpcChannel.Settings(NO_DEADLINE, Duration.ofMillis(50), 3));
        channel.startKeepalive();
        CompletableFuture<Object> call = callAsync(REMOTE_PROC_CONNECT_GET_TYPE);
        daemon.nextCall();
        int pings = 0;
        while (true) {
            Optional<Message> m = daemon.next();
            if (m.isEmpty()) {
                break; // the client hung up
            }
            assertThat(m.get().header()).isEqualTo(keepalive(KeepaliveProcedure.KEEPALIVE_PROC_PING).header());
            pings++;
        }
        assertThat(pings).isEqualTo(3);
        VirtException e = failure(call);
        assertThat(e.getMessage()).isEqualTo("internal error: connection closed due to keepalive timeout");
        assertClosedAfterwards(CloseReason.KEEPALIVE);
    }

    private static Message keepalive(KeepaliveProcedure proc) {
        return new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION,
                proc.number(), VirNetMessageType.VIR_NET_MESSAGE, 0, VirNetMessageStatus.VIR_NET_OK), new byte[0]);
    }
}
