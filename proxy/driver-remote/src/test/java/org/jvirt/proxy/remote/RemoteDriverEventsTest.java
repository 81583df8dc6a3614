package org.jvirt.proxy.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.proxy.remote.rpc.ScriptedDaemon;
import org.jvirt.proxy.remote.uri.LocalHost;
import org.jvirt.proxy.remote.uri.RemoteTarget;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.DomainRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's side of events, against a daemon scripted frame by frame: a lifecycle event for the callback the
 * driver registered reaches the sink; one for a callback never registered is dropped, and the connection stays up.
 */
class RemoteDriverEventsTest {
    private static final int CALLBACK = 7;
    private static final byte[] UUID_BYTES = new byte[16];

    @TempDir
    Path dir;

    @Test
    void anEventForACallbackNeverRegisteredIsDroppedAndTheConnectionStaysUp() throws Exception {
        try (ScriptedDaemon daemon = new ScriptedDaemon(dir)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            DomainEventSink sink = (DomainRef d, DomainEventDetail detail) -> heard.add(d.name() + " " + detail);
            RemoteTarget target = RemoteTarget.of("test+unix:///default?socket=" + daemon.socket(), false,
                    LocalHost.current());
            CompletableFuture<RemoteDriver> opened = CompletableFuture.supplyAsync(() -> {
                RemoteDriver d = RemoteDriver.open(target, false, sink);
                d.listening(true); // what the core does when the connection's first listener subscribes
                return d;
            });
            daemon.accept();
            answerTheOpening(daemon);
            RemoteDriver driver = opened.get(2, TimeUnit.MINUTES);
            try {
                daemon.send(lifecycle(CALLBACK + 1, "stranger"));
                daemon.send(lifecycle(CALLBACK, "known"));
                CompletableFuture<String> hostname = CompletableFuture.supplyAsync(driver::hostname);
                Message call = daemon.nextCall();
                assertThat(call.header().proc()).isEqualTo(REMOTE_PROC_CONNECT_GET_HOSTNAME.number());
                daemon.send(call.reply(RemoteConnectGetHostnameRet.CODEC.toBytes(new RemoteConnectGetHostnameRet("h"))));
                assertThat(hostname.get(2, TimeUnit.MINUTES)).isEqualTo("h");
                // the reader hands messages on in order: both events were handled before the reply
                assertThat(heard).containsExactly("known " + DomainEventDetail.STARTED_BOOTED);
                assertThat(driver.channel().isOpen()).isTrue();
            } finally {
                driver.channel().close();
            }
        }
    }

    /**
     * AUTH_LIST, CONNECT_OPEN, the features asked (keepalive: no; the callback form of events: yes), and the
     * REGISTER_ANY of the first listener.
     */
    private static void answerTheOpening(ScriptedDaemon daemon) throws Exception {
        while (true) {
            Message call = daemon.nextCall();
            RemoteProcedure proc = RemoteProcedure.fromValue(call.header().proc()).orElseThrow();
            switch (proc) {
                case REMOTE_PROC_AUTH_LIST -> daemon.send(call.reply(RemoteAuthListRet.CODEC.toBytes(
                        new RemoteAuthListRet(List.of(RemoteAuthType.REMOTE_AUTH_NONE)))));
                case REMOTE_PROC_CONNECT_OPEN -> daemon.send(call.reply(new byte[0]));
                case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE -> {
                    int feature = call.payload(RemoteConnectSupportsFeatureArgs.CODEC).feature();
                    daemon.send(call.reply(RemoteConnectSupportsFeatureRet.CODEC.toBytes(
                            new RemoteConnectSupportsFeatureRet(feature == 14 ? 1 : 0))));
                }
                case REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY -> {
                    daemon.send(call.reply(RemoteConnectDomainEventCallbackRegisterAnyRet.CODEC.toBytes(
                            new RemoteConnectDomainEventCallbackRegisterAnyRet(CALLBACK))));
                    return;
                }
                default -> throw new AssertionError("unexpected call while opening: " + proc);
            }
        }
    }

    private static Message lifecycle(int callback, String domain) {
        RemoteDomainEventCallbackLifecycleMsg msg = new RemoteDomainEventCallbackLifecycleMsg(callback,
                new RemoteDomainEventLifecycleMsg(new RemoteNonnullDomain(domain, UUID_BYTES, 1), 2, 0));
        return new Message(new VirNetMessageHeader(RemoteProcedure.PROGRAM, RemoteProcedure.VERSION,
                REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE.number(), VirNetMessageType.VIR_NET_MESSAGE, 0,
                VirNetMessageStatus.VIR_NET_OK), RemoteDomainEventCallbackLifecycleMsg.CODEC.toBytes(msg));
    }
}
