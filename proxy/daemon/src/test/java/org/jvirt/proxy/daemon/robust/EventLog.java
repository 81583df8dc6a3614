package org.jvirt.proxy.daemon.robust;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.remote.RemoteConnectDomainEventCallbackRegisterAnyArgs;
import org.jvirt.proxy.protocol.remote.RemoteConnectDomainEventCallbackRegisterAnyRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventCallbackLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.XdrException;

/**
 * A client that registers one lifecycle callback ({@code CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY},
 * every domain) and records every event it receives, by domain name, in arrival order, as
 * "EVENT/DETAIL". Anything else it receives — an event of another callback or procedure — is kept as
 * unexpected.
 */
final class EventLog implements AutoCloseable {
    private final WireClient client;
    private final int callbackId;
    private final Map<String, List<String>> byDomain = new HashMap<>();
    private final List<Object> unexpected = new ArrayList<>();
    private final Thread reader;
    private final CompletableFuture<Void> sawSentinel = new CompletableFuture<>();
    private volatile String sentinel;
    private volatile long received;

    private EventLog(WireClient client, int callbackId) {
        this.client = client;
        this.callbackId = callbackId;
        this.reader = new Thread(this::collect, "event-log");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to {@code socket}, opens test:///default and registers for every domain's lifecycle events. */
    static EventLog register(Path socket, Duration timeout) throws IOException {
        WireClient c = WireClient.connect(socket);
        c.open("test:///default", timeout);
        int id = Replies.ok(c.callAndWait(RemoteProcedure.REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                RemoteConnectDomainEventCallbackRegisterAnyArgs.CODEC,
                new RemoteConnectDomainEventCallbackRegisterAnyArgs(0, Optional.empty()), timeout),
                RemoteConnectDomainEventCallbackRegisterAnyRet.CODEC).callbackID();
        return new EventLog(c, id);
    }

    /** Completes once the UNDEFINED event of the domain {@code name} has arrived. */
    CompletableFuture<Void> awaitUndefineOf(String name) {
        sentinel = name;
        synchronized (this) {
            List<String> seen = byDomain.get(name);
            if (seen != null && seen.contains(LoadClient.UNDEFINED)) {
                sawSentinel.complete(null);
            }
        }
        return sawSentinel;
    }

    /** What arrived so far, by domain. */
    synchronized Map<String, List<String>> events() {
        Map<String, List<String>> copy = new HashMap<>();
        byDomain.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    synchronized List<Object> unexpected() {
        return List.copyOf(unexpected);
    }

    long received() {
        return received;
    }

    private void collect() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<Message> m = client.nextEvent(Duration.ofSeconds(1));
                if (m.isEmpty()) {
                    if (client.closed().isDone()) {
                        return;
                    }
                    continue;
                }
                record(m.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(Message m) {
        received++;
        if (m.header().proc() != RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE.number()) {
            unexpected.add(m);
            return;
        }
        RemoteDomainEventCallbackLifecycleMsg e;
        try {
            e = m.payload(RemoteDomainEventCallbackLifecycleMsg.CODEC);
        } catch (XdrException x) {
            unexpected.add(x);
            return;
        }
        if (e.callbackID() != callbackId) {
            unexpected.add(e);
        }
        String name = e.msg().dom().name();
        String event = (e.msg().event() + "/" + e.msg().detail()).intern();
        byDomain.computeIfAbsent(name, k -> new ArrayList<>()).add(event);
        if (name.equals(sentinel) && event.equals(LoadClient.UNDEFINED)) {
            sawSentinel.complete(null);
        }
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        client.close();
    }
}
